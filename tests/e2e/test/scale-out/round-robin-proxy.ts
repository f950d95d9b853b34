// A round-robin reverse proxy on 127.0.0.1 in front of the scale-out instances: each request goes
// to the next instance in turn, so consecutive requests of one client land on different
// instances. An instance that refuses the connection (killed) is skipped for the next one, as
// nginx's `proxy_next_upstream error` does (nothing was sent to it, so trying another is safe);
// with none left the client gets 502. The log records which instance served which JSON-RPC method.
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INSTANCE_HEADER } from './fixture-server-header.js';

/** Where the proxy may send a request: an instance's id and its port (`undefined` while down). */
export interface Upstream {
  readonly id: string;
  readonly port: number | undefined;
}

/** One proxied request. */
export interface ProxyEntry {
  /** The JSON-RPC method of a POST body (`GET`/`DELETE` for those). */
  method: string;
  /** The instance that answered (its `X-Tern-Instance`), or `undefined` when none could. */
  instance: string | undefined;
  status: number;
  /** The `Retry-After` of the answer, if any. */
  retryAfter?: string;
}

export interface RoundRobinProxy {
  /** The MCP endpoint through the proxy. */
  readonly url: string;
  readonly log: ProxyEntry[];
  /** The instance the next request goes to (the next live one in turn), so a test can steer. */
  upcoming(): string | undefined;
  close(): Promise<void>;
}

export async function startProxy(upstreams: readonly Upstream[]): Promise<RoundRobinProxy> {
  const log: ProxyEntry[] = [];
  let next = 0;
  const http = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const start = next;
      next = (next + 1) % upstreams.length;
      const entry: ProxyEntry = { method: methodOf(req, body), instance: undefined, status: 502 };
      log.push(entry);
      for (let offset = 0; offset < upstreams.length; offset += 1) {
        const upstream = upstreams[(start + offset) % upstreams.length];
        if (upstream?.port === undefined) continue;
        if (await forward({ req, body, res, entry }, upstream.port)) return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' }).end('No instance is reachable');
    })();
  });
  http.requestTimeout = 60_000;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/mcp`,
    log,
    upcoming: () => {
      for (let offset = 0; offset < upstreams.length; offset += 1) {
        const upstream = upstreams[(next + offset) % upstreams.length];
        if (upstream?.port !== undefined) return upstream.id;
      }
      return undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** Sends the request to one instance; `false` when it refused the connection (try the next). */
function forward(
  exchange: { req: IncomingMessage; body: Buffer; res: ServerResponse; entry: ProxyEntry },
  port: number,
): Promise<boolean> {
  const { req, body, res, entry } = exchange;
  return new Promise((resolve) => {
    const headers = { ...req.headers, host: `127.0.0.1:${String(port)}` };
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers },
      (answer) => {
        entry.status = answer.statusCode ?? 502;
        entry.instance = header(answer, INSTANCE_HEADER);
        const retryAfter = header(answer, 'retry-after');
        if (retryAfter !== undefined) entry.retryAfter = retryAfter;
        res.writeHead(entry.status, answer.headers);
        answer.pipe(res);
        // An instance killed mid-response: the client sees its connection end, not a hang.
        answer.once('error', () => res.destroy());
        answer.once('aborted', () => res.destroy());
        resolve(true);
      },
    );
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && !res.headersSent) resolve(false);
      else {
        res.destroy();
        resolve(true);
      }
    });
    res.once('close', () => upstream.destroy());
    upstream.end(body);
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function methodOf(req: IncomingMessage, body: Buffer): string {
  if (req.method !== 'POST') return req.method ?? '?';
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { method?: unknown };
    return typeof parsed.method === 'string' ? parsed.method : 'response';
  } catch {
    return 'unparsable';
  }
}

function header(message: IncomingMessage, name: string): string | undefined {
  const value = message.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
