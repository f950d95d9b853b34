/**
 * Reads a legacy (2025-era) SSE stream into JSON-RPC messages, keeping the event id and `retry`
 * value that resumption needs (2025-11-25: priming event, polling with `Last-Event-ID`).
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 */
import { safeParseMessage } from '@tern/jsonrpc';
import type { JsonRpcMessage } from '@tern/jsonrpc';
import { createParser } from 'eventsource-parser';

/** Where a stream stands: the last event id seen and the server's reconnection delay. */
export interface SseCursor {
  lastEventId: string | undefined;
  retryMs: number | undefined;
}

/** How {@link readLegacyEvents} ended. */
export type SseEnd = 'stopped' | 'ended';

const MAX_EVENT_SIZE = 16 * 1024 * 1024;

/**
 * Feeds every JSON-RPC message of `body` to `onMessage` until it returns `true` (`'stopped'`: the
 * body is cancelled) or the stream ends (`'ended'`). Events of other types, empty events (the
 * priming event) and data that is not one JSON-RPC message are skipped; ids and `retry` update
 * `cursor` as they arrive.
 *
 * @throws what reading the body throws (network error, abort), or a `RangeError` for an event
 *   over 16 MiB
 */
export async function readLegacyEvents(
  body: ReadableStream<Uint8Array>,
  cursor: SseCursor,
  onMessage: (message: JsonRpcMessage) => boolean,
): Promise<SseEnd> {
  const ready: JsonRpcMessage[] = [];
  let tooLarge = false;
  const parser = createParser({
    onId: (id) => {
      cursor.lastEventId = id;
    },
    onRetry: (retry) => {
      cursor.retryMs = retry;
    },
    onEvent: (event) => {
      if ((event.event !== undefined && event.event !== 'message') || event.data === '') return;
      const parsed = safeParseMessage(event.data);
      if (parsed.success) ready.push(parsed.message);
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
    maxBufferSize: MAX_EVENT_SIZE,
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
      if (tooLarge) throw new RangeError(`An SSE event exceeded ${MAX_EVENT_SIZE} characters`);
      while (ready.length > 0) {
        const message = ready.shift();
        if (message !== undefined && onMessage(message)) return 'stopped';
      }
      if (finished) return 'ended';
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
