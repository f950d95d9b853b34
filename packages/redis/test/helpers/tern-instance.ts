// A Tern server backed by Redis (bus and conversation store) on 127.0.0.1, as one instance of a
// deployment: every instance shares the sealing key, the Redis and its prefix.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { McpServer } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import * as z from 'zod';
import { RedisChangeBus, RedisConnection, RedisConversationStore } from '../../src/index.js';

const KEY = { id: 'shared', secret: new Uint8Array(32).fill(7) };

/** One running instance. */
export interface TernInstance {
  server: McpServer;
  store: RedisConversationStore;
  port: number;
  connection: RedisConnection;
  close(): Promise<void>;
}

/** Starts an instance: an `echo` tool that needs no shared state, and a `book` tool that asks (MRTR). */
export async function startInstance(url: string, keyPrefix: string): Promise<TernInstance> {
  const connection = await RedisConnection.connect({ url, keyPrefix, maxReconnectDelayMs: 200, commandTimeoutMs: 500 });
  const store = new RedisConversationStore({ connection });
  const server = new McpServer(
    { name: 'scale-out', version: '1.0.0' },
    {
      requestState: { keys: [KEY], store },
      changeBus: new RedisChangeBus({ connection }),
      logger: { warn: () => undefined },
    },
  );
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => text);
  server.registerTool('book', { inputSchema: z.object({ city: z.string() }) }, async ({ city }, ctx) => {
    const answer = await ctx.elicit(`Book ${city}?`, z.object({ ok: z.boolean() }), { key: 'confirm' });
    return answer.action === 'accept' && answer.content.ok ? `booked ${city}` : 'not booked';
  });
  // The test's stand-in for a real authenticator: the principal is the `x-user` header.
  const authenticate = (request: { header(name: string): string | undefined }) => {
    const user = request.header('x-user');
    return user === undefined ? undefined : { principal: user };
  };
  const http: Server = createServer(createNodeHandler(server, { authenticate }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    server,
    store,
    port,
    connection,
    close: async () => {
      server.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await connection.close();
    },
  };
}

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': { elicitation: {} },
};

/** POSTs one JSON-RPC request; resolves with the status, `Retry-After` and the parsed body. */
export interface Call {
  method: string;
  params: Record<string, unknown>;
  /** `Mcp-Name` (the tool). */
  name?: string;
  /** The principal (see `authenticate` above). */
  user?: string;
}

/** A JSON-RPC response body, loosely typed for assertions. */
export interface Reply {
  result?: Record<string, unknown> & { requestState?: string };
  error?: Record<string, unknown>;
}

/** The headers of a valid 2026-07-28 POST for `method` (and `Mcp-Name` when given). */
export function mcpHeaders(method: string, name?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}

export async function post(port: number, { method, params, name, user }: Call) {
  const response = await fetch(`http://127.0.0.1:${String(port)}/`, {
    method: 'POST',
    headers: { ...mcpHeaders(method, name), ...(user === undefined ? {} : { 'x-user': user }) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { _meta: META, ...params } }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  const json = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '{}');
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: JSON.parse(json) as Reply };
}
