import { describe, expect, it } from 'vitest';
import { ACCEPT, setMcpRequestHeaders } from '../src/mcp-request-headers.js';

const META = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' };

describe('setMcpRequestHeaders', () => {
  it('derives the standard headers from the body', () => {
    const headers = new Headers({ Accept: 'text/html', 'X-Keep': '1' });
    setMcpRequestHeaders(headers, {
      jsonrpc: '2.0',
      id: 1,
      method: 'resources/read',
      params: { uri: 'db://orders/schema', _meta: META },
    });
    expect(Object.fromEntries(headers)).toEqual({
      accept: ACCEPT,
      'content-type': 'application/json',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'resources/read',
      'mcp-name': 'db://orders/schema',
      'x-keep': '1',
    });
  });

  it('leaves out MCP-Protocol-Version and Mcp-Name when the body has no value for them', () => {
    const headers = new Headers();
    setMcpRequestHeaders(headers, { jsonrpc: '2.0', method: 'notifications/initialized' });
    setMcpRequestHeaders(headers, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { arguments: {} },
    });
    expect(headers.get('mcp-protocol-version')).toBeNull();
    expect(headers.get('mcp-name')).toBeNull();
    expect(headers.get('mcp-method')).toBe('tools/call');
  });

  it('does not set Mcp-Name for methods that do not name a target', () => {
    const headers = new Headers();
    setMcpRequestHeaders(headers, {
      jsonrpc: '2.0',
      id: 1,
      method: 'completion/complete',
      params: { name: 'x', _meta: META },
    });
    expect(headers.get('mcp-name')).toBeNull();
  });

  it('adds Mcp-Param headers only for present values of the annotated type (#133)', () => {
    const headers = new Headers();
    setMcpRequestHeaders(
      headers,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 't', arguments: { a: 1, b: null, c: '7' }, _meta: META },
      },
      {
        headerParams: [
          { header: 'A', path: ['a'], type: 'integer' },
          { header: 'B', path: ['b'], type: 'string' },
          { header: 'C', path: ['c'], type: 'integer' },
          { header: 'D', path: ['d'], type: 'boolean' },
        ],
      },
    );
    expect([...headers.keys()].filter((name) => name.startsWith('mcp-param-'))).toEqual([
      'mcp-param-a',
    ]);
  });
});

describe('setMcpRequestHeaders for extension methods', () => {
  it('sets Mcp-Name from the name given for a method without a rule (tasks/get and its taskId)', () => {
    const headers = new Headers();
    setMcpRequestHeaders(
      headers,
      { jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { taskId: 'abc' } },
      { name: 'abc' },
    );
    expect(headers.get('mcp-name')).toBe('abc');
    expect(headers.get('mcp-method')).toBe('tasks/get');
  });

  it('keeps the body as the source of Mcp-Name for core methods', () => {
    const headers = new Headers();
    setMcpRequestHeaders(
      headers,
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo' } },
      { name: 'other' },
    );
    expect(headers.get('mcp-name')).toBe('echo');
  });
});
