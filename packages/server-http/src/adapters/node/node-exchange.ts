/**
 * The exchange and sink of the node:http adapter. They read `IncomingMessage` and write
 * `ServerResponse` directly: no web `Request`/`Response` is built per call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LazyAbortSignal } from '@tern/core-protocol';
import type {
  BodyReadResult,
  HttpExchange,
  HttpHeaders,
  HttpResponseSink,
  HttpStreamWriter,
} from '../../exchange.js';
import { readNodeBody } from './read-node-body.js';

/**
 * Reads a header from the raw list, joining repeated fields. Node keeps only the first of a
 * repeated `Content-Type`, `Host` or `Authorization`; the transport must see both to refuse them,
 * as it does on the fetch adapter.
 */
function joinedRawHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  let value: string | undefined;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const key = raw[index] ?? '';
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const next = raw[index + 1] ?? '';
    value = value === undefined ? next : `${value}, ${next}`;
  }
  return value;
}

/**
 * Node keeps the header block of a response (`res._header`) until the response ends, as the
 * string it concatenated header by header: a tree of some 35 pieces, over a kilobyte, for a
 * block of 160 characters. A stream stays open for hours, so its block is read once here, which
 * makes V8 flatten it into one string, and the collector then drops the pieces.
 */
function flattenHeaderBlock(res: ServerResponse): void {
  const block: unknown = (res as { _header?: unknown })._header;
  if (typeof block === 'string') block.charCodeAt(block.length - 1);
}

/** The body of an SSE response on a `ServerResponse`. */
class NodeStreamWriter implements HttpStreamWriter {
  readonly #res: ServerResponse;
  readonly #signal: LazyAbortSignal;

  constructor(res: ServerResponse, signal: LazyAbortSignal) {
    this.#res = res;
    this.#signal = signal;
  }

  write(chunk: string): boolean {
    const res = this.#res;
    if (res.destroyed || res.writableEnded) return true;
    return res.write(chunk);
  }

  onDrain(listener: () => void): void {
    this.#res.on('drain', listener);
  }

  close(): void {
    if (!this.#res.writableEnded) this.#res.end();
  }

  abort(): void {
    this.#signal.abort();
    this.#res.destroy();
  }
}

/** One request of the node:http adapter. @internal */
export class NodeExchange implements HttpExchange, HttpResponseSink {
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  /** No `AbortController` per request: a real `AbortSignal` is made only if someone reads one. */
  readonly #signal = new LazyAbortSignal();
  /** Dropped once read, so a long stream does not keep the request body. */
  #body: BodyReadResult | undefined;
  #responded = false;

  /** @param body a body a framework already read (Express), instead of reading `req` */
  constructor(req: IncomingMessage, res: ServerResponse, body?: BodyReadResult) {
    this.#req = req;
    this.#res = res;
    this.#body = body;
    res.once('close', this.#onClose);
  }

  /** A response closed before it finished means the client went away: cancel (#86, #114). */
  readonly #onClose = (): void => {
    if (!this.#res.writableFinished) this.#signal.abort();
  };

  get method(): string {
    return this.#req.method ?? '';
  }

  get path(): string {
    // Express strips a mount path from `url`; `originalUrl` is the request target as received.
    return (this.#req as { originalUrl?: string }).originalUrl ?? this.#req.url ?? '';
  }

  get signal(): LazyAbortSignal {
    return this.#signal;
  }

  get peerAddress(): string | undefined {
    return this.#req.socket.remoteAddress;
  }

  header(name: string): string | undefined {
    if (name === 'content-type' || name === 'host' || name === 'authorization') {
      return joinedRawHeader(this.#req, name);
    }
    const value = this.#req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  readBody(limit: number): Promise<BodyReadResult> {
    const body = this.#body;
    this.#body = undefined;
    return body === undefined ? readNodeBody(this.#req, limit) : Promise.resolve(body);
  }

  sendJson(status: number, headers: HttpHeaders, body: string): void {
    const res = this.#res;
    if (this.#responded || res.destroyed || res.headersSent) return;
    this.#responded = true;
    // A known length instead of chunked encoding: one write, and clients can size their buffers.
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }

  startStream(status: number, headers: HttpHeaders): HttpStreamWriter {
    const res = this.#res;
    const writer = new NodeStreamWriter(res, this.#signal);
    if (this.#responded || res.destroyed || res.headersSent) return writer;
    this.#responded = true;
    res.writeHead(status, headers);
    flattenHeaderBlock(res);
    return writer;
  }
}
