// A client's cancellation ends the handler through ctx.signal; it is normal, so onError hears
// nothing of it (requirements.md #95, #107). Real failures still reach onError.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCancellation } from '../../src/server/cancellation.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer } from './helpers/server-fixtures.js';

/** Resolves once `signal` aborts. */
const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('isCancellation', () => {
  it('is the abort of an aborted signal: its reason or an AbortError, nothing else', () => {
    const controller = new AbortController();
    const abortError = new DOMException('aborted', 'AbortError');
    expect(isCancellation(abortError, controller.signal)).toBe(false);
    controller.abort();
    expect(isCancellation(controller.signal.reason, controller.signal)).toBe(true);
    expect(isCancellation(abortError, controller.signal)).toBe(true);
    expect(isCancellation(new TypeError('bug'), controller.signal)).toBe(false);
    expect(isCancellation(abortError, undefined)).toBe(false);
  });
});

describe('a cancelled request', () => {
  it('is not reported to onError, from a tool or any other handler; a real failure still is', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    let started!: () => void;
    server.registerTool(
      'slow',
      { inputSchema: z.object({ fail: z.boolean() }) },
      async ({ fail }, ctx) => {
        started();
        await aborted(ctx.signal);
        // A handler passing ctx.signal to fetch gets an AbortError; one checking it gets the reason.
        if (fail) throw new TypeError('a bug after the abort');
        ctx.signal.throwIfAborted();
        return 'never';
      },
    );
    server.registerPrompt('slow', {}, async (_args, ctx) => {
      started();
      await aborted(ctx.signal);
      throw new DOMException('This operation was aborted', 'AbortError');
    });
    const driver = new ServerDriver(server);
    const cancel = async (method: string, params: Record<string, unknown>): Promise<void> => {
      const controller = new AbortController();
      const running = new Promise<void>((resolve) => (started = resolve));
      const exchange = driver.exchange(method, params, { signal: controller.signal });
      await running;
      controller.abort();
      await exchange;
    };

    await cancel('tools/call', { name: 'slow', arguments: { fail: false } });
    await cancel('prompts/get', { name: 'slow' });
    expect(errors).toEqual([]);

    await cancel('tools/call', { name: 'slow', arguments: { fail: true } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
  });
});
