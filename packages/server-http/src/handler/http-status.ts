/**
 * The one place where errors become HTTP responses: the status of a dispatched JSON-RPC response
 * (ST §5 table) and the rendering of every {@link McpHttpError}.
 */
import { overloadOf } from '@tern/core-protocol';
import { InternalError, JsonRpcErrorCode } from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import type { HttpHeaders, HttpResponseSink } from '../exchange.js';
import { isMcpHttpError, McpHttpError } from '../mcp-http-error.js';

/** Headers of a JSON response. */
export const JSON_HEADERS: HttpHeaders = { 'Content-Type': 'application/json' };

/** Headers of an SSE response (requirements.md #108, #112). */
export const SSE_HEADERS: HttpHeaders = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
};

/** No headers (202 Accepted). */
export const NO_HEADERS: HttpHeaders = {};

/**
 * The HTTP status of a response produced by dispatch, when it is sent as plain JSON:
 * - `-32601` → 404 (#118);
 * - `-32020`, `-32021`, `-32022` → 400 (ST §5);
 * - `-32603` shed for load (`data.limit`, see `overloadOf`) → 429 for the client's own quota,
 *   503 for the whole process, both with `Retry-After`;
 * - everything else (results, an unknown tool or resource `-32602`, a bad `requestState`,
 *   `-32603`) → 200 with the error in the body: the spec leaves these open and clients expect it.
 *
 * `-32602` for missing `_meta` fields never gets here: it is raised before dispatch, with 400.
 */
export function statusForResponse(response: JsonRpcResponse): number {
  if (!('error' in response)) return 200;
  switch (response.error.code) {
    case JsonRpcErrorCode.MethodNotFound:
      return 404;
    case JsonRpcErrorCode.HeaderMismatch:
    case JsonRpcErrorCode.MissingRequiredClientCapability:
    case JsonRpcErrorCode.UnsupportedProtocolVersion:
      return 400;
    default: {
      const overload = overloadOf(response.error);
      if (overload === undefined) return 200;
      return overload.limit === 'client' ? 429 : 503;
    }
  }
}

/** The headers of a dispatched JSON response: `Retry-After` on a load-shedding refusal. */
export function headersForResponse(response: JsonRpcResponse): HttpHeaders {
  const overload = 'error' in response ? overloadOf(response.error) : undefined;
  if (overload === undefined) return JSON_HEADERS;
  return { ...JSON_HEADERS, 'Retry-After': String(Math.ceil(overload.retryAfterSeconds)) };
}

/**
 * Turns anything thrown before dispatch into a response. An {@link McpHttpError} is sent as it
 * says; anything else is a fault of the transport or of `authenticate`/`fallback`: a generic 500
 * with `-32603`, the details left to `onError`.
 *
 * @returns `true` when `error` was unexpected (the caller reports it).
 */
export function sendError(
  sink: HttpResponseSink,
  error: unknown,
  id: JsonRpcId | null = null,
): boolean {
  const expected = isMcpHttpError(error);
  const httpError = expected
    ? error
    : new McpHttpError(500, { error: new InternalError('Internal error'), id });
  sendHttpError(sink, httpError);
  return !expected;
}

function sendHttpError(sink: HttpResponseSink, error: McpHttpError): void {
  const wire = error.error?.toJson();
  if (wire === undefined) {
    sink.sendJson(error.status, error.headers ?? NO_HEADERS, '');
    return;
  }
  const body = JSON.stringify(
    error.id === undefined
      ? { jsonrpc: '2.0', error: wire }
      : { jsonrpc: '2.0', id: error.id, error: wire },
  );
  const headers =
    error.headers === undefined ? JSON_HEADERS : { ...error.headers, ...JSON_HEADERS };
  sink.sendJson(error.status, headers, body);
}
