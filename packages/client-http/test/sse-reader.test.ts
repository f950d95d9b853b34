import { describe, expect, it } from 'vitest';
import { readSseEvents, SseEventTooLargeError } from '../src/sse-reader.js';

/** A body that delivers `chunks` one by one, and records whether it was cancelled. */
function body(chunks: (string | Uint8Array)[], options: { error?: Error } = {}) {
  const encoder = new TextEncoder();
  const state = { cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      else if (options.error !== undefined) controller.error(options.error);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

async function collect(stream: ReadableStream<Uint8Array>, maxEventSize?: number) {
  const events = [];
  for await (const event of readSseEvents(
    stream,
    maxEventSize === undefined ? {} : { maxEventSize },
  ))
    events.push(event);
  return events;
}

describe('readSseEvents', () => {
  it('yields events and drops keep-alive comments (#113)', async () => {
    const { stream } = body([
      ': keep-alive\n\n',
      'data: one\n\n',
      ':\n\n',
      'event: message\ndata: two\n\n',
    ]);
    expect(await collect(stream)).toEqual([
      { event: undefined, data: 'one' },
      { event: 'message', data: 'two' },
    ]);
  });

  it('joins events split across chunks, CRLF line ends and multi-line data', async () => {
    const { stream } = body(['da', 'ta: {"a":', '1}\r\n\r', '\ndata: x\ndata: y\n\n']);
    expect(await collect(stream)).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: 'x\ny' },
    ]);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: Grüße\n\n');
    const { stream } = body([bytes.slice(0, 9), bytes.slice(9)]);
    expect(await collect(stream)).toEqual([{ event: undefined, data: 'Grüße' }]);
  });

  it('ignores id and retry fields and drops an event cut off by the end of the stream', async () => {
    const { stream } = body(['id: 7\nretry: 1000\ndata: kept\n\n', 'data: cut off']);
    expect(await collect(stream)).toEqual([{ event: undefined, data: 'kept' }]);
  });

  it('cancels the body when the reader stops early', async () => {
    const { stream, state } = body(['data: one\n\n', 'data: two\n\n', 'data: three\n\n']);
    for await (const event of readSseEvents(stream)) {
      expect(event.data).toBe('one');
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it('rethrows a read error', async () => {
    const { stream } = body(['data: one\n\n'], { error: new TypeError('terminated') });
    await expect(collect(stream)).rejects.toThrow('terminated');
  });

  it('refuses an event larger than maxEventSize', async () => {
    const { stream } = body([`data: ${'x'.repeat(200)}`]);
    await expect(collect(stream, 100)).rejects.toBeInstanceOf(SseEventTooLargeError);
  });
});
