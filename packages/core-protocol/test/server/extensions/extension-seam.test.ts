// The extension seam: methods the core does not know, middlewares around the pipeline, extension
// capabilities in server/discover, and the custom `_meta` keys handlers read as `ctx.meta`.
// Requirements: #35 (_meta checked first), #47 (discover), stateless.md §3 (routing).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SdkError } from '../../../src/index.js';
import type { InputChannel, RequestContext } from '../../../src/index.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, errorOf, KEY_A, resultOf } from '../helpers/server-fixtures.js';

const TASKS = 'io.example/jobs';

describe('registerMethod', () => {
  it('routes an extension method with checked params and a request context', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    const seen: { meta: Readonly<Record<string, unknown>>; auth: string | undefined }[] = [];
    server.registerMethod('jobs/get', { params: z.object({ jobId: z.string() }) }, ({ jobId }, ctx) => {
      seen.push({ meta: ctx.meta, auth: ctx.auth?.principal });
      return { resultType: 'complete', jobId, state: 'done' };
    });
    const driver = new ServerDriver(server, { auth: { principal: 'ada' } });
    const result = await driver.request('jobs/get', { jobId: 'j-1' }, { meta: { traceparent: '00-abc-def-01' } });
    expect(result).toMatchObject({ resultType: 'complete', jobId: 'j-1', state: 'done' });
    expect(result['_meta']).toMatchObject({ 'io.modelcontextprotocol/serverInfo': server.info });
    expect(seen).toEqual([{ meta: { traceparent: '00-abc-def-01' }, auth: 'ada' }]);
    expect(server.hasMethod('jobs/get')).toBe(true);
  });

  it('answers -32602 for params that break the schema, before the handler runs', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    let runs = 0;
    server.registerMethod('jobs/get', { params: z.object({ jobId: z.string() }) }, () => {
      runs += 1;
      return {};
    });
    const { response } = await new ServerDriver(server).exchange('jobs/get', { jobId: 7 });
    expect(errorOf(response).code).toBe(-32602);
    expect(errorOf(response).message).toMatch(/jobs\/get.*jobId/);
    expect(runs).toBe(0);
  });

  it('checks _meta before routing an extension method (#35)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerMethod('jobs/get', { params: z.object({}) }, () => ({}));
    const response = await server.handle({ jsonrpc: '2.0', id: 1, method: 'jobs/get', params: {} });
    expect(errorOf(response).code).toBe(-32602);
    expect(errorOf(response).message).toMatch(/_meta/);
  });

  it('is not found once removed, and refuses core methods, duplicates and bad names', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    const registration = server.registerMethod('jobs/get', { params: z.object({}) }, () => ({}));
    expect(() => server.registerMethod('jobs/get', { params: z.object({}) }, () => ({}))).toThrow(SdkError);
    expect(() => server.registerMethod('tools/call', { params: z.object({}) }, () => ({}))).toThrow(/core method/);
    expect(() => server.registerMethod('no spaces/here', { params: z.object({}) }, () => ({}))).toThrow(/area\/verb/);
    registration.remove();
    const { response } = await new ServerDriver(server).exchange('jobs/get', {});
    expect(errorOf(response).code).toBe(-32601);
  });

  it('gives extension methods a context that cannot ask for input (#55)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerMethod('jobs/ask', { params: z.object({}) }, async (_params, ctx) => {
      await ctx.elicit('Really?', z.object({ yes: z.boolean() }));
      return {};
    });
    const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
    const { response } = await driver.exchange('jobs/ask', {});
    expect(errorOf(response).code).toBe(-32603);
  });
});

describe('registerExtension', () => {
  it('advertises the extension in server/discover and drops it on remove', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    const registration = server.registerExtension(TASKS, { poll: true });
    const driver = new ServerDriver(server);
    const discovered = await driver.request('server/discover');
    expect(discovered['capabilities']).toMatchObject({ extensions: { [TASKS]: { poll: true } } });
    registration.remove();
    const after = await driver.request('server/discover');
    expect((after['capabilities'] as Record<string, unknown>)['extensions']).toBeUndefined();
  });

  it('keeps extensions given in the capabilities option next to registered ones', async () => {
    const { server } = createTestServer({
      requestState: { keys: [KEY_A] },
      capabilities: { extensions: { 'io.example/other': {} } },
    });
    server.registerExtension(TASKS);
    const discovered = await new ServerDriver(server).request('server/discover');
    expect(discovered['capabilities']).toMatchObject({ extensions: { 'io.example/other': {}, [TASKS]: {} } });
  });
});

describe('use (middleware)', () => {
  it('wraps core methods, outermost first, and may change their result', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    const order: string[] = [];
    server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => text);
    server.use(async (request, next) => {
      order.push(`outer:${request.method}`);
      const result = await next();
      return { ...result, wrapped: true };
    });
    server.use(async (request, next) => {
      order.push(`inner:${String(request.params['name'])}`);
      return next();
    }, { methods: ['tools/call'] });
    const result = await new ServerDriver(server).request('tools/call', { name: 'echo', arguments: { text: 'hi' } });
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'hi' }], wrapped: true });
    expect(order).toEqual(['outer:tools/call', 'inner:echo']);
  });

  it('can answer by itself, and hand handlers per-request entries through ctx.extensions', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    let seen: unknown;
    server.registerTool('slow', { inputSchema: z.object({}) }, (_args, ctx) => {
      seen = ctx.extensions[TASKS];
      return 'ran';
    });
    server.use(async (request, next) => {
      if (request.call.envelope.meta?.['io.example/skip'] === true) return { resultType: 'complete', skipped: true };
      return next({ extensions: { [TASKS]: { taskId: 't-1' } } });
    }, { methods: ['tools/call'] });
    const driver = new ServerDriver(server);
    const skipped = await driver.request('tools/call', { name: 'slow', arguments: {} }, { meta: { 'io.example/skip': true } });
    expect(skipped).toMatchObject({ skipped: true });
    expect(seen).toBeUndefined();
    await driver.request('tools/call', { name: 'slow', arguments: {} });
    expect(seen).toEqual({ taskId: 't-1' });
  });

  it('can run the handler later, under its own signal and input channel (what a task needs)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('approve', { inputSchema: z.object({}) }, async (_args, ctx: RequestContext) => {
      const answer = await ctx.elicit('Approve?', z.object({ ok: z.boolean() }), { key: 'approval' });
      return answer.action === 'accept' && answer.content.ok ? 'approved' : 'refused';
    });
    const asked: string[] = [];
    const channel: InputChannel = {
      ask: (ask) => {
        asked.push(ask.key);
        return Promise.resolve(ask.accept({ action: 'accept', content: { ok: true } }));
      },
      once: async (_key, fn) => fn(),
    };
    let background: Promise<object> | undefined;
    const detached = new AbortController();
    server.use((_request, next) => {
      background = next({ inputChannel: channel, signal: detached.signal });
      return { resultType: 'task', taskId: 't-9' };
    }, { methods: ['tools/call'] });
    const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
    const result = await driver.request('tools/call', { name: 'approve', arguments: {} });
    expect(result).toMatchObject({ resultType: 'task', taskId: 't-9' });
    await expect(background).resolves.toMatchObject({ content: [{ type: 'text', text: 'approved' }] });
    expect(asked).toEqual(['approval']);
  });

  it('answers what a middleware throws like a handler error, and stops once removed', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('echo', { inputSchema: z.object({}) }, () => 'ok');
    const registration = server.use(() => {
      throw new Error('secret detail');
    });
    const driver = new ServerDriver(server);
    const { response } = await driver.exchange('tools/call', { name: 'echo', arguments: {} });
    expect(errorOf(response)).toMatchObject({ code: -32603, message: 'Internal error' });
    registration.remove();
    expect(resultOf((await driver.exchange('tools/call', { name: 'echo', arguments: {} })).response)).toMatchObject({
      content: [{ type: 'text', text: 'ok' }],
    });
  });
});

describe('ctx.meta', () => {
  it('holds the custom _meta keys of the request and none of the keys the core reads', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    let meta: Readonly<Record<string, unknown>> = {};
    server.registerTool('trace', { inputSchema: z.object({}) }, (_args, ctx) => {
      meta = ctx.meta;
      return 'ok';
    });
    const driver = new ServerDriver(server, { clientInfo: { name: 'c', version: '1' } });
    await driver.request('tools/call', { name: 'trace', arguments: {} }, {
      meta: { traceparent: '00-1-2-01', 'com.example/tenant': 'acme', progressToken: 'p1' },
    });
    expect({ ...meta }).toEqual({ traceparent: '00-1-2-01', 'com.example/tenant': 'acme' });
    expect(Object.isFrozen(meta)).toBe(true);
  });
});
