// The authorization option: the canonical resource URI (authorization spec, canonical server
// URI; RFC 8707 §2), the metadata path (RFC 9728 §3.1) and the checks done once per handler.
import { McpServer } from '@tern/core-protocol';
import { describe, expect, it } from 'vitest';
import { canonicalResource, createFetchHandler, resourceMetadataPath } from '../../src/index.js';
import type { ResourceServerOptions } from '../../src/index.js';
import { resolveResourceServer } from '../../src/auth/resource-server-options.js';
import { tableVerifier } from '../helpers/table-verifier.js';
import { SdkError } from '@tern/jsonrpc';

const BASE: ResourceServerOptions = {
  resource: 'https://mcp.example.com/mcp',
  authorizationServers: ['https://auth.example.com'],
  verifier: tableVerifier,
};

describe('canonicalResource', () => {
  it('lower-cases scheme and host, drops the default port and a trailing slash', () => {
    expect(canonicalResource('HTTPS://MCP.Example.COM:443/mcp/')).toBe('https://mcp.example.com/mcp');
    expect(canonicalResource('https://mcp.example.com/')).toBe('https://mcp.example.com');
    expect(canonicalResource('http://127.0.0.1:8080/mcp')).toBe('http://127.0.0.1:8080/mcp');
  });

  it('keeps the path case-sensitive and refuses what is not an absolute http(s) URI', () => {
    expect(canonicalResource('https://mcp.example.com/MCP')).toBe('https://mcp.example.com/MCP');
    expect(canonicalResource('mcp.example.com')).toBeUndefined();
    expect(canonicalResource('urn:example:mcp')).toBeUndefined();
  });
});

describe('resourceMetadataPath', () => {
  it('inserts the well-known prefix before the path, or uses it alone at the root', () => {
    expect(resourceMetadataPath('https://mcp.example.com/public/mcp')).toBe('/.well-known/oauth-protected-resource/public/mcp');
    expect(resourceMetadataPath('https://mcp.example.com')).toBe('/.well-known/oauth-protected-resource');
  });
});

describe('resolveResourceServer', () => {
  it('derives the metadata URL and the 401 scopes', () => {
    const server = resolveResourceServer({ ...BASE, scopesSupported: ['mcp'] });
    expect(server.metadataUrl).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(server.challengeScopes).toEqual(['mcp']);
    expect(resolveResourceServer({ ...BASE, scopesSupported: ['a'], requiredScopes: ['b'] }).challengeScopes).toEqual(['b']);
    expect(server.checkAudience).toBe(true);
  });

  it('refuses a resource with a fragment, a query or no scheme', () => {
    for (const resource of ['https://mcp.example.com/mcp#x', 'https://mcp.example.com/mcp?x=1', 'mcp.example.com']) {
      expect(() => resolveResourceServer({ ...BASE, resource })).toThrow(SdkError);
    }
  });

  it('refuses no authorization server, no verifier, a bad scope and a bad Retry-After', () => {
    expect(() => resolveResourceServer({ ...BASE, authorizationServers: [] })).toThrow(/at least one/);
    expect(() => resolveResourceServer({ ...BASE, verifier: {} as never })).toThrow(/verify/);
    expect(() => resolveResourceServer({ ...BASE, requiredScopes: ['a b'] })).toThrow(/scope token/);
    expect(() => resolveResourceServer({ ...BASE, retryAfterSeconds: 0 })).toThrow(SdkError);
  });

  it('refuses authorization together with authenticate', () => {
    const server = new McpServer({ name: 's', version: '1' }, { logger: { warn: () => undefined } });
    expect(() => createFetchHandler(server, { authorization: BASE, authenticate: () => undefined })).toThrow(/either/);
  });
});
