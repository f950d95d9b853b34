/**
 * The exchange and sink of the fetch-style adapter: a web `Request` in, a web `Response` out, SSE
 * bodies as a `ReadableStream` with byte-counted backpressure. Runs on any runtime with Fetch.
 */
import type {
  BodyReadResult,
  HttpExchange,
  HttpHeaders,
  HttpResponseSink,
  HttpStreamWriter,
} from '../exchange.js';

const EMPTY = new Uint8Array(0);
const TOO_LARGE: BodyReadResult = { type: 'too-large' };
const ABORTED: BodyReadResult = { type: 'aborted' };
/** Bytes an SSE body may hold unread before `write` reports backpressure. */
const STREAM_HIGH_WATER_MARK = 64 * 1024;
const encoder = new TextEncoder();

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] ?? EMPTY;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body of an SSE `Response`. */
class FetchStreamWriter implements HttpStreamWriter {
  readonly #abortController: AbortController;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #onDrain: (() => void) | undefined;
  #closed = false;

  constructor(abortController: AbortController) {
    this.#abortController = abortController;
  }

  attach(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
  }

  write(chunk: string): boolean {
    const controller = this.#controller;
    if (this.#closed || controller === undefined) return true;
    controller.enqueue(encoder.encode(chunk));
    return (controller.desiredSize ?? 0) > 0;
  }

  onDrain(listener: () => void): void {
    this.#onDrain = listener;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#controller?.close();
  }

  abort(): void {
    if (!this.#closed) {
      this.#closed = true;
      this.#controller?.error(new DOMException('The reader fell too far behind', 'AbortError'));
    }
    this.#abortController.abort();
  }

  /** The reader wants more. */
  pulled(): void {
    if (!this.#closed) this.#onDrain?.();
  }

  /** The reader went away: that is the cancellation of the request (#114). */
  cancelled(): void {
    this.#closed = true;
    this.#abortController.abort();
  }
}

/** One request of the fetch-style adapter. @internal */
export class FetchExchange implements HttpExchange, HttpResponseSink {
  readonly #request: Request;
  readonly #abortController = new AbortController();
  readonly #resolve: (response: Response) => void;
  #responded = false;
  /** Settles with the response as soon as the transport decided it (status and headers). */
  readonly response: Promise<Response>;
  readonly peerAddress: string | undefined;

  constructor(request: Request, peerAddress?: string) {
    this.#request = request;
    this.peerAddress = peerAddress;
    let resolve: (response: Response) => void = () => undefined;
    this.response = new Promise<Response>((settle) => {
      resolve = settle;
    });
    this.#resolve = resolve;
    const signal = request.signal;
    if (signal.aborted) this.#abortController.abort();
    else signal.addEventListener('abort', () => this.#abortController.abort(), { once: true });
  }

  get method(): string {
    return this.#request.method;
  }

  get path(): string {
    const url = new URL(this.#request.url);
    return `${url.pathname}${url.search}`;
  }

  get signal(): AbortSignal {
    return this.#abortController.signal;
  }

  header(name: string): string | undefined {
    const value = this.#request.headers.get(name);
    if (value !== null) return value;
    // Runtimes that keep the authority in the URL rather than in the headers.
    return name === 'host' ? new URL(this.#request.url).host : undefined;
  }

  async readBody(limit: number): Promise<BodyReadResult> {
    const body = this.#request.body;
    if (body === null) return { type: 'raw', data: EMPTY };
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        size += next.value.byteLength;
        if (size > limit) {
          reader.cancel().catch(() => undefined);
          return TOO_LARGE;
        }
        chunks.push(next.value);
      }
    } catch {
      return ABORTED;
    }
    return { type: 'raw', data: concat(chunks, size) };
  }

  sendJson(status: number, headers: HttpHeaders, body: string): void {
    if (this.#responded) return;
    this.#responded = true;
    this.#resolve(new Response(body === '' ? null : body, { status, headers }));
  }

  startStream(status: number, headers: HttpHeaders): HttpStreamWriter {
    const writer = new FetchStreamWriter(this.#abortController);
    if (this.#responded) {
      writer.cancelled();
      return writer;
    }
    this.#responded = true;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => writer.attach(controller),
        pull: () => writer.pulled(),
        cancel: () => writer.cancelled(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: STREAM_HIGH_WATER_MARK }),
    );
    this.#resolve(new Response(stream, { status, headers }));
    return writer;
  }

  /** Called when the transport is done: a request it never answered (client gone) gets an empty 400. */
  settle(): void {
    this.sendJson(400, {}, '');
  }
}
