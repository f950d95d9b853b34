import type { McpHttpFallbackContext } from '@tern/server-http';
import { InvalidRequestError } from '@tern/jsonrpc';
import { HttpHeader } from '@tern/schema';
import { eventId, parseEventId } from './event-stream.js';
import {
  checkVersionHeader,
  sendRpcError,
  sendSessionNotFound,
  sendSessionsUnavailable,
} from './http-replies.js';
import type { LayerContext } from './layer-context.js';
import { SseConnection } from './sse-connection.js';

const SESSION_HEADER = HttpHeader.SessionId.toLowerCase();
const LAST_EVENT_ID_HEADER = HttpHeader.LastEventId.toLowerCase();

/**
 * `GET` in a session: the standalone stream for messages unrelated to any request, or, with
 * `Last-Event-ID`, the resumption of the stream that id belongs to (and only that stream): what
 * was missed is replayed, and a stream still running goes on on the new connection (2025-11-25
 * transports, "Listening for Messages from the Server" and "Resumability and Redelivery"). A new
 * standalone connection replaces the previous one, so each message still goes to one stream.
 * A `GET` without a session id is left to the modern transport (405).
 * @returns whether the layer answered
 */
export async function handleGet(
  layer: LayerContext,
  context: McpHttpFallbackContext,
): Promise<boolean> {
  const { exchange, sink, auth } = context;
  const sessionId = exchange.header(SESSION_HEADER);
  if (sessionId === undefined) return false;
  let session;
  try {
    session = await layer.sessions.find(sessionId, auth?.principal);
  } catch (error) {
    layer.options.onError(error);
    sendSessionsUnavailable(sink);
    return true;
  }
  if (session === undefined) {
    sendSessionNotFound(sink);
    return true;
  }
  if (!acceptsEventStream(exchange.header('accept'))) {
    sendRpcError(sink, {
      status: 406,
      error: new InvalidRequestError(
        'Not Acceptable: a GET stream needs Accept: text/event-stream',
      ),
    });
    return true;
  }
  if (!checkVersionHeader(exchange, sink, session)) return true;
  session.touch();
  session.listenAs(auth);

  const connection = new SseConnection(sink, exchange.signal, layer.limits);
  connection.onEnd(() => session.touch());
  const lastEventId = exchange.header(LAST_EVENT_ID_HEADER);
  const resumed = lastEventId === undefined ? undefined : parseEventId(lastEventId);
  const { node } = session;
  if (resumed?.node !== undefined && node !== undefined && resumed.node !== node) {
    // A stream of another instance (instances sharing sessions): that instance feeds this response.
    const position = { ...resumed, node: resumed.node };
    try {
      if (!(await layer.sessions.resume(session, position, connection))) connection.close();
    } catch (error) {
      layer.options.onError(error);
      connection.close();
    }
    return true;
  }
  if (resumed !== undefined && resumed.node === node) {
    const stream = session.streamByNumber(resumed.stream);
    if (stream !== undefined) {
      stream.attach(connection, resumed.seq);
      // Marks the position reached (and sends the headers when nothing was missed).
      stream.prime(layer.limits.retryMs);
      return true;
    }
    // A POST stream that already ended: replay what is still kept, then end.
    const missed = session.buffer.after(resumed.stream, resumed.seq);
    if (missed.length > 0 || resumed.stream < session.nextStreamNumber) {
      for (const event of missed) connection.send(event.json, eventId(event.stream, event.seq, node));
      connection.close();
      return true;
    }
  }
  const standalone = session.standaloneStream();
  standalone.attach(connection);
  standalone.prime(layer.limits.retryMs);
  return true;
}

/** Whether an `Accept` value admits `text/event-stream` (absent counts as anything). */
function acceptsEventStream(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  return accept
    .split(',')
    .map((range) => range.split(';')[0]?.trim().toLowerCase())
    .some((range) => range === 'text/event-stream' || range === 'text/*' || range === '*/*');
}
