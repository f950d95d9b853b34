// The cheap request signal transports hand the core (server/lazy-abort-signal.ts). What a handler
// sees through it must behave as the `AbortSignal` it replaces (requirements.md #86, #95: the
// client going away cancels the request, and a handler can pass `ctx.signal` to `fetch` and co.).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { abortSignalOf, LazyAbortSignal } from '../../src/index.js';
import type { AbortListener } from '../../src/index.js';
import { createTestServer, errorOf, requestMeta } from './helpers/server-fixtures.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LazyAbortSignal', () => {
  it('aborts once, with an AbortError by default, calling each listener once in the order added', () => {
    const signal = new LazyAbortSignal();
    const calls: string[] = [];
    const first = (): void => {
      calls.push('first');
    };
    const second: AbortListener = { handleEvent: () => calls.push('second') };
    signal.addEventListener('abort', first, { once: true });
    signal.addEventListener('abort', second);
    signal.addEventListener('abort', first); // already added: not again, as on an EventTarget
    expect(signal.aborted).toBe(false);
    expect(signal.reason).toBeUndefined();

    signal.abort();
    signal.abort(new Error('later'));
    expect(calls).toEqual(['first', 'second']);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(DOMException);
    expect((signal.reason as DOMException).name).toBe('AbortError');
  });

  it('forgets a removed listener, and adds nothing once aborted', () => {
    const signal = new LazyAbortSignal();
    const removed = vi.fn();
    const kept = vi.fn();
    signal.addEventListener('abort', removed);
    signal.addEventListener('abort', kept);
    signal.removeEventListener('abort', removed);
    signal.removeEventListener('abort', () => undefined); // not added: nothing happens
    signal.abort('gone');
    const late = vi.fn();
    signal.addEventListener('abort', late);
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
  });

  it('keeps one listener, two or more alike: each once, in order, removable', () => {
    const calls: number[] = [];
    const listener = (n: number) => (): void => {
      calls.push(n);
    };
    const [one, two, three] = [listener(1), listener(2), listener(3)];

    const single = new LazyAbortSignal();
    single.addEventListener('abort', one);
    single.addEventListener('abort', one);
    single.abort();
    expect(calls).toEqual([1]);

    const removedAlone = new LazyAbortSignal();
    removedAlone.addEventListener('abort', one);
    removedAlone.removeEventListener('abort', one);
    removedAlone.abort();
    expect(calls).toEqual([1]);

    const many = new LazyAbortSignal();
    for (const each of [one, two, three, two]) many.addEventListener('abort', each);
    many.removeEventListener('abort', two);
    many.addEventListener('abort', two);
    many.abort();
    expect(calls).toEqual([1, 1, 3, 2]);
  });

  it('makes a real AbortSignal only when asked, in the same state and kept in step', () => {
    const before = new LazyAbortSignal();
    const real = before.signal;
    expect(real).toBeInstanceOf(AbortSignal);
    expect(before.signal).toBe(real);
    expect(real.aborted).toBe(false);
    const heard = vi.fn();
    real.addEventListener('abort', heard);
    const reason = new Error('client left');
    before.abort(reason);
    expect(real.aborted).toBe(true);
    expect(real.reason).toBe(reason);
    expect(heard).toHaveBeenCalledTimes(1);

    const after = new LazyAbortSignal();
    after.abort(reason);
    expect(after.signal.aborted).toBe(true);
    expect(after.signal.reason).toBe(reason);
    // A real signal works where the platform checks for one.
    expect(AbortSignal.any([after.signal]).aborted).toBe(true);
  });

  it('calls every listener when one throws, and reports the error as an EventTarget does', () => {
    const reported: unknown[] = [];
    vi.stubGlobal('queueMicrotask', (task: () => void) => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    });
    const signal = new LazyAbortSignal();
    const failure = new Error('listener failed');
    const after = vi.fn();
    signal.addEventListener('abort', () => {
      throw failure;
    });
    signal.addEventListener('abort', after);
    signal.abort();
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([failure]);
  });

  it('abortSignalOf gives an AbortSignal back as is, and the real signal of a lazy one', () => {
    const plain = new AbortController().signal;
    expect(abortSignalOf(plain)).toBe(plain);
    const lazy = new LazyAbortSignal();
    expect(abortSignalOf(lazy)).toBe(lazy.signal);
  });
});

describe('a request under a LazyAbortSignal', () => {
  it("gives the handler a real ctx.signal that aborts with the request's reason, a cancellation and not an error", async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    let seen: AbortSignal | undefined;
    server.registerTool('wait', { inputSchema: z.object({}) }, (_args, ctx) => {
      seen = ctx.signal;
      return new Promise((_resolve, reject) => {
        AbortSignal.any([ctx.signal]).addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true });
      });
    });
    const signal = new LazyAbortSignal();
    const pending = server.handle(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'wait', arguments: {}, _meta: requestMeta() } },
      { signal },
    );
    await vi.waitFor(() => expect(seen).toBeInstanceOf(AbortSignal));
    signal.abort();
    const response = await pending;
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(signal.reason);
    expect(errorOf(response).code).toBe(-32603); // nobody reads it: the client left
    // The handler rejected with the request's own reason: a cancellation, not a failure (#95).
    expect(errors).toEqual([]);
  });
});
