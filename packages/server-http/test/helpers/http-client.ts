// Raw HTTP requests over node:http (fetch would refuse hostile headers such as a forged Host or
// two Content-Type fields), builders of valid MCP requests, and an SSE reader.
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { drainOrClose } from './drain.js';

export const PROTOCOL_VERSION = '2026-07-28';
export const ACCEPT_BOTH = 'application/json, text/event-stream';

/** A request as the tests describe it. Header values of `undefined` are left out. */
export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string | Uint8Array;
  /** Send the body chunked (no Content-Length), in pieces of this size. */
  chunkSize?: number;
  /** Wait this long between chunks (a slow sender). */
  dripMs?: number;
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The `_meta` of a valid 2026-07-28 request, with `extra` merged in. */
export function meta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'io.modelcontextprotocol/protocolVersion': PROTOCOL_VERSION,
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'http-test', version: '1.0.0' },
    ...extra,
  };
}

/**
 * A JSON-RPC request with a valid `_meta`; a `_meta` in `params` replaces it (`undefined` leaves
 * it out).
 */
export function rpc(
  id: string | number,
  method: string,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method, params: { _meta: meta(), ...params } };
}

/** The headers of a valid POST for `method` (and `Mcp-Name` when given). */
export function mcpHeaders(method: string, name?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: ACCEPT_BOTH,
    'mcp-protocol-version': PROTOCOL_VERSION,
    'mcp-method': method,
    ...(name === undefined ? {} : { 'mcp-name': name }),
  };
}

/** A valid `tools/call`. */
export function toolCall(
  id: string | number,
  tool: string,
  args: Record<string, unknown> = {},
): RawRequest {
  return {
    headers: mcpHeaders('tools/call', tool),
    body: JSON.stringify(rpc(id, 'tools/call', { name: tool, arguments: args })),
  };
}

/** Adds `extra` (e.g. a `progressToken`) to the `_meta` of a request built by {@link toolCall}. */
export function withMeta(raw: RawRequest, extra: Record<string, unknown>): RawRequest {
  const message = JSON.parse(raw.body as string) as { params: { _meta: Record<string, unknown> } };
  message.params._meta = { ...message.params._meta, ...extra };
  return { ...raw, body: JSON.stringify(message) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends one request on a fresh connection to 127.0.0.1 and reads the whole response. */
export function send(port: number, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A flat [name, value, …] list, as in rawHeaders: it can carry repeated fields, even Host.
    const headers: string[] = [];
    for (const [key, value] of Object.entries(raw.headers ?? {})) {
      for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value])
        headers.push(key, item);
    }
    const has = (name: string): boolean =>
      headers.some((key, index) => index % 2 === 0 && key.toLowerCase() === name);
    if (!has('host')) headers.push('host', `127.0.0.1:${port}`);
    const body = typeof raw.body === 'string' ? Buffer.from(raw.body) : raw.body;
    if (body !== undefined && raw.chunkSize === undefined && !has('content-length')) {
      headers.push('content-length', String(body.byteLength));
    }
    if (raw.chunkSize !== undefined) headers.push('transfer-encoding', 'chunked');
    let answered = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: raw.method ?? 'POST',
        path: raw.path ?? '/mcp',
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // A server may answer (413) and stop reading before the upload ends; that is not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      if (body === undefined) {
        req.end();
        return;
      }
      if (raw.chunkSize === undefined) {
        req.end(body);
        return;
      }
      for (
        let offset = 0;
        offset < body.byteLength && !answered && !req.destroyed;
        offset += raw.chunkSize
      ) {
        if (!req.write(body.subarray(offset, offset + raw.chunkSize))) {
          await drainOrClose(req);
        }
        if (raw.dripMs !== undefined) await sleep(raw.dripMs);
      }
      if (!req.destroyed) req.end();
    })();
  });
}

/** The parsed JSON body, failing clearly when it is not JSON. */
export function jsonOf(response: RawResponse): Record<string, unknown> {
  try {
    return JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    throw new TypeError(
      `Expected a JSON body, got status ${response.status}: ${response.body.slice(0, 200)}`,
    );
  }
}

/** One parsed SSE stream: its JSON-RPC messages and how many comment lines it had. */
export interface SseTranscript {
  messages: Record<string, unknown>[];
  comments: number;
}

/** Parses an SSE body into messages (one JSON value per `data:` line) and comments. */
export function parseSse(text: string): SseTranscript {
  const messages: Record<string, unknown>[] = [];
  let comments = 0;
  for (const block of text.split('\n\n')) {
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments += 1;
      else if (line.startsWith('data:'))
        messages.push(JSON.parse(line.slice(5).trim()) as Record<string, unknown>);
    }
  }
  return { messages, comments };
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** A streamed response being read as it arrives. */
export interface OpenStream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** JSON-RPC messages received so far. */
  readonly messages: Record<string, unknown>[];
  /** SSE comment lines received so far. */
  readonly comments: () => number;
  /** Settles when the response ended (`end`) or broke off (`error`). */
  readonly done: Promise<'end' | 'error'>;
  pause(): void;
  resume(): void;
  /** Closes the connection (the client goes away). */
  destroy(): void;
}

/** Sends a request and returns as soon as the response headers arrive; the body is parsed as SSE while it streams. */
export function openStream(port: number, raw: RawRequest): Promise<OpenStream> {
  // Nothing of `raw` may be captured by the callbacks below: the memory tests open streams with
  // bodies of megabytes and measure what the *server* keeps.
  const headers: string[] = ['host', `127.0.0.1:${port}`];
  for (const [key, value] of Object.entries(raw.headers ?? {}))
    if (typeof value === 'string') headers.push(key, value);
  const body = Buffer.from(typeof raw.body === 'string' ? raw.body : '');
  headers.push('content-length', String(body.byteLength));
  const path = raw.path ?? '/mcp';
  const started = startStream(port, path, headers);
  started.req.end(body);
  return started.stream;
}

function startStream(
  port: number,
  path: string,
  headers: string[],
): { req: ReturnType<typeof httpRequest>; stream: Promise<OpenStream> } {
  let req: ReturnType<typeof httpRequest> | undefined;
  const stream = new Promise<OpenStream>((resolve, reject) => {
    req = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path, headers, agent: false },
      (res) => {
        const messages: Record<string, unknown>[] = [];
        let comments = 0;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const parsed = parseSse(buffer.slice(0, end));
            messages.push(...parsed.messages);
            comments += parsed.comments;
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        });
        const done = new Promise<'end' | 'error'>((settle) => {
          res.on('end', () => settle('end'));
          res.on('error', () => settle('error'));
          res.on('close', () => settle(res.complete ? 'end' : 'error'));
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          messages,
          comments: () => comments,
          done,
          pause: () => res.pause(),
          resume: () => res.resume(),
          destroy: () => req?.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
  if (req === undefined) throw new Error('unreachable: the executor runs synchronously');
  return { req, stream };
}
