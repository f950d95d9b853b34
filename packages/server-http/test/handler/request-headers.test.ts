import { describe, expect, it } from 'vitest';
import { checkMcpHeaders, readEnvelope } from '../../src/handler/request-headers.js';
import { McpHttpError } from '../../src/index.js';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { createFixture } from '../helpers/fixture-server.js';
import { mcpHeaders, meta, rpc } from '../helpers/http-client.js';

const { server } = createFixture();
const info = (headers: Record<string, string | undefined>) => ({
  method: 'POST',
  path: '/mcp',
  header: (name: string) => headers[name],
});

function codeOf(run: () => unknown): number | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(McpHttpError);
    expect((error as McpHttpError).status).toBe(400);
    return (error as McpHttpError).error?.code ?? 0;
  }
}

describe('readEnvelope', () => {
  it('returns the envelope of a valid request', () => {
    const request = rpc(1, 'tools/list', {
      _meta: meta({ progressToken: 'p' }),
    }) as unknown as JsonRpcRequest;
    const envelope = readEnvelope(info(mcpHeaders('tools/list')), request, server);
    expect(envelope).toMatchObject({ protocolVersion: '2026-07-28', progressToken: 'p' });
  });

  it.each([
    ['the header missing', { 'mcp-protocol-version': undefined }, meta(), -32020],
    [
      '_meta protocolVersion missing',
      {},
      { 'io.modelcontextprotocol/clientCapabilities': {} },
      -32602,
    ],
    [
      '_meta protocolVersion not a string',
      {},
      meta({ 'io.modelcontextprotocol/protocolVersion': 20260728 }),
      -32602,
    ],
    ['_meta an array', {}, [], -32602],
    ['header and _meta different', { 'mcp-protocol-version': '2026-07-29' }, meta(), -32020],
    ['header with other spacing inside', { 'mcp-protocol-version': '2026 -07-28' }, meta(), -32020],
    [
      'both unsupported',
      { 'mcp-protocol-version': '2025-11-25' },
      meta({ 'io.modelcontextprotocol/protocolVersion': '2025-11-25' }),
      -32022,
    ],
    [
      'clientCapabilities not an object',
      {},
      meta({ 'io.modelcontextprotocol/clientCapabilities': 'all' }),
      -32602,
    ],
    ['an invalid logLevel', {}, meta({ 'io.modelcontextprotocol/logLevel': 'loud' }), -32602],
  ] as [string, Record<string, string | undefined>, unknown, number][])(
    'refuses %s',
    (...[, headers, metaValue, code]) => {
      const request = rpc(1, 'tools/list', { _meta: metaValue }) as unknown as JsonRpcRequest;
      expect(
        codeOf(() =>
          readEnvelope(info({ ...mcpHeaders('tools/list'), ...headers }), request, server),
        ),
      ).toBe(code);
    },
  );
});

describe('a 2025-era client on this modern-only endpoint', () => {
  it('is told that the endpoint serves only 2026-07-28, with the versions in data (spec/legacy.md §5, #51)', () => {
    const initialize = rpc(0, 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'old', version: '1' },
    }) as unknown as JsonRpcRequest;
    let refusal: McpHttpError | undefined;
    try {
      readEnvelope(info({}), initialize, server);
    } catch (error) {
      refusal = error as McpHttpError;
    }
    expect(refusal?.status).toBe(400);
    expect(refusal?.error?.toJson()).toMatchObject({
      code: -32020,
      message: expect.stringContaining('serves only MCP 2026-07-28'),
      data: { supported: ['2026-07-28'] },
    });
  });
});

describe('checkMcpHeaders', () => {
  const callRequest = (params: Record<string, unknown>) =>
    rpc(1, 'tools/call', params) as unknown as JsonRpcRequest;

  it('leaves a tools/call without a string name to the core (-32602 there)', () => {
    expect(
      codeOf(() =>
        checkMcpHeaders(info(mcpHeaders('tools/call')), callRequest({ name: 7 }), server),
      ),
    ).toBe('ok');
  });

  it('never echoes a long header value whole', () => {
    try {
      checkMcpHeaders(
        info({ ...mcpHeaders('tools/list'), 'mcp-method': 'x'.repeat(10_000) }),
        rpc(1, 'tools/list') as unknown as JsonRpcRequest,
        server,
      );
    } catch (error) {
      expect((error as McpHttpError).message.length).toBeLessThan(300);
    }
  });

  it('checks every Mcp-Param-* of the tool (#133)', () => {
    const params = { name: 'region', arguments: { region: 'eu', count: 3, flag: false } };
    const headers = {
      ...mcpHeaders('tools/call', 'region'),
      'mcp-param-region': 'eu',
      'mcp-param-count': '3',
      'mcp-param-flag': 'false',
    };
    expect(codeOf(() => checkMcpHeaders(info(headers), callRequest(params), server))).toBe('ok');
    expect(
      codeOf(() =>
        checkMcpHeaders(
          info({ ...headers, 'mcp-param-flag': undefined }),
          callRequest(params),
          server,
        ),
      ),
    ).toBe(-32020);
    expect(
      codeOf(() =>
        checkMcpHeaders(
          info({ ...headers, 'mcp-param-count': '3.5' }),
          callRequest(params),
          server,
        ),
      ),
    ).toBe(-32020);
  });

  it('refuses a body value of the wrong type for an annotated property', () => {
    const headers = { ...mcpHeaders('tools/call', 'region'), 'mcp-param-count': '3' };
    expect(
      codeOf(() =>
        checkMcpHeaders(
          info(headers),
          callRequest({ name: 'region', arguments: { count: '3' } }),
          server,
        ),
      ),
    ).toBe(-32020);
  });
});
