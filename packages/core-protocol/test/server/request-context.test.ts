// createRequestContext: the `ctx` every handler gets. Requirements: #78 (progress increases),
// #80 (only with a progress token), #82 (rate-limited), #83 (none after completion), #143 and
// #197 (logs only when asked, at or above the level), #198 (request-scoped only), #114 (signal).
import type { JsonRpcNotification } from '@tern/jsonrpc';
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RequestContext } from '../../src/index.js';
import { createRequestContext } from '../../src/server/request-context.js';
import type { RequestContextInit } from '../../src/server/request-context.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer, sleep } from './helpers/server-fixtures.js';

function contextInit(overrides: Partial<RequestContextInit> = {}): {
  init: RequestContextInit;
  sent: JsonRpcNotification[];
} {
  const sent: JsonRpcNotification[] = [];
  const init: RequestContextInit = {
    requestId: 1,
    method: 'tools/call',
    signal: new AbortController().signal,
    client: { protocolVersion: '2026-07-28', capabilities: {}, info: undefined },
    auth: undefined,
    input: { inputResponses: undefined, requestState: undefined },
    progressToken: 'tok',
    logLevel: 'debug',
    notify: (notification) => sent.push(notification),
    channel: undefined,
    limits: { progressBurst: 10, progressPerSecond: 20 },
    ...overrides,
  };
  return { init, sent };
}

/** A server with one tool that runs `body` with its context, and the contexts it saw. */
function contextServer(
  body: (ctx: RequestContext) => unknown,
  options: Parameters<typeof createTestServer>[0] = {},
) {
  const { server } = createTestServer(options);
  const contexts: RequestContext[] = [];
  server.registerTool('run', {}, async (_args, ctx) => {
    contexts.push(ctx);
    await body(ctx);
    return 'done';
  });
  return { server, contexts };
}

describe('createRequestContext', () => {
  it('gives a handler its signal by destructuring too, aborted when the client goes away', async () => {
    const seen: AbortSignal[] = [];
    const controller = new AbortController();
    const { server } = contextServer(({ signal, method }) => {
      expect(method).toBe('tools/call');
      seen.push(signal);
      controller.abort('gone');
    });
    await new ServerDriver(server).exchange('tools/call', { name: 'run' }, { signal: controller.signal });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(true);
    expect(seen[0]?.reason).toBe('gone');
  });

  describe('progress', () => {
    it('sends nothing when the request carried no progress token (requirements.md #80)', async () => {
      const { server } = contextServer((ctx) => {
        ctx.progress(1, 10, 'started');
        ctx.progress(2);
      });
      const { notifications } = await new ServerDriver(server).exchange('tools/call', {
        name: 'run',
      });
      expect(notifications).toEqual([]);
    });

    it('sends notifications/progress with the request token, total and message (requirements.md #79, #80)', async () => {
      const { server } = contextServer((ctx) => {
        ctx.progress(1, 3, 'one of three');
        ctx.progress(2);
      });
      const { notifications } = await new ServerDriver(server).exchange(
        'tools/call',
        { name: 'run' },
        { meta: { [MetaKey.ProgressToken]: 7 } },
      );
      expect(notifications).toEqual([
        {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 7, progress: 1, total: 3, message: 'one of three' },
        },
        {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 7, progress: 2 },
        },
      ]);
    });

    it('drops values that do not increase (requirements.md #78)', () => {
      const { init, sent } = contextInit();
      const { context } = createRequestContext(init);
      for (const value of [1, 1, 0.5, 2, Number.NaN, 2, 3, -1]) context.progress(value);
      expect(sent.map((notification) => notification.params?.['progress'])).toEqual([1, 2, 3]);
    });

    it('rate-limits a burst of 50 calls to the burst size (requirements.md #82)', async () => {
      const { server } = contextServer((ctx) => {
        for (let step = 1; step <= 50; step++) ctx.progress(step, 50);
      });
      const driver = new ServerDriver(server);
      const { notifications } = await driver.exchange(
        'tools/call',
        { name: 'run' },
        { meta: { [MetaKey.ProgressToken]: 'p' } },
      );
      expect(notifications.length).toBeGreaterThan(0);
      // The burst (10), plus the final report, which the rate limit never drops.
      expect(notifications.length).toBeLessThanOrEqual(11);
      const progress = notifications.map(
        (notification) => notification.params?.['progress'] as number,
      );
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe(50);
      const small = contextServer(
        (ctx) => {
          for (let step = 1; step <= 50; step++) ctx.progress(step);
        },
        { limits: { progressBurst: 3, progressPerSecond: 1 } },
      ).server;
      const limited = await new ServerDriver(small).exchange(
        'tools/call',
        { name: 'run' },
        { meta: { [MetaKey.ProgressToken]: 'p' } },
      );
      expect(
        limited.notifications.map((notification) => notification.params?.['progress']),
      ).toEqual([1, 2, 3]);
    });

    it('refills the rate limit over time', async () => {
      const { init, sent } = contextInit({ limits: { progressBurst: 2, progressPerSecond: 50 } });
      const { context } = createRequestContext(init);
      for (let step = 1; step <= 5; step++) context.progress(step);
      expect(sent).toHaveLength(2);
      await sleep(60);
      for (let step = 6; step <= 10; step++) context.progress(step);
      expect(sent.map((notification) => notification.params?.['progress'])).toEqual([1, 2, 6, 7]);
    });

    it('sends nothing once the request has completed or been aborted (requirements.md #83, #114)', async () => {
      const { server, contexts } = contextServer((ctx) => ctx.progress(1));
      const { notifications } = await new ServerDriver(server).exchange(
        'tools/call',
        { name: 'run' },
        { meta: { [MetaKey.ProgressToken]: 'p' } },
      );
      expect(notifications).toHaveLength(1);
      contexts[0]?.progress(2);
      contexts[0]?.log('emergency', 'late');
      expect(notifications).toHaveLength(1);

      const controller = new AbortController();
      const { init, sent } = contextInit({ signal: controller.signal });
      const { context } = createRequestContext(init);
      context.progress(1);
      controller.abort();
      context.progress(2);
      context.log('error', 'after abort');
      expect(sent).toHaveLength(1);
    });

    it('stops the progress of an attempt that ended with input_required (requirements.md #83)', async () => {
      const { server } = createTestServer();
      const contexts: RequestContext[] = [];
      server.registerTool('slow', {}, async (_args, ctx) => {
        contexts.push(ctx);
        ctx.progress(1);
        const answer = await ctx.elicit('go?', z.object({ go: z.boolean() }));
        return answer.action;
      });
      const { response, notifications } = await new ServerDriver(server, {
        capabilities: { elicitation: {} },
      }).exchange('tools/call', { name: 'slow' }, { meta: { [MetaKey.ProgressToken]: 'p' } });
      expect(response).toMatchObject({ result: { resultType: 'input_required' } });
      // The abandoned attempt may still be running; its reports must go nowhere.
      contexts[0]?.progress(2);
      expect(notifications.map((notification) => notification.params?.['progress'])).toEqual([1]);
    });

    it('is a no-op without a transport that can stream', () => {
      const { init } = contextInit({ notify: undefined });
      const { context } = createRequestContext(init);
      expect(() => {
        context.progress(1);
        context.log('info', 'x');
      }).not.toThrow();
    });
  });

  describe('log', () => {
    it('sends nothing when the request carried no logLevel (requirements.md #143, #197)', async () => {
      const { server } = contextServer((ctx) => ctx.log('emergency', 'disk on fire'));
      expect(
        (await new ServerDriver(server).exchange('tools/call', { name: 'run' })).notifications,
      ).toEqual([]);
    });

    it('sends notifications/message at or above the requested level only, on the request (requirements.md #143, #197, #198)', async () => {
      const { server } = contextServer((ctx) => {
        ctx.log('debug', 'd');
        ctx.log('info', 'i');
        ctx.log('notice', 'n');
        ctx.log('warning', { disk: 91 }, 'disk');
        ctx.log('error', 'e');
        ctx.log('emergency', 'x');
      });
      const { notifications } = await new ServerDriver(server).exchange(
        'tools/call',
        { name: 'run' },
        { meta: { [MetaKey.LogLevel]: 'warning' } },
      );
      expect(notifications).toEqual([
        {
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'warning', data: { disk: 91 }, logger: 'disk' },
        },
        { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'error', data: 'e' } },
        {
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'emergency', data: 'x' },
        },
      ]);
      for (const notification of notifications)
        expect(notification.params).not.toHaveProperty('_meta');
    });

    it('sends every level with logLevel debug', () => {
      const { init, sent } = contextInit({ logLevel: 'debug', progressToken: undefined });
      const { context } = createRequestContext(init);
      for (const level of [
        'debug',
        'info',
        'notice',
        'warning',
        'error',
        'critical',
        'alert',
        'emergency',
      ] as const)
        context.log(level, level);
      expect(sent).toHaveLength(8);
    });
  });

  describe('signal, auth, client and input', () => {
    it('aborts ctx.signal, with the reason, when the caller aborts the request (requirements.md #114)', async () => {
      let seenReason: unknown;
      let started: () => void = () => undefined;
      const running = new Promise<void>((resolve) => (started = resolve));
      const { server } = contextServer(
        (ctx) =>
          new Promise<void>((resolve) => {
            expect(ctx.signal.aborted).toBe(false);
            ctx.signal.addEventListener('abort', () => {
              seenReason = ctx.signal.reason;
              resolve();
            });
            started();
          }),
      );
      const controller = new AbortController();
      const pending = new ServerDriver(server).exchange(
        'tools/call',
        { name: 'run' },
        { signal: controller.signal },
      );
      await running;
      controller.abort('client went away');
      await pending;
      expect(seenReason).toBe('client went away');
    });

    it('starts with an aborted ctx.signal when the request was aborted before it ran', async () => {
      let aborted: boolean | undefined;
      const { server } = contextServer((ctx) => {
        aborted = ctx.signal.aborted;
      });
      const controller = new AbortController();
      controller.abort();
      await new ServerDriver(server).exchange(
        'tools/call',
        { name: 'run' },
        { signal: controller.signal },
      );
      expect(aborted).toBe(true);
    });

    it('gives the handler the auth, client description, request id, method and raw input of this request', async () => {
      const { server, contexts } = contextServer(() => undefined);
      const auth = { principal: 'user-1', scopes: ['tools:run'], extra: { tenant: 't1' } };
      const clientInfo = { name: 'acme-agent', version: '3.2.0' };
      await new ServerDriver(server, {
        auth,
        clientInfo,
        capabilities: { sampling: { tools: {} }, roots: {} },
      }).request('tools/call', {
        name: 'run',
        inputResponses: { stray: { action: 'cancel' } },
      });
      const ctx = contexts[0];
      expect(ctx?.auth).toEqual(auth);
      expect(ctx?.client).toEqual({
        protocolVersion: '2026-07-28',
        capabilities: { sampling: { tools: {} }, roots: {} },
        info: clientInfo,
      });
      expect(ctx?.requestId).toBe(1);
      expect(ctx?.method).toBe('tools/call');
      expect(ctx?.input).toEqual({
        inputResponses: { stray: { action: 'cancel' } },
        requestState: undefined,
      });
    });

    it('runs ctx.once directly, and refuses asks, where the method cannot ask (requirements.md #55)', async () => {
      const { init } = contextInit({
        method: 'resources/list',
        client: {
          protocolVersion: '2026-07-28',
          capabilities: { roots: {}, elicitation: {} },
          info: undefined,
        },
      });
      const { context } = createRequestContext(init);
      let runs = 0;
      expect(await context.once('k', () => ++runs)).toBe(1);
      expect(await context.once('k', () => ++runs)).toBe(2);
      const refusal = {
        name: 'SdkError',
        code: 'INVALID_USAGE',
        message:
          'resources/list cannot ask for input: only tools/call, prompts/get and resources/read can',
      };
      await expect(context.listRoots()).rejects.toMatchObject(refusal);
      await expect(context.elicit('x', { type: 'object', properties: {} })).rejects.toMatchObject(
        refusal,
      );
    });
  });
});
