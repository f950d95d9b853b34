// A dual-era server for the memory-budget tests: principals come from an `x-principal` header,
// anonymous clients are told apart by their source address (127.0.0.1, 127.0.0.2, ...: the whole
// of 127/8 is loopback on Linux), and raw requests never keep their bodies on the client side.
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import type { McpServerOptions } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { z } from 'zod';
import type { LegacyLayerOptions } from '../../../src/server/legacy-layer-options.js';
import { createLegacyLayer } from '../../../src/server/legacy-layer.js';
import type { LegacyLayer } from '../../../src/server/legacy-layer.js';
import { InMemorySessionStore } from '../../../src/server/session-store.js';

const KEY = { id: 'test', secret: new Uint8Array(32).fill(7) };

/** A running server and what the tests look at. */
export interface HostileServer {
  readonly port: number;
  readonly mcp: McpServer;
  readonly layer: LegacyLayer;
  readonly store: InMemorySessionStore;
  close(): Promise<void>;
}

/** Tools that ask the client (sampling, elicitation) and wait for the answer. */
function register(server: McpServer): void {
  server.registerTool('sample', { description: 'Samples once.' }, async (_args, ctx) => {
    const reply = await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 });
    return `model ${reply.model}`;
  });
  server.registerTool(
    'confirm',
    { description: 'Asks for confirmation.', inputSchema: z.object({ what: z.string().optional() }) },
    async (_args, ctx) => {
      const answer = await ctx.elicit('Confirm?', z.object({ ok: z.boolean() }));
      return answer.action;
    },
  );
  server.registerResource({ uri: 'test://a', name: 'a' }, () => ({ contents: [{ uri: 'test://a', text: 'a' }] }));
}

export async function startHostileServer(
  legacy: LegacyLayerOptions = {},
  server: McpServerOptions = {},
): Promise<HostileServer> {
  const mcp = new McpServer(
    { name: 'hostile-test', version: '1.0.0' },
    { requestState: { keys: [KEY] }, ...server },
  );
  register(mcp);
  const store = new InMemorySessionStore();
  const layer = createLegacyLayer(mcp, { store, ...legacy });
  const handler = createNodeHandler(mcp, {
    fallback: layer,
    allowedHosts: 'any',
    authenticate: (request) => {
      const principal = request.header('x-principal');
      return principal === undefined ? undefined : { principal };
    },
  });
  const http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    port,
    mcp,
    layer,
    store,
    close: async () => {
      layer.close();
      mcp.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** How a raw request is sent. */
export interface RawPost {
  readonly body: string;
  readonly headers?: Record<string, string>;
  /** The client's source address (its peer address on the server). Default 127.0.0.1. */
  readonly from?: string;
  readonly method?: string;
}

/** What came back; `abort` drops the connection of a response that is still streaming. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body so far: everything for a JSON answer, up to the first message for a stream. */
  readonly body: string;
  abort(): void;
}

/**
 * Sends one request. A JSON answer is read whole; a streamed one resolves with its first
 * JSON-RPC message and stays open until `abort`.
 */
export function rawPost(port: number, post: RawPost): Promise<RawAnswer> {
  const payload = Buffer.from(post.body);
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'content-length': String(payload.byteLength),
    ...post.headers,
  };
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: post.method ?? 'POST',
    path: '/mcp',
    headers,
    agent: false,
    localAddress: post.from ?? '127.0.0.1',
  });
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      res.setEncoding('utf8');
      const streaming = (res.headers['content-type'] ?? '').includes('text/event-stream');
      let body = '';
      const done = (): void =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, abort: () => req.destroy() });
      res.on('data', (chunk: string) => {
        body += chunk;
        // A stream resolves with its first JSON-RPC message (after the priming event).
        if (streaming && body.includes('"jsonrpc"')) done();
      });
      res.on('end', done);
      res.on('error', () => done());
    });
  });
  req.end(payload);
  return answer;
}

/** `initialize` of a 2025-era client; `clientInfo` and `capabilities` may be replaced. */
export function initializeBody(extra: { clientInfo?: unknown; capabilities?: unknown; version?: string } = {}): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: extra.version ?? '2025-11-25',
      capabilities: extra.capabilities ?? { sampling: {}, elicitation: {} },
      clientInfo: extra.clientInfo ?? { name: 'hostile', version: '1.0.0' },
    },
  });
}

/** Opens a session (optionally confirming it); returns its id. */
export async function openSession(
  port: number,
  options: { from?: string; principal?: string; confirm?: boolean; version?: string; body?: string } = {},
): Promise<{ status: number; sessionId: string | undefined; answer: RawAnswer }> {
  const principalHeader: Record<string, string> = options.principal === undefined ? {} : { 'x-principal': options.principal };
  const answer = await rawPost(port, {
    body: options.body ?? initializeBody({ ...(options.version === undefined ? {} : { version: options.version }) }),
    headers: principalHeader,
    ...(options.from === undefined ? {} : { from: options.from }),
  });
  const header = answer.headers['mcp-session-id'];
  const sessionId = typeof header === 'string' ? header : undefined;
  if (options.confirm === true && sessionId !== undefined) {
    const confirmed = await rawPost(port, {
      body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      headers: { ...principalHeader, 'mcp-session-id': sessionId },
      ...(options.from === undefined ? {} : { from: options.from }),
    });
    if (confirmed.status !== 202) throw new Error(`initialized answered ${confirmed.status}`);
  }
  return { status: answer.status, sessionId, answer };
}

/** The JSON-RPC error of a JSON answer. */
export function errorOf(answer: RawAnswer): { code: number; message: string; data?: unknown } {
  return (JSON.parse(answer.body) as { error: { code: number; message: string; data?: unknown } }).error;
}

/** Answers `ping` in a session: the server still serves that client. */
export async function ping(
  port: number,
  sessionId: string,
  client: { from?: string; principal?: string } = {},
): Promise<number> {
  const answer = await rawPost(port, {
    body: JSON.stringify({ jsonrpc: '2.0', id: 'ping', method: 'ping' }),
    headers: {
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
      ...(client.principal === undefined ? {} : { 'x-principal': client.principal }),
    },
    ...(client.from === undefined ? {} : { from: client.from }),
  });
  return answer.status;
}
