/**
 * The Streamable HTTP transport in one function: every check of ST §5 in a fixed order, then
 * dispatch to the core, answering with JSON or switching to SSE at the first notification.
 */
import { isInsufficientScope } from '@tern/core-protocol';
import type { AuthInfo, RequestEnvelope } from '@tern/core-protocol';
import {
  createErrorResponse,
  InternalError,
  InvalidRequestError,
  isJsonRpcRequest,
  MethodNotFoundError,
} from '@tern/jsonrpc';
import type {
  JsonRpcErrorResponse,
  JsonRpcId,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { scopeChallenge } from '../auth/challenge.js';
import type { HttpExchange, HttpResponseSink } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';
import { SseStream } from '../sse/sse-stream.js';
import {
  headersForResponse,
  NO_HEADERS,
  SSE_HEADERS,
  sendError,
  statusForResponse,
} from './http-status.js';
import { isLegacyShaped } from './legacy-shape.js';
import { isMetadataRequest, sendMetadata } from './resource-metadata.js';
import { checkAccept, checkContentType } from './media-type.js';
import { bodyValue, parseBody, readBody } from './read-message.js';
import { checkMcpHeaders, readEnvelope } from './request-headers.js';
import { reportError } from './transport-config.js';
import type { TransportConfig } from './transport-config.js';

// Rejections that carry nothing request-specific are built once.
const METHOD_NOT_ALLOWED = new McpHttpError(405, {
  error: new InvalidRequestError('Method Not Allowed: the MCP endpoint accepts POST only'),
  id: null,
  headers: { Allow: 'POST' },
});

/**
 * Handles one HTTP exchange end to end. Never rejects: every failure becomes a response (or
 * nothing, when the client is gone), and unexpected errors go to `onError`.
 *
 * Order (ST §5, each step before any side effect of the next): Host/Origin (403) → method
 * (fallback or 405) → Content-Type (415) → Accept (406) → authenticate → body limit (413) → parse
 * (-32700) → fallback for legacy-shaped bodies → envelope (-32600) → notification (202) →
 * protocol version and `_meta` (-32020/-32602/-32022) → `Mcp-Method`/`Mcp-Name`/`Mcp-Param-*`
 * (-32020) → unknown method (404) → dispatch.
 * @internal
 */
export function handleMcpHttp(
  config: TransportConfig,
  exchange: HttpExchange,
  sink: HttpResponseSink,
): Promise<void> {
  // Chained rather than awaited: a listen stream keeps this chain for its whole life, and a
  // suspended async frame costs more memory per stream than one reaction.
  return serve(config, exchange, sink).catch((error: unknown) => {
    try {
      if (sendError(sink, error)) reportError(config, error, exchange);
    } catch (failure) {
      reportError(config, failure, exchange);
    }
  });
}

async function serve(
  config: TransportConfig,
  exchange: HttpExchange,
  sink: HttpResponseSink,
): Promise<void> {
  const server = config.server;
  config.guard.check(exchange);
  if (config.resourceServer !== undefined && isMetadataRequest(config.resourceServer, exchange)) {
    sendMetadata(config.resourceServer, exchange, sink);
    return;
  }
  if (exchange.method !== 'POST') {
    if (config.fallback !== undefined) {
      const auth = await config.authenticate?.(exchange);
      if (await config.fallback({ exchange, sink, body: undefined, auth })) return;
    }
    throw METHOD_NOT_ALLOWED;
  }
  checkContentType(exchange);
  checkAccept(exchange);
  const auth = await config.authenticate?.(exchange);
  const body = await readBody(exchange, config.maxBodyBytes);
  if (body === undefined) return;
  const parsed = parseBody(body);
  if (config.fallback !== undefined) {
    const value = bodyValue(body, parsed);
    if (value !== undefined && isLegacyShaped(value, exchange)) {
      if (await config.fallback({ exchange, sink, body: value, auth })) return;
    }
  }
  if (!parsed.success) throw new McpHttpError(400, { error: parsed.error, id: parsed.id });
  const message = parsed.message;
  if (!isJsonRpcRequest(message)) {
    if ('method' in message) {
      // A notification: accepted and dropped. On HTTP the client cancels by closing the stream,
      // so even `notifications/cancelled` (known id or not) has nothing to do (#95, #107).
      sink.sendJson(202, NO_HEADERS, '');
      return;
    }
    throw new McpHttpError(400, {
      error: new InvalidRequestError(
        'Invalid Request: a JSON-RPC response cannot be posted to the MCP endpoint',
      ),
      id: message.id ?? null,
    });
  }
  const envelope = readEnvelope(exchange, message, server);
  checkMcpHeaders(exchange, message, server);
  if (!server.hasMethod(message.method)) {
    const method = message.method.length > 64 ? `${message.method.slice(0, 64)}…` : message.method;
    throw new McpHttpError(404, {
      error: new MethodNotFoundError(`Method not found: ${method}`),
      id: message.id,
    });
  }
  // Returned, not awaited: a listen stream may stay open for hours, and this frame holds the
  // body and every parsed form of it.
  return dispatch({ exchange, sink, config, request: message, envelope, auth });
}

interface Dispatch {
  readonly exchange: HttpExchange;
  readonly sink: HttpResponseSink;
  readonly config: TransportConfig;
  readonly request: JsonRpcRequest;
  readonly envelope: RequestEnvelope;
  readonly auth: AuthInfo | undefined;
}

/**
 * Runs the request. The response is plain JSON unless a notification comes first; the first one
 * switches to SSE (status 200 is then fixed, so any error is just the final event). Not async:
 * what waits for the response ({@link respond}) keeps the id, never the request.
 */
function dispatch(call: Dispatch): Promise<void> {
  const { exchange, sink, config } = call;
  const signal = exchange.signal;
  const stream: { current?: SseStream } = {};
  const notify = (notification: JsonRpcNotification): void => {
    if (signal.aborted) return;
    try {
      const text = JSON.stringify(notification);
      stream.current ??= new SseStream(sink.startStream(200, SSE_HEADERS), config.stream, signal);
      stream.current.send(text);
    } catch (error) {
      reportError(config, error, exchange);
    }
  };
  const peer = exchange.peerAddress;
  const pending = config.server.execute(call.request, {
    envelope: call.envelope,
    signal,
    auth: call.auth,
    ...(peer === undefined ? {} : { peer }),
    notify,
  });
  return respond({ exchange, sink, config, id: call.request.id, stream, authenticated: call.auth !== undefined }, pending);
}

interface Responder {
  readonly exchange: HttpExchange;
  readonly sink: HttpResponseSink;
  readonly config: TransportConfig;
  readonly id: JsonRpcId;
  readonly stream: { current?: SseStream };
  /** Whether the request carried a verified token (a 403 then says insufficient_scope). */
  readonly authenticated: boolean;
}

/** Writes the response once the core answers (chained, not awaited: see {@link handleMcpHttp}). */
function respond(to: Responder, pending: Promise<JsonRpcResponse>): Promise<void> {
  return pending.then(
    (response) => writeResponse(to, response),
    (error: unknown) => {
      // The core answers every failure itself; this only guards against a fault in it.
      reportError(to.config, error, to.exchange);
      writeResponse(to, internalError(to.id));
    },
  );
}

function writeResponse(to: Responder, answer: JsonRpcResponse): void {
  const { exchange, sink, config, id } = to;
  let response = answer;
  // The client went away: the request is cancelled and nothing more is written (#86, #114).
  if (exchange.signal.aborted) return;
  let text: string;
  try {
    text = JSON.stringify(response);
  } catch (error) {
    // A handler result that is not JSON (a BigInt, a cycle): a generic error, details to onError.
    reportError(config, error, exchange);
    response = internalError(id);
    text = JSON.stringify(response);
  }
  const stream = to.stream.current;
  if (stream !== undefined) stream.end(text);
  else if (isScopeRefusal(response)) {
    const scopes = String((response.error.data as { scope: string }).scope).split(' ');
    const challenge = scopeChallenge(config.resourceServer, scopes, to.authenticated);
    sink.sendJson(challenge.status, { ...challenge.headers, ...headersForResponse(response) }, text);
  } else sink.sendJson(statusForResponse(response), headersForResponse(response), text);
}

function isScopeRefusal(response: JsonRpcResponse): response is JsonRpcErrorResponse {
  return 'error' in response && isInsufficientScope(response.error);
}

function internalError(id: JsonRpcId): JsonRpcResponse {
  return createErrorResponse(id, new InternalError('Internal error').toJson());
}
