import { describe, expect, it } from 'vitest';
import {
  BASE64_SENTINEL_PREFIX,
  BASE64_SENTINEL_SUFFIX,
  HttpHeader,
  X_MCP_HEADER,
} from '../src/index.js';

describe('HttpHeader', () => {
  it('spells the header names as the spec does', () => {
    expect(HttpHeader).toEqual({
      ProtocolVersion: 'MCP-Protocol-Version',
      Method: 'Mcp-Method',
      Name: 'Mcp-Name',
      ParamPrefix: 'Mcp-Param-',
      SessionId: 'Mcp-Session-Id',
      LastEventId: 'Last-Event-ID',
    });
  });
});

describe('BASE64_SENTINEL_PREFIX', () => {
  it('frames a base64 header value as =?base64?…?=', () => {
    expect(`${BASE64_SENTINEL_PREFIX}SGk=${BASE64_SENTINEL_SUFFIX}`).toBe('=?base64?SGk=?=');
    expect(X_MCP_HEADER).toBe('x-mcp-header');
  });
});
