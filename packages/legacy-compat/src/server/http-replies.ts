import type { JsonRpcError, JsonRpcId } from '@tern/jsonrpc';
import type { HttpExchange, HttpHeaders, HttpResponseSink } from '@tern/server-http';
import { InvalidRequestError } from '@tern/jsonrpc';
import { overloaded } from '@tern/core-protocol';
import type { LegacySession } from './legacy-session.js';
import { JSON_HEADERS } from './post-reply.js';

/** An HTTP error with a JSON-RPC error body. */
export interface RpcErrorReply {
  readonly status: number;
  readonly error: JsonRpcError;
  /** The id of the request refused, when it could be read. */
  readonly id?: JsonRpcId | null;
  readonly headers?: HttpHeaders;
}

/** Sends an HTTP error with a JSON-RPC error body. */
export function sendRpcError(sink: HttpResponseSink, reply: RpcErrorReply): void {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: reply.id ?? null,
    error: reply.error.toJson(),
  });
  sink.sendJson(reply.status, { ...reply.headers, ...JSON_HEADERS }, body);
}

/** Seconds a client refused for load is told to wait. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A refusal for load (issue 12 memory budget): 429 when the client's own quota is full, 503 when
 * the whole layer is, both with `Retry-After` and `-32603` carrying `OverloadData`.
 */
export function sendOverloaded(
  sink: HttpResponseSink,
  id: JsonRpcId | null,
  refusal: { readonly message: string; readonly limit: 'client' | 'server' },
): void {
  const { message, limit } = refusal;
  sendRpcError(sink, {
    status: limit === 'client' ? 429 : 503,
    error: overloaded(message, { retryAfterSeconds: RETRY_AFTER_SECONDS, limit }),
    id,
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  });
}

/**
 * 503 with `Retry-After` when the store that instances share sessions through cannot be reached
 * (`SessionBackplane`): the request did nothing, and the client may send it again. The cause goes
 * to `onError`, never to the client.
 */
export function sendSessionsUnavailable(sink: HttpResponseSink, id?: JsonRpcId | null): void {
  sendOverloaded(sink, id ?? null, {
    message: 'The session store is unreachable; try again shortly',
    limit: 'server',
  });
}

/**
 * 404 for an unknown, ended or expired session: the client must start a new one with
 * `initialize` (2025-11-25 transports, "Session Management").
 */
export function sendSessionNotFound(sink: HttpResponseSink, id?: JsonRpcId | null): void {
  sendRpcError(sink, {
    status: 404,
    error: new InvalidRequestError(
      'Session not found: send initialize without Mcp-Session-Id to start a new one',
    ),
    id: id ?? null,
  });
}

/**
 * Checks `MCP-Protocol-Version` on a request of a session: absent is accepted (2025-03-26 clients
 * never send it), anything other than the negotiated version is refused with 400.
 * @returns whether the request may go on (when not, the 400 was sent)
 */
export function checkVersionHeader(
  exchange: HttpExchange,
  sink: HttpResponseSink,
  session: LegacySession,
): boolean {
  const header = exchange.header('mcp-protocol-version');
  if (header === undefined || header === session.protocolVersion) return true;
  sendRpcError(sink, {
    status: 400,
    error: new InvalidRequestError(
      `Bad Request: MCP-Protocol-Version ${header} is not the version of this session (${session.protocolVersion})`,
    ),
  });
  return false;
}
