/**
 * Reads a `text/event-stream` body into events. This is the only module that knows
 * eventsource-parser.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { createParser } from 'eventsource-parser';

/** One dispatched SSE event. */
export interface SseEvent {
  /** The `event:` field, `undefined` when the server sent none (a default `message` event). */
  event: string | undefined;
  /** The `data:` lines of the event, joined with `\n`. */
  data: string;
}

/** Options of {@link readSseEvents}. */
export interface ReadSseEventsOptions {
  /** Most characters one event may buffer before the stream is refused. Default 16 Mi. */
  maxEventSize?: number;
}

/** The stream broke the size limit: refused, never re-issued (the answer would be the same). */
export class SseEventTooLargeError extends RangeError {
  override readonly name: string = 'SseEventTooLargeError';
}

const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

/**
 * Yields the events of an SSE body as they complete. Comment lines (`: keep-alive`), `id:` and
 * `retry:` fields are dropped: 2026-07-28 defines no resumption, and clients must ignore comments
 * (requirements #113). An event cut off by the end of the stream is dropped, as the SSE rules say.
 *
 * Stopping the iteration early (a `break` once the final response arrived, or an error) cancels
 * the body, which closes the connection.
 *
 * @throws whatever reading the body throws (a network error, or the abort reason), and
 *   {@link SseEventTooLargeError} when an event grows past `maxEventSize`.
 */
export async function* readSseEvents(
  body: ReadableStream<Uint8Array>,
  options: ReadSseEventsOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  const ready: SseEvent[] = [];
  let tooLarge = false;
  const parser = createParser({
    onEvent: (message) => ready.push({ event: message.event, data: message.data }),
    onError: (error) => {
      // Unknown fields and bad `retry:` values are ignored, as SSE requires; only the size
      // limit ends the stream.
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
    maxBufferSize: maxEventSize,
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        finished = true;
        parser.feed(decoder.decode());
      } else {
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
      if (tooLarge)
        throw new SseEventTooLargeError(`An SSE event exceeded ${maxEventSize} characters`);
      while (ready.length > 0) {
        const event = ready.shift();
        if (event !== undefined) yield event;
      }
      if (finished) return;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
