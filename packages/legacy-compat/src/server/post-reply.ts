import { createErrorResponse, InternalError } from '@tern/jsonrpc';
import type { JsonRpcResponse } from '@tern/jsonrpc';
import type { HttpExchange, HttpResponseSink } from '@tern/server-http';
import type { EventStream } from './event-stream.js';
import type { LegacyReply } from './legacy-reply.js';
import type { LegacySession } from './legacy-session.js';
import type { ConnectionLimits } from './sse-connection.js';
import { SseConnection } from './sse-connection.js';

/** Headers of a JSON response. */
export const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

/** What a {@link PostReply} needs. @internal */
export interface PostReplyInit {
  readonly session: LegacySession;
  readonly exchange: HttpExchange;
  readonly sink: HttpResponseSink;
  /** Requests in the POST (1, or more for a 2025-03-26 batch). */
  readonly expected: number;
  /** Whether the POST was a batch: the JSON answer is then an array. */
  readonly batch: boolean;
  readonly limits: ConnectionLimits & { readonly retryMs: number };
}

/**
 * The answer to one POST that carries requests. It stays plain JSON while only responses are
 * sent; the first message that must come before a response (progress, a log message, a
 * server-to-client request) switches it to an SSE stream of the session, which then carries
 * every later message and ends after the last response (2025-11-25 transports, "Sending Messages
 * to the Server"). A cancelled request ends without a response. @internal
 */
export class PostReply implements LegacyReply {
  readonly #init: PostReplyInit;
  readonly #responses: string[] = [];
  #settled = 0;
  #stream: EventStream | undefined;

  constructor(init: PostReplyInit) {
    this.#init = init;
  }

  /** Whether the answer already switched to SSE. */
  get isStreaming(): boolean {
    return this.#stream !== undefined;
  }

  /** Sends a message that precedes a response (a notification or a server-to-client request). */
  send(message: object): void {
    this.#streamed().send(JSON.stringify(message));
  }

  /** Sends the response of one of the POST's requests. */
  respond(response: JsonRpcResponse): void {
    const json = serialize(response);
    if (this.#stream !== undefined) this.#stream.send(json);
    else this.#responses.push(json);
    this.#settle();
  }

  /** One of the POST's requests ended without a response (it was cancelled). */
  skip(): void {
    this.#settle();
  }

  /**
   * Closes the HTTP connection while the requests go on (2025-11-25 polling): the client
   * reconnects with `GET` and `Last-Event-ID` and gets what it missed. Only 2025-11-25 streams
   * carry the priming event that makes this possible; returns `false` elsewhere.
   */
  closeConnection(): boolean {
    if (this.#settled >= this.#init.expected || this.#init.session.protocolVersion !== '2025-11-25')
      return false;
    this.#streamed().detach();
    return true;
  }

  #streamed(): EventStream {
    if (this.#stream !== undefined) return this.#stream;
    const { session, exchange, sink, limits } = this.#init;
    const stream = session.openStream();
    this.#stream = stream;
    const connection = new SseConnection(sink, exchange.signal, limits);
    connection.onEnd(() => session.touch());
    stream.attach(connection);
    stream.prime(limits.retryMs);
    // Responses that came before the switch (a batch) go out first.
    for (const json of this.#responses.splice(0)) stream.send(json);
    return stream;
  }

  #settle(): void {
    this.#settled += 1;
    if (this.#settled < this.#init.expected) return;
    const stream = this.#stream;
    if (stream !== undefined) {
      stream.finish();
      this.#init.session.releaseStream(stream);
      return;
    }
    const { sink, batch } = this.#init;
    if (this.#responses.length === 0) {
      sink.sendJson(202, {}, '');
      return;
    }
    const body = batch ? `[${this.#responses.join(',')}]` : (this.#responses[0] ?? '');
    sink.sendJson(200, JSON_HEADERS, body);
  }
}

/**
 * A response as JSON text. A result that is not JSON (a BigInt, a cycle) becomes a generic
 * `-32603` for that request instead of breaking the whole answer.
 */
function serialize(response: JsonRpcResponse): string {
  try {
    return JSON.stringify(response);
  } catch {
    return JSON.stringify(
      createErrorResponse(response.id, new InternalError('Internal error').toJson()),
    );
  }
}
