import type { McpHttpFallbackContext } from '@tern/server-http';
import { HttpHeader } from '@tern/schema';
import { sendSessionNotFound } from './http-replies.js';
import type { LayerContext } from './layer-context.js';

const SESSION_HEADER = HttpHeader.SessionId.toLowerCase();

/**
 * `DELETE` with a session id ends the session (2025-11-25 transports, "Session Management"):
 * running requests are aborted, streams close, and later requests with the id get 404. Answers
 * 200 with no body. A `DELETE` without a session id is left to the modern transport (405).
 * @returns whether the layer answered
 */
export function handleDelete(layer: LayerContext, context: McpHttpFallbackContext): boolean {
  const sessionId = context.exchange.header(SESSION_HEADER);
  if (sessionId === undefined) return false;
  const session = layer.registry.find(sessionId, context.auth?.principal);
  if (session === undefined) {
    sendSessionNotFound(context.sink);
    return true;
  }
  layer.registry.end(session, 'The client ended the session');
  context.sink.sendJson(200, {}, '');
  return true;
}
