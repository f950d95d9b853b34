import { describe, expect, it } from 'vitest';
import { metadataUrls } from '../src/authorization-server.js';
import { identifies } from '../src/protected-resource.js';

describe('metadataUrls (RFC 8414 §3.1, OpenID Discovery §4, in the MCP spec order)', () => {
  it('tries RFC 8414 then OpenID for an issuer without a path', () => {
    expect(metadataUrls(new URL('https://as.example.com')).map(String)).toEqual([
      'https://as.example.com/.well-known/oauth-authorization-server',
      'https://as.example.com/.well-known/openid-configuration',
    ]);
  });

  it('inserts, then appends, the path of an issuer with one', () => {
    expect(metadataUrls(new URL('https://as.example.com/tenant1')).map(String)).toEqual([
      'https://as.example.com/.well-known/oauth-authorization-server/tenant1',
      'https://as.example.com/.well-known/openid-configuration/tenant1',
      'https://as.example.com/tenant1/.well-known/openid-configuration',
    ]);
  });
});

describe('identifies (RFC 8707 §2, RFC 9728 §3.3)', () => {
  const endpoint = new URL('https://mcp.example.com/api/mcp');

  it('accepts the endpoint itself and its parents on segment boundaries', () => {
    expect(identifies('https://mcp.example.com/api/mcp', endpoint)).toBe(true);
    expect(identifies('https://mcp.example.com/api/', endpoint)).toBe(true);
    expect(identifies('https://mcp.example.com', endpoint)).toBe(true);
  });

  it('refuses another origin, a sibling path, a query or a fragment', () => {
    expect(identifies('https://evil.example.com/api/mcp', endpoint)).toBe(false);
    expect(identifies('https://mcp.example.com/ap', endpoint)).toBe(false);
    expect(identifies('https://mcp.example.com/api/mcp?x=1', endpoint)).toBe(false);
    expect(identifies('https://mcp.example.com/api/mcp#f', endpoint)).toBe(false);
    expect(identifies('not a url', endpoint)).toBe(false);
  });
});
