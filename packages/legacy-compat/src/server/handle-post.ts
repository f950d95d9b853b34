import type { McpHttpFallbackContext } from '@tern/server-http';
import {
  createErrorResponse,
  InvalidRequestError,
  isJsonRpcRequest,
  isJsonRpcResponse,
  safeParseMessageValue,
} from '@tern/jsonrpc';
import type { JsonRpcNotification, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { HttpHeader } from '@tern/schema';
import { LegacyCancelledNotificationParamsSchema } from '@tern/schema/legacy';
import {
  checkVersionHeader,
  sendOverloaded,
  sendRpcError,
  sendSessionNotFound,
  sendSessionsUnavailable,
} from './http-replies.js';
import type { LayerContext } from './layer-context.js';
import type { LegacySession } from './legacy-session.js';
import { isInitialize, isModernInitialize, openSession } from './open-session.js';
import { PostReply } from './post-reply.js';
import { runLegacyRequest } from './run-legacy-request.js';

const SESSION_HEADER = HttpHeader.SessionId.toLowerCase();

/**
 * A legacy-shaped POST (spec/legacy.md §6): `initialize` opens a session; anything else needs a
 * live `Mcp-Session-Id` (404 otherwise). Responses and notifications are accepted with 202;
 * requests are answered as JSON or, once something must precede the response, as SSE. A POST
 * without a session id is left to the modern transport, which rejects it as a 2026 request.
 * @returns whether the layer answered
 */
export async function handlePost(
  layer: LayerContext,
  context: McpHttpFallbackContext,
): Promise<boolean> {
  const { exchange, sink, body, auth } = context;
  if (isInitialize(body)) {
    if (isModernInitialize(context)) return false;
    await openSession(layer, context);
    return true;
  }
  const sessionId = exchange.header(SESSION_HEADER);
  if (sessionId === undefined) return false;
  let session;
  try {
    session = await layer.sessions.find(sessionId, auth?.principal);
  } catch (error) {
    layer.options.onError(error);
    sendSessionsUnavailable(sink, idOf(body));
    return true;
  }
  if (session === undefined) {
    sendSessionNotFound(sink, idOf(body));
    return true;
  }
  if (!checkVersionHeader(exchange, sink, session)) return true;
  session.touch();

  const batch = Array.isArray(body);
  if (batch && (session.protocolVersion !== '2025-03-26' || body.length === 0)) {
    const reason =
      body.length === 0 ? 'an empty batch' : `a batch (${session.protocolVersion} has none)`;
    sendRpcError(sink, {
      status: 400,
      error: new InvalidRequestError(`Invalid Request: the body is ${reason}`),
    });
    return true;
  }
  const requests: JsonRpcRequest[] = [];
  const refusals: JsonRpcResponse[] = [];
  const received: (JsonRpcResponse | JsonRpcNotification)[] = [];
  for (const value of batch ? (body as unknown[]) : [body]) {
    const parsed = safeParseMessageValue(value);
    if (!parsed.success) {
      if (!batch) {
        sendRpcError(sink, { status: 400, error: parsed.error, id: parsed.id });
        return true;
      }
      refusals.push(createErrorResponse(parsed.id, parsed.error.toJson()));
      continue;
    }
    const message = parsed.message;
    if (isJsonRpcRequest(message)) requests.push(message);
    else received.push(message);
  }
  try {
    for (const message of received) {
      if (isJsonRpcResponse(message)) await layer.sessions.answer(session, message);
      else await receiveNotification(layer, session, message);
    }
  } catch (error) {
    // The answer or notification may not have reached the instance it is for: the client resends.
    layer.options.onError(error);
    sendSessionsUnavailable(sink);
    return true;
  }
  // Pending work per session is bounded: requests past the session's share are refused at once,
  // with 429 and Retry-After (a batch as a whole: the client resends it smaller), instead of each
  // waiting, for minutes, on a client that may be gone.
  const room = Math.max(0, layer.options.maxRequestsPerSession - session.running.size);
  if (requests.length > room) {
    const share = layer.options.maxRequestsPerSession;
    const message = batch
      ? `A batch may start at most ${room} more requests in this session (the share is ${share}); nothing was run`
      : `This session already runs ${share} requests; wait for some to finish`;
    sendOverloaded(sink, batch ? null : (requests[0]?.id ?? null), { message, limit: 'client' });
    return true;
  }
  if (requests.length === 0 && refusals.length === 0) {
    // Responses and notifications: accepted, no body. A response nothing waits for any more (its
    // request timed out or was cancelled) is ignored the same way.
    sink.sendJson(202, {}, '');
    return true;
  }
  const reply = new PostReply({
    session,
    exchange,
    sink,
    expected: requests.length + refusals.length,
    batch,
    limits: layer.limits,
  });
  for (const refusal of refusals) reply.respond(refusal);
  const runs = requests.map((request) =>
    runLegacyRequest(
      { server: layer.server, options: layer.options, session, reply, auth, askBudget: layer.askBudget },
      request,
    ),
  );
  await Promise.all(runs);
  return true;
}

/** The notifications a legacy client sends; unknown ones are ignored. */
async function receiveNotification(
  layer: LayerContext,
  session: LegacySession,
  notification: JsonRpcNotification,
): Promise<void> {
  switch (notification.method) {
    case 'notifications/initialized':
      session.markInitialized();
      // Saved again when resent: the client resends it after a 503 from an unreachable store.
      await session.saveState();
      return;
    case 'notifications/cancelled': {
      // Legacy HTTP cancels only by this notification; a disconnect is not a cancellation.
      const params = LegacyCancelledNotificationParamsSchema.safeParse(notification.params ?? {});
      const requestId = params.success ? params.data.requestId : undefined;
      if (requestId === undefined) return;
      await layer.sessions.cancel(session, requestId, params.data?.reason);
      return;
    }
    default:
      // notifications/progress, notifications/roots/list_changed, …: nothing to do.
      return;
  }
}

function idOf(body: unknown): JsonRpcRequest['id'] | null {
  const id =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as { id?: unknown }).id
      : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null;
}
