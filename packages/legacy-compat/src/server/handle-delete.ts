import type { McpHttpFallbackContext } from '@tern/server-http';
import { HttpHeader } from '@tern/schema';
import { sendSessionNotFound, sendSessionsUnavailable } from './http-replies.js';
import type { LayerContext } from './layer-context.js';

const SESSION_HEADER = HttpHeader.SessionId.toLowerCase();

/**
 * `DELETE` with a session id ends the session (on every instance that shares it) (2025-11-25 transports, "Session Management"):
 * running requests are aborted, streams close, and later requests with the id get 404. Answers
 * 200 with no body. A `DELETE` without a session id is left to the modern transport (405).
 * @returns whether the layer answered
 */
export async function handleDelete(
  layer: LayerContext,
  context: McpHttpFallbackContext,
): Promise<boolean> {
  const sessionId = context.exchange.header(SESSION_HEADER);
  if (sessionId === undefined) return false;
  try {
    const session = await layer.sessions.find(sessionId, context.auth?.principal);
    if (session === undefined) {
      sendSessionNotFound(context.sink);
      return true;
    }
    await layer.sessions.end(session, 'The client ended the session');
  } catch (error) {
    layer.options.onError(error);
    sendSessionsUnavailable(context.sink);
    return true;
  }
  context.sink.sendJson(200, {}, '');
  return true;
}
