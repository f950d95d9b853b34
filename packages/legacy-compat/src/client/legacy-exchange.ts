/**
 * One request of a legacy session on the wire: the POST, its answer (JSON, or an SSE stream that
 * may carry server requests and notifications before the response), and resumption of a stream
 * that ends early (2025-11-25: GET with `Last-Event-ID` after the server's `retry` delay).
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import { isJsonRpcErrorResponse, isJsonRpcResponse } from '@tern/jsonrpc';
import type {
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { delay, httpError, mediaTypeOf, parseQuietly, readText } from './legacy-http.js';
import { readLegacyEvents } from './legacy-sse.js';
import type { SseCursor } from './legacy-sse.js';
import type { InputAnswerer } from './server-requests.js';

/** A request in flight, as the streams of the session see it. */
export interface Exchange {
  /** Resolves the request with its response (once; later calls are ignored). */
  settle(response: JsonRpcResponse): void;
  isSettled(): boolean;
  /** Receives the notifications sent on the request's stream. */
  onNotification: ((notification: JsonRpcNotification) => void) | undefined;
  /** Answers the server's requests sent on the request's stream. */
  answer: InputAnswerer | undefined;
  /** The request's `progressToken`, to route progress sent on another stream. */
  progressToken: string | number | undefined;
}

/** A new {@link Exchange}, the promise of its response, and the function that fails it. */
export interface PendingExchange {
  exchange: Exchange;
  done: Promise<JsonRpcResponse>;
  fail: (error: unknown) => void;
}

/** Creates the exchange of one request; it settles (or fails) once. */
export function createExchange(
  init: Pick<Exchange, 'onNotification' | 'answer' | 'progressToken'>,
): PendingExchange {
  let settled = false;
  let resolve: (response: JsonRpcResponse) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const done = new Promise<JsonRpcResponse>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  const exchange: Exchange = {
    ...init,
    settle: (response) => {
      if (settled) return;
      settled = true;
      resolve(response);
    },
    isSettled: () => settled,
  };
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    reject(error);
  };
  return { exchange, done, fail };
}

/** What {@link pumpExchange} needs from the session, for one request. */
export interface ExchangeIo {
  /** POSTs the request with the session headers; the body is left unread. */
  post(message: JsonRpcRequest, signal: AbortSignal): Promise<Response>;
  /** GETs the endpoint with the session headers and `Last-Event-ID`. */
  resume(lastEventId: string, signal: AbortSignal): Promise<Response>;
  /** Routes a message of the request's stream (its response settles `exchange`). */
  dispatch(message: JsonRpcMessage, exchange: Exchange): void;
  /** The session was answered 404: the server no longer knows it. */
  sessionGone(): void;
  /** Whether the session has an id (a 404 means "session gone" only then). */
  hasSession: boolean;
  /** Ends the exchange's HTTP traffic (the request was settled or aborted). */
  signal: AbortSignal;
}

/** Unproductive reconnections of one response stream before it counts as lost. */
const MAX_RESUME_ATTEMPTS = 3;
/** Wait before resuming when the server gave no `retry`, in ms. */
const DEFAULT_RETRY_MS = 1000;
/** `data` key of the error for a session the server no longer knows. */
const SESSION_EXPIRED = 'sessionExpired';

/**
 * POSTs `message` and reads its answer until `exchange` is settled. Returns without settling when
 * the response stream was lost for good.
 *
 * @throws SdkError `HTTP_ERROR` for an answer without the JSON-RPC response, `CONNECTION_CLOSED`
 *   with `data.sessionExpired` for a 404 on a session (see {@link isSessionExpired}), or what
 *   `fetch` throws
 */
export async function pumpExchange(
  io: ExchangeIo,
  message: JsonRpcRequest,
  exchange: Exchange,
): Promise<void> {
  const response = await io.post(message, io.signal);
  if (!response.ok) {
    const body = await readText(response);
    if (response.status === 404 && io.hasSession) {
      io.sessionGone();
      throw new SdkError(SdkErrorCode.ConnectionClosed, 'The legacy session expired (HTTP 404)', {
        data: { [SESSION_EXPIRED]: true, status: 404 },
      });
    }
    const parsed = parseQuietly(body);
    if (parsed !== undefined && isJsonRpcErrorResponse(parsed) && parsed.id === message.id) {
      exchange.settle(parsed);
      return;
    }
    throw httpError(message.method, response, body);
  }
  const type = mediaTypeOf(response);
  if (type === 'text/event-stream' && response.body !== null) {
    await follow(io, exchange, response.body);
    return;
  }
  const body = await readText(response);
  const parsed = type === 'application/json' ? parseQuietly(body) : undefined;
  if (parsed !== undefined && isJsonRpcResponse(parsed) && answers(parsed, message.id)) {
    exchange.settle(parsed);
    return;
  }
  throw httpError(message.method, response, body);
}

/** Whether `error` reports a session the server no longer knows (HTTP 404). */
export function isSessionExpired(error: unknown): boolean {
  return (
    error instanceof SdkError &&
    (error.data as Record<string, unknown> | undefined)?.[SESSION_EXPIRED] === true
  );
}

/**
 * Reads a response stream, and resumes it with GET + `Last-Event-ID` after the server's `retry`
 * delay when it ends (or drops) before the response, as long as the server gave event ids and
 * reconnecting keeps delivering events.
 */
async function follow(
  io: ExchangeIo,
  exchange: Exchange,
  body: ReadableStream<Uint8Array>,
): Promise<void> {
  const { signal } = io;
  const cursor: SseCursor = { lastEventId: undefined, retryMs: undefined };
  let stream: ReadableStream<Uint8Array> | undefined = body;
  let unproductive = 0;
  while (stream !== undefined) {
    const before = cursor.lastEventId;
    try {
      await readLegacyEvents(stream, cursor, (received) => {
        io.dispatch(received, exchange);
        return exchange.isSettled();
      });
    } catch {
      // A dropped connection is resumable like a graceful end.
    }
    if (exchange.isSettled() || signal.aborted || cursor.lastEventId === undefined) return;
    unproductive = cursor.lastEventId === before ? unproductive + 1 : 0;
    if (unproductive >= MAX_RESUME_ATTEMPTS) return;
    // 2025-11-25: the client must wait the `retry` the server gave before reconnecting.
    await delay(cursor.retryMs ?? DEFAULT_RETRY_MS, signal);
    if (exchange.isSettled() || signal.aborted) return;
    stream = await resume(io, cursor.lastEventId);
  }
}

async function resume(
  io: ExchangeIo,
  lastEventId: string,
): Promise<ReadableStream<Uint8Array> | undefined> {
  try {
    const response = await io.resume(lastEventId, io.signal);
    if (response.ok && mediaTypeOf(response) === 'text/event-stream' && response.body !== null)
      return response.body;
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 404 && io.hasSession) io.sessionGone();
  } catch {
    // Lost, like a refused resumption.
  }
  return undefined;
}

/** Whether `response` answers the request `id` (an id-less error answers the POST it came on). */
function answers(response: JsonRpcResponse, id: JsonRpcId): boolean {
  return (
    response.id === id ||
    (isJsonRpcErrorResponse(response) && (response.id === null || response.id === undefined))
  );
}
