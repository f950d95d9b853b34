import { afterEach, describe, expect, it, vi } from 'vitest';
import { SseStream } from '../../src/sse/sse-stream.js';
import type { HttpStreamWriter } from '../../src/index.js';

/** A writer that records chunks and reports backpressure while `blocked` is set. */
function fakeWriter() {
  const state = {
    chunks: [] as string[],
    blocked: false,
    closed: 0,
    aborted: 0,
    drain: (() => undefined) as () => void,
  };
  const controller = new AbortController();
  const writer: HttpStreamWriter = {
    write: (chunk) => {
      state.chunks.push(chunk);
      return !state.blocked;
    },
    onDrain: (listener) => {
      state.drain = listener;
    },
    close: () => {
      state.closed += 1;
    },
    abort: () => {
      state.aborted += 1;
      controller.abort();
    },
  };
  return { state, writer, controller };
}

const LIMITS = { keepAliveMs: 0, maxQueuedEvents: 3, maxQueuedBytes: 10_000 };

describe('SseStream', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('frames each JSON-RPC message as one message event with one data line', () => {
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, LIMITS, controller.signal);
    stream.send('{"jsonrpc":"2.0","method":"a"}');
    stream.end('{"jsonrpc":"2.0","id":1,"result":{}}');
    expect(state.chunks).toEqual([
      'event: message\ndata: {"jsonrpc":"2.0","method":"a"}\n\n',
      'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n',
    ]);
    expect(state.closed).toBe(1);
  });

  it('queues while the reader applies backpressure and flushes in order on drain', () => {
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, LIMITS, controller.signal);
    state.blocked = true;
    stream.send('1');
    stream.send('2');
    stream.send('3');
    expect(state.chunks).toHaveLength(1);
    state.blocked = false;
    state.drain();
    expect(state.chunks.map((chunk) => chunk.slice(21, -2))).toEqual(['1', '2', '3']);
  });

  it('ends the stream only after the queued final response was written (#111)', () => {
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, LIMITS, controller.signal);
    state.blocked = true;
    stream.send('1');
    stream.end('final');
    expect(state.closed).toBe(0);
    state.blocked = false;
    state.drain();
    expect(state.chunks.at(-1)).toContain('final');
    expect(state.closed).toBe(1);
    stream.send('late');
    expect(state.chunks.at(-1)).toContain('final');
  });

  it('drops the stream and aborts the request when the queue exceeds maxQueuedEvents', () => {
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, LIMITS, controller.signal);
    state.blocked = true;
    for (let index = 0; index < 5; index += 1) stream.send(String(index));
    expect(state.aborted).toBe(1);
    expect(controller.signal.aborted).toBe(true);
    state.drain();
    stream.end('final');
    expect(state.chunks).toHaveLength(1);
    expect(state.closed).toBe(0);
  });

  it('drops the stream when the queued characters exceed maxQueuedBytes', () => {
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(
      writer,
      { ...LIMITS, maxQueuedEvents: 1000, maxQueuedBytes: 100 },
      controller.signal,
    );
    state.blocked = true;
    stream.send('first');
    stream.send('x'.repeat(60));
    expect(state.aborted).toBe(0);
    stream.send('x'.repeat(60));
    expect(state.aborted).toBe(1);
  });

  it('writes keep-alive comments while idle, none while blocked, and stops after the end', () => {
    vi.useFakeTimers();
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, { ...LIMITS, keepAliveMs: 1000 }, controller.signal);
    vi.advanceTimersByTime(2500);
    expect(state.chunks).toEqual([':\n\n', ':\n\n']);
    state.blocked = true;
    stream.send('x');
    vi.advanceTimersByTime(3000);
    expect(state.chunks).toHaveLength(3);
    state.blocked = false;
    state.drain();
    stream.end('done');
    vi.advanceTimersByTime(5000);
    expect(state.chunks).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('pings every open stream of one period from one shared timer, released with the last stream', () => {
    vi.useFakeTimers();
    const first = fakeWriter();
    const second = fakeWriter();
    const other = fakeWriter();
    const a = new SseStream(first.writer, { ...LIMITS, keepAliveMs: 700 }, first.controller.signal);
    const b = new SseStream(second.writer, { ...LIMITS, keepAliveMs: 700 }, second.controller.signal);
    new SseStream(other.writer, { ...LIMITS, keepAliveMs: 900 }, other.controller.signal);
    // One timer per distinct period, not one per stream.
    expect(vi.getTimerCount()).toBe(2);
    vi.advanceTimersByTime(1500);
    expect(first.state.chunks).toEqual([':\n\n', ':\n\n']);
    expect(second.state.chunks).toEqual([':\n\n', ':\n\n']);
    expect(other.state.chunks).toEqual([':\n\n']);
    a.end('done');
    vi.advanceTimersByTime(700);
    expect(first.state.chunks).toHaveLength(3);
    expect(second.state.chunks).toHaveLength(3);
    b.abort();
    other.controller.abort();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes nothing and stops its timer once the request signal aborted (#114)', () => {
    vi.useFakeTimers();
    const { state, writer, controller } = fakeWriter();
    const stream = new SseStream(writer, { ...LIMITS, keepAliveMs: 10 }, controller.signal);
    controller.abort();
    stream.send('after');
    stream.end('final');
    vi.advanceTimersByTime(100);
    expect(state.chunks).toEqual([]);
    expect(state.closed).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
