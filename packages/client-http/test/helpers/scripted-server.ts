import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonRpcId } from '@tern/jsonrpc';

/** A received JSON-RPC body, as the assertions read it. */
export interface ReceivedBody {
  jsonrpc?: string;
  id?: JsonRpcId;
  method?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON, read by assertions
  params?: any;
}

/** One POST the test server received. */
export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (empty when it was not JSON). */
  body: ReceivedBody;
  /** Resolves when the connection of this request closed before the response was complete. */
  aborted: Promise<void>;
}

/** Answers one request; `index` counts requests from 0. */
export type Script = (
  request: ReceivedRequest,
  res: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A node:http server on 127.0.0.1 and an ephemeral port that answers with a script. */
export interface ScriptedServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a {@link ScriptedServer}. Stop it with `close()` (connections are destroyed). */
export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: ReceivedBody;
      try {
        body = JSON.parse(text) as ReceivedBody;
      } catch {
        body = {};
      }
      const aborted = new Promise<void>((resolve) => {
        res.on('close', () => {
          if (!res.writableFinished) resolve();
        });
      });
      const received: ReceivedRequest = {
        method: req.method ?? '',
        headers: req.headers,
        body,
        aborted,
      };
      const index = requests.push(received) - 1;
      void Promise.resolve(script(received, res, index)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : undefined);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with one JSON body. */
export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Opens an SSE response. */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
}

/** Writes one SSE `message` event carrying `message` as JSON. */
export function writeEvent(res: ServerResponse, message: unknown): void {
  res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
}

/** A successful JSON-RPC response to `request`. */
export function result(request: ReceivedRequest, value: Record<string, unknown> = {}): unknown {
  return { jsonrpc: '2.0', id: request.body.id, result: { resultType: 'complete', ...value } };
}

/** A JSON-RPC error response to `request`. */
export function failure(
  request: ReceivedRequest,
  error: { code: number; message: string; data?: unknown },
): unknown {
  return { jsonrpc: '2.0', id: request.body.id, error };
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
