// A node:http server on 127.0.0.1 that answers every HTTP request with a test's script.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface Received {
  httpMethod: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON, read by assertions
  body: any;
}

/** Answers one request. */
export type Script = (request: Received, res: ServerResponse) => void | Promise<void>;

/** A running scripted server. */
export interface ScriptedServer {
  url: string;
  received: Received[];
  /** The POSTs with this JSON-RPC method. */
  posts(method: string): Received[];
  close(): Promise<void>;
}

/** Starts a {@link ScriptedServer}; `close()` destroys open connections. */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const request: Received = { httpMethod: req.method ?? '', headers: req.headers, body };
      received.push(request);
      void Promise.resolve(script(request, res)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : undefined);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    received,
    posts: (method) =>
      received.filter(
        (request) => request.httpMethod === 'POST' && request.body?.method === method,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  body: unknown,
  { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers with a status and a raw body (`text/html` unless told). */
export function sendRaw(
  res: ServerResponse,
  status: number,
  body?: { text: string; contentType?: string },
): void {
  res.writeHead(
    status,
    body === undefined ? {} : { 'Content-Type': body.contentType ?? 'text/html' },
  );
  res.end(body?.text ?? '');
}

/** Opens an SSE response. */
export function openSse(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.flushHeaders();
}

/** Writes one SSE event carrying `message` as JSON (`id` when given). */
export function writeEvent(res: ServerResponse, message: unknown, id?: string): void {
  res.write(
    `${id === undefined ? '' : `id: ${id}\n`}event: message\ndata: ${JSON.stringify(message)}\n\n`,
  );
}

/** The `initialize` result of a legacy server. */
export function initializeResult(
  id: unknown,
  protocolVersion = '2025-11-25',
  capabilities: Record<string, unknown> = { tools: {} },
): unknown {
  return {
    jsonrpc: '2.0',
    id,
    result: { protocolVersion, capabilities, serverInfo: { name: 'scripted', version: '1.0.0' } },
  };
}

/**
 * A minimal legacy server script: the probe gets `probe` (default: 400 with an empty body),
 * `initialize` is answered with a session id, notifications with 202, GET with 405, and every
 * other request (and the client's responses to server requests) with `answer`.
 */
export function legacyScript(
  answer: Script,
  options: {
    probe?: Script;
    protocolVersion?: string;
    capabilities?: Record<string, unknown>;
  } = {},
): Script {
  return async (request, res) => {
    const body = request.body as { id?: unknown; method?: string } | undefined;
    if (request.httpMethod === 'GET') return sendRaw(res, 405);
    if (request.httpMethod === 'DELETE') return sendRaw(res, 200);
    if (body?.method === 'server/discover')
      return (options.probe ?? ((_, response) => sendRaw(response, 400)))(request, res);
    if (body?.method === 'initialize') {
      return sendJson(
        res,
        initializeResult(body.id, options.protocolVersion, options.capabilities),
        {
          headers: { 'Mcp-Session-Id': 'session-1' },
        },
      );
    }
    if (body?.method !== undefined && body.id === undefined) return sendRaw(res, 202);
    // Requests, and the client's responses to server requests.
    return answer(request, res);
  };
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
