// One table of hostile and edge-case inputs (security-checklist.md A-F, requirements.md #99-#141),
// sent over real HTTP to the same McpServer behind every adapter: fetch-style, node:http, Express 4
// and 5 with and without express.json(). Every row asserts status, JSON-RPC code and id, and that
// the server still serves a valid request afterwards; the last block checks that every adapter
// gave byte-identical answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, PRE_PARSED, startAdapter } from './helpers/adapters.js';
import type { AdapterName, RunningServer } from './helpers/adapters.js';
import { McpHttpError } from '../src/index.js';
import type { McpHttpOptions } from '../src/index.js';
import { createFixture } from './helpers/fixture-server.js';
import type { Fixture } from './helpers/fixture-server.js';
import { request as httpRequest } from 'node:http';
import {
  ACCEPT_BOTH,
  jsonOf,
  mcpHeaders,
  meta,
  openStream,
  PROTOCOL_VERSION,
  rpc,
  send,
  toolCall,
  withMeta,
  waitFor,
} from './helpers/http-client.js';
import type { RawRequest, RawResponse } from './helpers/http-client.js';

const FOUR_MIB = 4 * 1024 * 1024;
/** An error response without `id` (403). */
const ABSENT = { absent: true } as const;
const CT_JSON = 'application/json';

/** What a row expects. */
interface Expected {
  status: number;
  /** The JSON-RPC error code; absent for a result or an empty body. */
  code?: number;
  /** The response id; `'absent'` for an error without `id` (403). */
  id?: string | number | null | { absent: true };
  /** No body at all (202). */
  empty?: boolean;
  /** Extra checks on the response. */
  check?: (response: RawResponse, fixture: Fixture) => void;
}

interface EdgeCase {
  name: string;
  request: RawRequest;
  expect: Expected;
  /** Adapters where the row does not apply, and why (documented behaviour, not a bug). */
  except?: { adapters: readonly AdapterName[]; why: string };
}

type HeaderOverrides = Record<string, string | string[] | undefined>;
const headers = (method: string, extra: HeaderOverrides = {}, name?: string): HeaderOverrides => ({
  ...mcpHeaders(method, name),
  ...extra,
});
const listBody = (id: string | number = 1): string => JSON.stringify(rpc(id, 'tools/list'));
const list = (extra: HeaderOverrides = {}, body = listBody()): RawRequest => ({
  headers: headers('tools/list', extra),
  body,
});
/** A `tools/call` with header overrides (`id` 1 unless the row needs another). */
const call = (
  tool: string,
  args: Record<string, unknown>,
  extra: HeaderOverrides = {},
): RawRequest => {
  const raw = toolCall(1, tool, args);
  return { headers: { ...raw.headers, ...extra }, body: raw.body as string };
};
const callWithId = (id: string | number, tool: string): RawRequest => toolCall(id, tool, {});
const resultText = (response: RawResponse): string => {
  const result = jsonOf(response)['result'] as { content: { text: string }[] };
  return result.content[0]?.text ?? '';
};
const errorOf = (
  response: RawResponse,
): { code: number; message: string; data?: Record<string, unknown> } =>
  jsonOf(response)['error'] as { code: number; message: string; data?: Record<string, unknown> };

/** A valid JSON `tools/call` of `echo` whose body is exactly `size` bytes long. */
function bodyOfSize(size: number): string {
  const template = JSON.stringify(rpc(1, 'tools/call', { name: 'echo', arguments: { text: '@' } }));
  return template.replace('"@"', `"${'x'.repeat(size - template.length + 1)}"`);
}
const OVERSIZED = bodyOfSize(FOUR_MIB + 1);

const CASES: EdgeCase[] = [
  // A1-A4: Host and Origin (DNS rebinding), #100
  {
    name: 'A1 #100: Host evil.example.com gets 403 without id, and the tool never runs',
    request: call('count', {}, { host: 'evil.example.com' }),
    expect: {
      status: 403,
      code: -32600,
      id: ABSENT,
      check: (_response, fixture) => expect(fixture.record.counted).toBe(0),
    },
  },
  {
    name: 'A1: a forbidden Host is refused before the body is parsed',
    request: { headers: headers('tools/list', { host: 'evil.example.com' }), body: '{' },
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2 #100: Origin http://evil.example.com gets 403',
    request: list({ origin: 'http://evil.example.com' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: Origin null gets 403',
    request: list({ origin: 'null' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: an unparsable Origin gets 403',
    request: list({ origin: 'not a url' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: lookalike Origin http://localhost.evil.com gets 403',
    request: list({ origin: 'http://localhost.evil.com' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: Origin with a path or userinfo gets 403',
    request: list({ origin: 'http://user@localhost:3000' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: Origin with a non-http scheme gets 403',
    request: list({ origin: 'file://localhost' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: lookalike Host 127.0.0.1.evil.com gets 403',
    request: list({ host: '127.0.0.1.evil.com' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: Host localhost with userinfo gets 403',
    request: list({ host: 'user@localhost' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A2: two Host fields get 403',
    request: list({ host: ['localhost', 'evil.example.com'] }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A4: a LAN address as Host gets 403 by default (a 0.0.0.0 bind needs allowedHosts)',
    request: list({ host: '192.168.1.20:3000' }),
    expect: { status: 403, code: -32600, id: ABSENT },
  },
  {
    name: 'A3: no Origin (non-browser client) is served',
    request: list(),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Host localhost:<any port> is served',
    request: list({ host: 'localhost:61234' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Host 127.0.0.1 without port is served',
    request: list({ host: '127.0.0.1' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Host [::1]:8080 is served',
    request: list({ host: '[::1]:8080' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Host LOCALHOST (case-insensitive) is served',
    request: list({ host: 'LOCALHOST:80' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Origin http://localhost:5173 is served',
    request: list({ origin: 'http://localhost:5173' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Origin https://127.0.0.1 is served',
    request: list({ origin: 'https://127.0.0.1' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A3: Origin http://[::1]:3000 is served',
    request: list({ origin: 'http://[::1]:3000' }),
    expect: { status: 200, id: 1 },
  },

  // A5: old-style traffic, #140
  {
    name: 'A5 #140: GET gets 405 with Allow: POST',
    request: { method: 'GET', headers: { accept: 'text/event-stream' } },
    expect: {
      status: 405,
      code: -32600,
      id: null,
      check: (response) => expect(response.headers.allow).toBe('POST'),
    },
  },
  {
    name: 'A5 #140: DELETE gets 405 with Allow: POST',
    request: { method: 'DELETE', headers: { 'mcp-session-id': 'abc' } },
    expect: {
      status: 405,
      code: -32600,
      id: null,
      check: (response) => expect(response.headers.allow).toBe('POST'),
    },
  },
  {
    name: 'A5: PUT gets 405',
    request: { method: 'PUT', headers: headers('tools/list'), body: listBody() },
    expect: { status: 405, code: -32600, id: null },
  },
  {
    name: 'A5 #140: Mcp-Session-Id on a POST is ignored, never echoed, no session minted',
    request: list({ 'mcp-session-id': 'abc' }),
    expect: {
      status: 200,
      id: 1,
      check: (response) => expect(response.headers['mcp-session-id']).toBeUndefined(),
    },
  },
  {
    name: 'A5 #140: Last-Event-ID on a POST is ignored',
    request: list({ 'last-event-id': '42' }),
    expect: {
      status: 200,
      id: 1,
      check: (response) => expect(response.headers['mcp-session-id']).toBeUndefined(),
    },
  },

  // A6: Content-Type
  {
    name: 'A6: Content-Type text/plain gets 415',
    request: list({ 'content-type': 'text/plain' }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: no Content-Type gets 415',
    request: list({ 'content-type': undefined }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: text/plain; x=application/json gets 415',
    request: list({ 'content-type': 'text/plain; x=application/json' }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: two Content-Type fields get 415',
    request: list({ 'content-type': [CT_JSON, 'text/plain'] }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: two values joined in one Content-Type get 415',
    request: list({ 'content-type': 'application/json, text/plain' }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: application/json; charset=latin1 gets 415 (#96: UTF-8 only)',
    request: list({ 'content-type': 'application/json; charset=latin1' }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: Content-Encoding gzip gets 415',
    request: list({ 'content-encoding': 'gzip' }),
    expect: { status: 415, code: -32600, id: null },
  },
  {
    name: 'A6: application/json; charset=utf-8 is served',
    request: list({ 'content-type': 'application/json; charset=utf-8' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'A6: Application/JSON;charset="UTF-8" is served',
    request: list({ 'content-type': 'Application/JSON;charset="UTF-8"' }),
    expect: { status: 200, id: 1 },
  },

  // Accept, #104
  {
    name: '#104: no Accept gets 406',
    request: list({ accept: undefined }),
    expect: { status: 406, code: -32600, id: null },
  },
  {
    name: '#104: Accept application/json only gets 406',
    request: list({ accept: CT_JSON }),
    expect: { status: 406, code: -32600, id: null },
  },
  {
    name: '#104: Accept text/event-stream only gets 406',
    request: list({ accept: 'text/event-stream' }),
    expect: { status: 406, code: -32600, id: null },
  },
  {
    name: '#104: Accept with text/event-stream;q=0 gets 406',
    request: list({ accept: 'application/json, text/event-stream;q=0' }),
    expect: { status: 406, code: -32600, id: null },
  },
  {
    name: '#104: Accept application/* only gets 406 (no SSE)',
    request: list({ accept: 'application/*' }),
    expect: { status: 406, code: -32600, id: null },
  },
  {
    name: '#104: Accept */* is served (RFC 9110: it lists both)',
    request: list({ accept: '*/*' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: '#104: Accept application/*, text/* is served',
    request: list({ accept: 'application/*, text/*' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: '#104: Accept with q values and spaces is served',
    request: list({ accept: 'text/event-stream;q=0.5 ,  application/json;q=0.9' }),
    expect: { status: 200, id: 1 },
  },

  // B1: body size
  {
    name: 'B1: a body of 4 MiB + 1 with Content-Length gets 413 with a JSON-RPC body',
    request: { headers: headers('tools/call', {}, 'echo'), body: OVERSIZED },
    expect: { status: 413, code: -32600, id: null },
  },
  {
    name: 'B1: the same body chunked (no Content-Length) gets 413',
    request: { headers: headers('tools/call', {}, 'echo'), body: OVERSIZED, chunkSize: 256 * 1024 },
    expect: { status: 413, code: -32600, id: null },
  },
  {
    name: 'B1: the same body dripped slowly gets 413',
    request: {
      headers: headers('tools/call', {}, 'echo'),
      body: OVERSIZED,
      chunkSize: 512 * 1024,
      dripMs: 5,
    },
    expect: { status: 413, code: -32600, id: null },
  },
  {
    name: 'B1: a body of exactly 4 MiB is served',
    request: { headers: headers('tools/call', {}, 'echo'), body: bodyOfSize(FOUR_MIB) },
    expect: {
      status: 200,
      id: 1,
      check: (response) => expect(resultText(response)).toHaveLength(FOUR_MIB - 284),
    },
  },

  // B2: parse errors
  {
    name: 'B2: invalid JSON gets 400 -32700 with id null',
    request: list({}, '{"jsonrpc":"2.0","id":1,'),
    expect: { status: 400, code: -32700, id: null },
  },
  {
    name: 'B2: an empty body gets 400 -32700',
    request: list({}, ''),
    expect: { status: 400, code: -32700, id: null },
  },
  {
    name: 'B2 #96: invalid UTF-8 inside a string gets 400 -32700',
    request: {
      headers: headers('tools/call', {}, 'echo'),
      body: Buffer.concat([
        Buffer.from(
          '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"',
        ),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(`"},"_meta":${JSON.stringify(meta())}}}`),
      ]),
    },
    expect: { status: 400, code: -32700, id: null },
    except: {
      adapters: PRE_PARSED,
      why: 'express.json() decodes invalid UTF-8 leniently before the MCP handler runs (README)',
    },
  },

  // B3: envelope
  {
    name: 'B3: {"hello":"world"} gets 400 -32600',
    request: list({}, '{"hello":"world"}'),
    expect: { status: 400, code: -32600, id: null },
  },
  {
    name: 'B3: "id": null gets 400 -32600',
    request: list({}, JSON.stringify({ ...rpc(1, 'tools/list'), id: null })),
    expect: { status: 400, code: -32600, id: null },
  },
  {
    name: 'B3: a batch [request] gets 400 -32600',
    request: list({}, `[${listBody()}]`),
    expect: { status: 400, code: -32600, id: null },
  },
  {
    name: 'B3: an empty batch [] gets 400 -32600',
    request: list({}, '[]'),
    expect: { status: 400, code: -32600, id: null },
  },
  {
    name: 'B3 #106: a posted JSON-RPC response gets 400 -32600 with its id',
    request: list({}, '{"jsonrpc":"2.0","id":5,"result":{}}'),
    expect: { status: 400, code: -32600, id: 5 },
  },
  {
    name: 'B3: params that are not an object get 400 -32600 with the id kept',
    request: list({}, '{"jsonrpc":"2.0","id":"x1","method":"tools/list","params":[1]}'),
    expect: { status: 400, code: -32600, id: 'x1' },
  },

  // B5: prototype pollution through the body
  {
    name: 'B5: __proto__ and constructor.prototype keys in arguments, params and _meta are plain data',
    request: {
      headers: headers('tools/call', {}, 'echo'),
      body:
        '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo",' +
        '"__proto__":{"polluted":"params"},"constructor":{"prototype":{"polluted":"ctor"}},' +
        '"arguments":{"text":"safe","__proto__":{"polluted":"args"}},' +
        '"inputResponses":{"__proto__":{"polluted":"input"}},' +
        `"_meta":${JSON.stringify(meta()).slice(0, -1)},"__proto__":{"polluted":"meta"}}}}`,
    },
    expect: {
      status: 200,
      id: 1,
      check: (response) => {
        expect(resultText(response)).toBe('safe');
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      },
    },
  },

  {
    name: 'B5: arguments are still schema-validated (a wrong type is a tool error, not a crash)',
    request: call('echo', { text: 5 }),
    expect: {
      status: 200,
      id: 1,
      check: (response) => expect(jsonOf(response)['result']).toMatchObject({ isError: true }),
    },
  },

  // D1, D5: requestState travels through the transport untouched; the core judges it
  {
    name: 'D1: a tampered requestState gets -32602 (HTTP 200) without echoing the payload',
    request: {
      headers: headers('tools/call', {}, 'ask'),
      body: JSON.stringify(
        rpc(1, 'tools/call', {
          name: 'ask',
          arguments: {},
          inputResponses: { ask: { action: 'accept', content: { ok: true } } },
          requestState: 'v1.key.SECRET-PAYLOAD-TAMPERED',
          _meta: meta({
            'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
          }),
        }),
      ),
    },
    expect: {
      status: 200,
      code: -32602,
      id: 1,
      check: (response) => expect(response.body).not.toContain('SECRET-PAYLOAD'),
    },
  },
  {
    name: 'D5: a requestState on tools/list is never trusted',
    request: list({}, JSON.stringify(rpc(1, 'tools/list', { requestState: 'forged' }))),
    expect: { status: 200, id: 1 },
  },

  // C1-C4: _meta and version, #35, #116, #117, #119
  {
    name: 'C1 #35: _meta without protocolVersion gets 400 -32602 naming it, id kept',
    request: list(
      {},
      JSON.stringify(
        rpc(7, 'tools/list', { _meta: { 'io.modelcontextprotocol/clientCapabilities': {} } }),
      ),
    ),
    expect: {
      status: 400,
      code: -32602,
      id: 7,
      check: (response) => expect(errorOf(response).message).toContain('protocolVersion'),
    },
  },
  {
    name: 'C1 #35: _meta without clientCapabilities gets 400 -32602 naming it, id kept',
    request: list(
      {},
      JSON.stringify(
        rpc('c1', 'tools/list', {
          _meta: { 'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION },
        }),
      ),
    ),
    expect: {
      status: 400,
      code: -32602,
      id: 'c1',
      check: (response) => expect(errorOf(response).message).toContain('clientCapabilities'),
    },
  },
  {
    name: 'C1 #35: no _meta at all gets 400 -32602',
    request: list({}, JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/list', params: {} })),
    expect: { status: 400, code: -32602, id: 8 },
  },
  {
    name: 'C2: _meta without clientInfo is served',
    request: list(
      {},
      JSON.stringify(
        rpc(9, 'tools/list', {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION,
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        }),
      ),
    ),
    expect: { status: 200, id: 9 },
  },
  {
    name: 'C3 #117: version 2099-01-01 in header and body gets 400 -32022 with supported/requested',
    request: list(
      { 'mcp-protocol-version': '2099-01-01' },
      JSON.stringify(
        rpc(10, 'tools/list', {
          _meta: meta({ 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }),
        }),
      ),
    ),
    expect: {
      status: 400,
      code: -32022,
      id: 10,
      check: (response) => {
        expect(errorOf(response).data).toEqual({
          supported: [PROTOCOL_VERSION],
          requested: '2099-01-01',
        });
      },
    },
  },
  {
    name: 'C4 #119: a missing MCP-Protocol-Version gets 400 -32020 naming the supported versions',
    request: list({ 'mcp-protocol-version': undefined }),
    expect: {
      status: 400,
      code: -32020,
      id: 1,
      check: (response) =>
        expect(errorOf(response).data).toEqual({ supported: [PROTOCOL_VERSION] }),
    },
  },
  {
    name: 'C4 #116: MCP-Protocol-Version 2025-06-18 while _meta says 2026-07-28 gets 400 -32020',
    request: list({ 'mcp-protocol-version': '2025-06-18' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C4 #35: the header present but _meta protocolVersion missing gets 400 -32602',
    request: list(
      {},
      JSON.stringify(
        rpc(11, 'tools/list', { _meta: { 'io.modelcontextprotocol/clientCapabilities': {} } }),
      ),
    ),
    expect: { status: 400, code: -32602, id: 11 },
  },
  {
    name: 'ST §9: a legacy initialize (no headers, no _meta) gets 400 -32020 naming the supported versions',
    request: {
      headers: { 'content-type': CT_JSON, accept: ACCEPT_BOTH },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'old', version: '1' },
        },
      }),
    },
    expect: {
      status: 400,
      code: -32020,
      id: 0,
      check: (response) => expect(errorOf(response).message).toContain(PROTOCOL_VERSION),
    },
  },

  // C5: Mcp-Method / Mcp-Name, #120, #127, #134, #137
  {
    name: 'C5 #120: Mcp-Method missing gets 400 -32020',
    request: list({ 'mcp-method': undefined }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #135: Mcp-Method different from the body gets 400 -32020',
    request: list({ 'mcp-method': 'tools/call' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #134: Mcp-Method value in other case gets 400 -32020 (values are case-sensitive)',
    request: list({ 'mcp-method': 'TOOLS/LIST' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #134: header names in any case are accepted',
    request: {
      headers: {
        'Content-Type': CT_JSON,
        ACCEPT: ACCEPT_BOTH,
        'mcp-PROTOCOL-version': PROTOCOL_VERSION,
        'MCP-METHOD': 'tools/call',
        'mcp-name': 'echo',
      },
      body: toolCall(1, 'echo', { text: 'x' }).body as string,
    },
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C5 #120: Mcp-Name missing on tools/call gets 400 -32020',
    request: call('echo', {}, { 'mcp-name': undefined }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #135: Mcp-Name different from params.name gets 400 -32020',
    request: call('echo', {}, { 'mcp-name': 'count' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #134: Mcp-Name in other case gets 400 -32020',
    request: call('echo', {}, { 'mcp-name': 'ECHO' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #137: an invalid =?base64?…?= Mcp-Name gets 400 -32020',
    request: call('echo', {}, { 'mcp-name': '=?base64?not*base64?=' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C5 #127: a base64-sentinel Mcp-Name of the same value is served',
    request: call('echo', { text: 'b64' }, { 'mcp-name': '=?base64?ZWNobw==?=' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C5: Mcp-Name with surrounding whitespace is served',
    request: call('echo', { text: 'ws' }, { 'mcp-name': ' \techo\t ' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C5 #120: Mcp-Name missing on resources/read gets 400 -32020',
    request: {
      headers: headers('resources/read'),
      body: JSON.stringify(rpc(2, 'resources/read', { uri: 'file:///a.txt' })),
    },
    expect: { status: 400, code: -32020, id: 2 },
  },
  {
    name: 'C5 #120: Mcp-Name equal to params.uri on resources/read is served',
    request: {
      headers: headers('resources/read', {}, 'file:///a.txt'),
      body: JSON.stringify(rpc(2, 'resources/read', { uri: 'file:///a.txt' })),
    },
    expect: { status: 200, id: 2 },
  },
  {
    name: 'C5 #135: Mcp-Name different from params.name on prompts/get gets 400 -32020',
    request: {
      headers: headers('prompts/get', {}, 'other'),
      body: JSON.stringify(rpc(3, 'prompts/get', { name: 'greet', arguments: { who: 'x' } })),
    },
    expect: { status: 400, code: -32020, id: 3 },
  },
  {
    name: 'C5: Mcp-Name is not required (and ignored) on tools/list',
    request: list({ 'mcp-name': 'anything' }),
    expect: { status: 200, id: 1 },
  },

  // C6: Mcp-Param-*, #131-#133, #136
  {
    name: 'C6 #133: a body value without its Mcp-Param-Region header gets 400 -32020',
    request: call('region', { region: 'us-west1' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6 #132: Mcp-Param-Region different from the body gets 400 -32020',
    request: call('region', { region: 'us-west1' }, { 'mcp-param-region': 'eu-west1' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6 #134: Mcp-Param-Region value in other case gets 400 -32020',
    request: call('region', { region: 'us-west1' }, { 'mcp-param-region': 'US-WEST1' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6: a matching Mcp-Param-Region (name in any case) is served',
    request: call('region', { region: 'us-west1' }, { 'MCP-PARAM-REGION': 'us-west1' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6 #136: integer 42 with header 42.0 is served',
    request: call('region', { count: 42 }, { 'mcp-param-count': '42.0' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6 #136: integer 42 with header 4.2e1 is served',
    request: call('region', { count: 42 }, { 'mcp-param-count': '4.2e1' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6 #132: integer 42 with header 43 gets 400 -32020',
    request: call('region', { count: 42 }, { 'mcp-param-count': '43' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6: boolean true with header TRUE gets 400 -32020',
    request: call('region', { flag: true }, { 'mcp-param-flag': 'TRUE' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6 #131: a header with non-ASCII (obs-text) characters gets 400 -32020',
    request: call(
      'region',
      { region: 'café' },
      { 'mcp-param-region': Buffer.from('café', 'utf8').toString('latin1') },
    ),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6 #127: a base64-sentinel header (Grüße) is served',
    request: call('region', { region: 'Grüße' }, { 'mcp-param-region': '=?base64?R3LDvMOfZQ==?=' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6 #131: an undecodable sentinel header gets 400 -32020',
    request: call('region', { region: 'x' }, { 'mcp-param-region': '=?base64?@@@?=' }),
    expect: { status: 400, code: -32020, id: 1 },
  },
  {
    name: 'C6 #133: no body value and no header is served',
    request: call('region', {}),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6 #133: a stray header for an absent value is accepted',
    request: call('region', {}, { 'mcp-param-region': 'us-west1' }),
    expect: { status: 200, id: 1 },
  },
  {
    name: 'C6: an unknown tool skips the header check; the core answers 200 -32602',
    request: call('no-such-tool', { region: 'x' }),
    expect: { status: 200, code: -32602, id: 1 },
  },

  // C7-C10
  {
    name: 'C7 #118: unknown method foo/bar gets 404 -32601 with id',
    request: { headers: headers('foo/bar'), body: JSON.stringify(rpc(12, 'foo/bar')) },
    expect: { status: 404, code: -32601, id: 12 },
  },
  {
    name: 'C7: modern-enveloped initialize gets 404 -32601',
    request: { headers: headers('initialize'), body: JSON.stringify(rpc(13, 'initialize')) },
    expect: { status: 404, code: -32601, id: 13 },
  },
  {
    name: 'C7: ping gets 404 -32601',
    request: { headers: headers('ping'), body: JSON.stringify(rpc(14, 'ping')) },
    expect: { status: 404, code: -32601, id: 14 },
  },
  {
    name: 'C7: logging/setLevel gets 404 -32601',
    request: {
      headers: headers('logging/setLevel'),
      body: JSON.stringify(rpc(15, 'logging/setLevel', { level: 'info' })),
    },
    expect: { status: 404, code: -32601, id: 15 },
  },
  {
    name: 'C9 #107: notifications/cancelled with an unknown requestId gets 202 and no body',
    request: {
      headers: headers('notifications/cancelled'),
      body: '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":999}}',
    },
    expect: { status: 202, empty: true },
  },
  {
    name: 'C9 #107: a notification without MCP headers gets 202',
    request: {
      headers: { 'content-type': CT_JSON, accept: ACCEPT_BOTH },
      body: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
    },
    expect: { status: 202, empty: true },
  },
  {
    name: 'C10: a tool that needs elicitation, called without the capability, gets 400 -32021',
    request: callWithId(16, 'ask'),
    expect: {
      status: 400,
      code: -32021,
      id: 16,
      check: (response) =>
        expect(errorOf(response).data?.['requiredCapabilities']).toHaveProperty('elicitation'),
    },
  },

  // F3: faults of handlers
  {
    name: 'F3: a tool that throws gets a generic isError result without message, stack or paths',
    request: callWithId(17, 'throws'),
    expect: {
      status: 200,
      id: 17,
      check: (response) => {
        expect(JSON.parse(response.body)).toMatchObject({
          result: { isError: true, content: [{ type: 'text', text: 'Tool throws failed with an internal error' }] },
        });
        expect(response.body).not.toMatch(/secret|internal\.ts|token|\bat\b/);
      },
    },
  },
  {
    name: 'F3: a result that is not JSON (a BigInt) gets -32603',
    request: callWithId(18, 'not-json'),
    expect: {
      status: 200,
      code: -32603,
      id: 18,
      check: (response) => expect(errorOf(response).message).toBe('Internal error'),
    },
  },

  // Success paths, #108, #111, #112
  {
    name: '#108: a request without notifications is answered as application/json',
    request: toolCall('ok', 'echo', { text: 'hello' }),
    expect: {
      status: 200,
      id: 'ok',
      check: (response) => {
        expect(response.headers['content-type']).toBe(CT_JSON);
        expect(response.headers['x-accel-buffering']).toBeUndefined();
        expect(resultText(response)).toBe('hello');
      },
    },
  },
  {
    name: '#108 #111 #112: progress switches to SSE; the final response ends the stream',
    request: withMeta(toolCall(19, 'progress', { steps: 2 }), { progressToken: 'pt-1' }),
    expect: { status: 200 },
  },
];

/** The answers of every adapter, by row, for the identity check. */
const answers = new Map<string, Map<AdapterName, string>>();

function normalise(response: RawResponse): string {
  const keep = ['content-type', 'allow', 'cache-control', 'x-accel-buffering', 'mcp-session-id'];
  const shown = keep.map((name) => `${name}=${String(response.headers[name])}`).join(';');
  return `${response.status} ${shown} ${response.body}`;
}

function assertExpected(response: RawResponse, expected: Expected, fixture: Fixture): void {
  expect(response.status, response.body.slice(0, 300)).toBe(expected.status);
  if (expected.empty === true) {
    expect(response.body).toBe('');
  } else if (expected.status !== 200 || expected.code !== undefined) {
    expect(response.headers['content-type']).toBe(CT_JSON);
    const body = jsonOf(response);
    expect(body['jsonrpc']).toBe('2.0');
    if (expected.code === undefined) expect(body).toHaveProperty('result');
    else expect((body['error'] as { code: number }).code).toBe(expected.code);
    if (expected.id === ABSENT) expect(body).not.toHaveProperty('id');
    else if (expected.id !== undefined) expect(body['id']).toBe(expected.id);
  } else if (expected.id !== undefined) {
    const body = jsonOf(response);
    expect(body['id']).toBe(expected.id);
    expect(body).toHaveProperty('result');
  }
  expect(response.headers['mcp-session-id']).toBeUndefined();
  expected.check?.(response, fixture);
}

describe.each(ADAPTERS)('edge cases through the %s adapter', (adapter) => {
  let fixture: Fixture;
  let running: RunningServer;

  beforeAll(async () => {
    fixture = createFixture();
    running = await startAdapter(adapter, fixture.server);
  });
  afterAll(async () => {
    await running.close();
  });

  const cases = CASES.filter((row) => row.except?.adapters.includes(adapter) !== true);
  it.each(cases)('$name', async (row) => {
    const response = await send(running.port, row.request);
    assertExpected(response, row.expect, fixture);
    const byAdapter = answers.get(row.name) ?? new Map<AdapterName, string>();
    byAdapter.set(adapter, normalise(response));
    answers.set(row.name, byAdapter);

    const followUp = await send(
      running.port,
      toolCall('follow-up', 'echo', { text: 'still serving' }),
    );
    expect(followUp.status).toBe(200);
    expect(resultText(followUp)).toBe('still serving');
  });

  it('streams progress as SSE with the headers of #108 and #112, ending with the response (#111)', async () => {
    const response = await send(
      running.port,
      withMeta(toolCall(20, 'progress', { steps: 3 }), { progressToken: 'pt-2' }),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-accel-buffering']).toBe('no');
    const events = response.body.split('\n\n').filter((block) => block !== '');
    expect(events.every((block) => block.startsWith('event: message\ndata: {'))).toBe(true);
    const messages = events.map(
      (block) => JSON.parse(block.split('data: ')[1] ?? '') as Record<string, unknown>,
    );
    expect(messages.map((message) => message['method'] ?? 'response')).toEqual([
      'notifications/progress',
      'notifications/progress',
      'notifications/progress',
      'response',
    ]);
    expect(messages.at(-1)?.['id']).toBe(20);
  });

  it('keeps the request id of string and integer ids in errors (C8)', async () => {
    for (const id of ['s-1', 0, 9007199254740991]) {
      const response = await send(running.port, list({ 'mcp-method': 'wrong' }, listBody(id)));
      expect(jsonOf(response)['id']).toBe(id);
    }
  });
});

describe('every adapter', () => {
  it('gave identical answers for every row it ran', () => {
    expect(answers.size).toBe(CASES.length);
    for (const [name, byAdapter] of answers) {
      const distinct = new Set(byAdapter.values());
      expect(
        distinct.size,
        `${name}: ${[...byAdapter].map(([adapter, answer]) => `\n${adapter}: ${answer.slice(0, 200)}`).join('')}`,
      ).toBe(1);
    }
  });
});

const listen = (id: string | number, notifications: Record<string, unknown>): RawRequest => ({
  headers: mcpHeaders('subscriptions/listen'),
  body: JSON.stringify(rpc(id, 'subscriptions/listen', { notifications })),
});
const BIG_URI_PREFIX = 'file:///big/';
const BIG_EVENT_URI = `${BIG_URI_PREFIX}${'x'.repeat(60_000)}`;

/** Lets I/O run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe.each(ADAPTERS)('streams and cancellation through the %s adapter', (adapter) => {
  let fixture: Fixture;
  let running: RunningServer;

  beforeAll(async () => {
    fixture = createFixture({ limits: { maxListenStreams: 4 } });
    running = await startAdapter(adapter, fixture.server, { maxQueuedEvents: 16, keepAliveMs: 25 });
  });
  afterAll(async () => {
    await running.close();
  });

  const stillServing = async (): Promise<void> => {
    const response = await send(running.port, toolCall('after', 'echo', { text: 'alive' }));
    expect(response.status).toBe(200);
    expect(resultText(response)).toBe('alive');
  };

  it('#86 #114 F4: a client that closes a running SSE stream cancels its handler; others are served', async () => {
    const stream = await openStream(
      running.port,
      withMeta(toolCall('sse-drop', 'progress', { steps: 1, waitMs: 5000 }), { progressToken: 1 }),
    );
    expect(stream.headers['content-type']).toBe('text/event-stream');
    await waitFor(() => stream.messages.length >= 1);
    stream.destroy();
    await waitFor(() => fixture.record.aborted.includes('sse-drop'));
    await stillServing();
  });

  it('F4: a client that closes the socket while a JSON-mode handler runs cancels it', async () => {
    const closed = new Promise<void>((resolve) => {
      const body = toolCall('json-drop', 'slow', { waitMs: 5000 }).body as string;
      const req = httpRequest({
        host: '127.0.0.1',
        port: running.port,
        method: 'POST',
        path: '/mcp',
        agent: false,
        headers: {
          ...toolCall('json-drop', 'slow').headers,
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('error', () => resolve());
      req.end(body);
      void waitFor(() => fixture.record.started.includes('json-drop')).then(() => req.destroy());
    });
    await closed;
    await waitFor(() => fixture.record.aborted.includes('json-drop'));
    await stillServing();
  });

  it('F4: clients that abort mid-body, 50 times, leave the server serving', async () => {
    for (let round = 0; round < 50; round += 1) {
      await new Promise<void>((resolve) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port: running.port,
          method: 'POST',
          path: '/mcp',
          agent: false,
          headers: { ...mcpHeaders('tools/list'), 'content-length': '1000' },
        });
        req.on('error', () => resolve());
        req.on('close', () => resolve());
        req.write('{"jsonrpc":"2.0",');
        setImmediate(() => req.destroy());
      });
    }
    await stillServing();
  });

  it('F6 #76: a listen reader that stops reading is dropped at the queue bound; another listen keeps working', async () => {
    const stalled = await openStream(
      running.port,
      listen('stalled', { resourceSubscriptions: [BIG_URI_PREFIX] }),
    );
    const healthy = await openStream(
      running.port,
      listen('healthy', { resourceSubscriptions: [BIG_URI_PREFIX] }),
    );
    await waitFor(() => stalled.messages.length === 1 && healthy.messages.length === 1);
    expect(stalled.messages[0]?.['method']).toBe('notifications/subscriptions/acknowledged');
    stalled.pause();
    const subscribers = fixture.bus.subscribers;
    const heapBefore = process.memoryUsage().heapUsed;
    let published = 0;
    // Bounded: an unbounded queue would take all 2000 events (120 MB) without ever closing.
    while (fixture.bus.subscribers === subscribers && published < 2000) {
      for (let batch = 0; batch < 8; batch += 1, published += 1)
        fixture.server.notifyResourceUpdated(BIG_EVENT_URI);
      await tick();
    }
    expect(fixture.bus.subscribers).toBe(subscribers - 1);
    expect(published).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(96 * 1024 * 1024);
    stalled.resume();
    expect(await stalled.done).toBe('error');
    // The healthy stream saw every event and still gets new ones.
    fixture.server.notifyResourceUpdated(`${BIG_URI_PREFIX}last`);
    await waitFor(
      () =>
        healthy.messages.some(
          (message) => (message['params'] as { uri?: string }).uri === `${BIG_URI_PREFIX}last`,
        ),
      5000,
    );
    expect(healthy.messages.length).toBe(published + 2);
    healthy.destroy();
    await waitFor(() => fixture.bus.subscribers === subscribers - 2);
    await stillServing();
  });

  it('F6: idle streams get keep-alive comments; server.close() ends listens with their result (#76)', async () => {
    const stream = await openStream(running.port, listen(21, { toolsListChanged: true }));
    expect(stream.status).toBe(200);
    expect(stream.headers['x-accel-buffering']).toBe('no');
    await waitFor(() => stream.comments() >= 2);
    fixture.server.notifyToolsListChanged();
    await waitFor(() => stream.messages.length === 2);
    fixture.server.close();
    expect(await stream.done).toBe('end');
    const [ack, change, last] = stream.messages;
    expect(ack?.['method']).toBe('notifications/subscriptions/acknowledged');
    expect(change).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/tools/list_changed',
      params: { _meta: { 'io.modelcontextprotocol/subscriptionId': 21, 'dev.tern/cursor': expect.any(String) } },
    });
    expect(last?.['id']).toBe(21);
    expect((last?.['result'] as { resultType: string }).resultType).toBe('complete');
    expect(stream.messages).toHaveLength(3);
    await stillServing();
  });

  it('F6: past the core cap on listen streams, a listen gets 503 -32603 with Retry-After while the others stay open', async () => {
    const open = [];
    for (let index = 0; index < 4; index += 1)
      open.push(await openStream(running.port, listen(`cap-${index}`, {})));
    const refused = await send(running.port, listen('cap-over', {}));
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe(CT_JSON);
    expect(refused.headers['retry-after']).toBe('5');
    expect(errorOf(refused).code).toBe(-32603);
    expect(errorOf(refused).data).toEqual({ retryAfterSeconds: 5, limit: 'server' });
    for (const stream of open) stream.destroy();
    await waitFor(() => fixture.bus.subscribers === 0);
    await stillServing();
  });
});

describe.each(ADAPTERS)('options through the %s adapter', (adapter) => {
  const servers: RunningServer[] = [];
  const start = async (options: McpHttpOptions): Promise<number> => {
    const running = await startAdapter(adapter, createFixture().server, options);
    servers.push(running);
    return running.port;
  };
  afterAll(async () => {
    await Promise.all(servers.map((running) => running.close()));
  });

  it('A4: empty allow-lists fall back to localhost, not to allow-all', async () => {
    const port = await start({ allowedHosts: [], allowedOrigins: [] });
    expect((await send(port, list({ host: 'evil.example.com' }))).status).toBe(403);
    expect((await send(port, list({ origin: 'http://evil.example.com' }))).status).toBe(403);
    expect((await send(port, list())).status).toBe(200);
  });

  it("A4: a deployed server names its hosts, or says 'any' explicitly", async () => {
    const named = await start({
      allowedHosts: ['mcp.example.com'],
      allowedOrigins: ['https://app.example.com'],
    });
    expect(
      (await send(named, list({ host: 'mcp.example.com', origin: 'https://app.example.com' })))
        .status,
    ).toBe(200);
    expect((await send(named, list({ host: 'localhost' }))).status).toBe(403);
    const any = await start({ allowedHosts: 'any' });
    expect((await send(any, list({ host: '10.0.0.7:3000' }))).status).toBe(200);
    expect(
      (await send(any, list({ host: '10.0.0.7:3000', origin: 'http://10.0.0.7:3000' }))).status,
    ).toBe(403);
  });

  it('B1: the body limit is configurable', async () => {
    const port = await start({ maxBodyBytes: 1024 });
    const response = await send(port, toolCall(1, 'echo', { text: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(errorOf(response).message).toContain('1024');
    expect((await send(port, toolCall(2, 'echo', { text: 'fits' }))).status).toBe(200);
  });

  it('G1: authenticate can refuse with 401 and WWW-Authenticate before the body is parsed', async () => {
    const port = await start({
      authenticate: (request) => {
        if (request.header('authorization') !== 'Bearer good') {
          throw new McpHttpError(401, {
            headers: { 'WWW-Authenticate': 'Bearer resource_metadata="http://localhost/prm"' },
          });
        }
        return { principal: 'alice' };
      },
    });
    const refused = await send(port, { headers: mcpHeaders('tools/list'), body: '{' });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('resource_metadata');
    expect(refused.body).toBe('');
    expect((await send(port, list({ authorization: 'Bearer good' }))).status).toBe(200);
  });
});
