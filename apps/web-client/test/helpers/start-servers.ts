/**
 * The two servers of the browser test, both on 127.0.0.1 with ephemeral ports:
 * - the page server: the built page at `/` and the MCP endpoint at `/mcp` on one origin, as
 *   apps/demo-server serves them (no CORS involved);
 * - the API server: only `/mcp`, on another origin, admitting the page server's origin through
 *   CORS and `allowedOrigins`.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { McpServer } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { handleCors } from './cors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * A strict policy the page must live with: no inline script or style, no eval. `connect-src`
 * admits local MCP servers on any port, because the page may be pointed at one.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:*; img-src 'self' data:; media-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/** A listening server and its base URL (`http://127.0.0.1:<port>`). */
export interface RunningServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `pageDir` at `/`, `mcp` at `/mcp` and a stand-in sign-in page at `/consent`. */
export function startPageServer(pageDir: string, mcp: McpServer): Promise<RunningServer> {
  const endpoint = createNodeHandler(mcp);
  return listen(
    createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/mcp') endpoint(req, res);
      else if (path === '/consent')
        res.writeHead(200, { 'content-type': 'text/plain' }).end('Signed in.\n');
      else void serveFile(pageDir, path, res);
    }),
  );
}

/** Serves `mcp` at `/mcp` for pages on `allowedOrigins` (CORS plus the transport's own check). */
export function startApiServer(
  mcp: McpServer,
  allowedOrigins: readonly string[],
): Promise<RunningServer> {
  const endpoint = createNodeHandler(mcp, { allowedOrigins });
  const origins = new Set(allowedOrigins);
  return listen(
    createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/mcp') {
        res.writeHead(404).end();
        return;
      }
      if (handleCors(req, res, origins)) return;
      endpoint(req, res);
    }),
  );
}

async function serveFile(root: string, path: string, res: ServerResponse): Promise<void> {
  try {
    const file = join(root, normalize(decodeURIComponent(path === '/' ? '/index.html' : path)));
    // normalize() resolved every `..`; anything outside the page directory is not served.
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) throw new RangeError(path);
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}

function listen(server: Server): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
