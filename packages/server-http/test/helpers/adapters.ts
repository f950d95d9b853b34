// Starts the same McpServer behind each adapter on 127.0.0.1 (ephemeral port): the fetch-style
// handler through a small node:http bridge, the node adapter, and Express 4 and 5 with and without
// express.json() mounted before the MCP handler.
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@tern/core-protocol';
import express5 from 'express';
import express4 from 'express4';
import { createFetchHandler, resourceMetadataPath } from '../../src/index.js';
import type { FetchHandler, McpHttpOptions } from '../../src/index.js';
import { createNodeHandler } from '../../src/adapters/node/index.js';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { drainOrClose } from './drain.js';

/** Every adapter the shared tables run through. */
export const ADAPTERS = [
  'fetch',
  'node',
  'express5',
  'express5+json',
  'express4',
  'express4+json',
] as const;
export type AdapterName = (typeof ADAPTERS)[number];

/** The adapters where express.json() parsed the body before the MCP handler. */
export const PRE_PARSED: readonly AdapterName[] = ['express5+json', 'express4+json'];

/** A server listening on 127.0.0.1. */
export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves a fetch-style handler from node:http, as a runtime with web `Request`/`Response` would:
 * the request body is a stream, a closed connection aborts the request signal and cancels the
 * response body, and the response body is written with backpressure.
 */
export function fetchBridge(handler: FetchHandler): RequestListener {
  return (req, res) => {
    void bridge(handler, req, res).catch(() => res.destroy());
  };
}

function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => {
        if (!cancelled) controller.close();
      });
      req.on('error', (error) => {
        if (!cancelled) controller.error(error);
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Drop the rest of the body but keep the connection, as a server runtime does.
      cancelled = true;
      req.resume();
    },
  });
}

async function bridge(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    headers.append(req.rawHeaders[index] ?? '', req.rawHeaders[index + 1] ?? '');
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex` is required for a streamed body by Node's fetch but missing from the DOM types.
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (hasBody) {
    init.body = requestBody(req);
    init.duplex = 'half';
  }
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, init);
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (!res.write(next.value)) {
      await drainOrClose(res);
    }
  }
  res.end();
}

/** Where Express mounts the handler: the endpoint, and the metadata path when authorization is on. */
function mountPaths(options: McpHttpOptions): string[] {
  const resource = options.authorization?.resource;
  return resource === undefined ? ['/mcp'] : ['/mcp', resourceMetadataPath(resource)];
}

function listener(name: AdapterName, server: McpServer, options: McpHttpOptions): RequestListener {
  switch (name) {
    case 'fetch':
      return fetchBridge(createFetchHandler(server, options));
    case 'node':
      return createNodeHandler(server, options);
    case 'express5':
    case 'express5+json': {
      const app = express5();
      if (name === 'express5+json') app.use(express5.json({ limit: '4mb' }));
      app.use(mountPaths(options), createExpressHandler(server, options));
      return app;
    }
    case 'express4':
    case 'express4+json': {
      const app = express4();
      if (name === 'express4+json') app.use(express4.json({ limit: '4mb' }));
      app.use(mountPaths(options), createExpressHandler(server, options));
      return app;
    }
  }
}

/** Starts `server` behind the adapter `name` on 127.0.0.1. */
export async function startAdapter(
  name: AdapterName,
  server: McpServer,
  options: McpHttpOptions = {},
): Promise<RunningServer> {
  const http = createServer(listener(name, server, options));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
