// Several Tern instances on one real redis-server: a conversation started on one is answered on
// another through RedisConversationStore (single use, revocable), and Redis going away gives 503
// with Retry-After to what needs it while ordinary calls keep working, then recovers by itself.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRedisServer } from '../src/testing/index.js';
import type { RedisServer } from '../src/testing/index.js';
import { post, startInstance } from './helpers/tern-instance.js';
import type { TernInstance } from './helpers/tern-instance.js';
import { openListen } from './helpers/listen-over-http.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function deployment(count: number): Promise<{ redis: RedisServer; instances: TernInstance[] }> {
  const redis = await startRedisServer();
  cleanup.push(() => redis.stop());
  const instances: TernInstance[] = [];
  for (let n = 0; n < count; n += 1) {
    const instance = await startInstance(redis.url, 'scale-out:');
    cleanup.push(() => instance.close());
    instances.push(instance);
  }
  return { redis, instances };
}

const book = (port: number, extra: Record<string, unknown> = {}, user?: string) =>
  post(port, { method: 'tools/call', params: { name: 'book', arguments: { city: 'Oslo' }, ...extra }, name: 'book', ...(user === undefined ? {} : { user }) });
const answer = (requestState: unknown) => ({ inputResponses: { confirm: { action: 'accept', content: { ok: true } } }, requestState });

describe('scale-out on Redis', () => {
  it('answers on instance B a conversation started on A, once: the journal stays in Redis behind a short handle', async () => {
    const { instances } = await deployment(2);
    const [a, b] = instances as [TernInstance, TernInstance];
    const first = await book(a.port);
    expect(first.body.result).toMatchObject({ resultType: 'input_required' });
    const state = String(first.body.result?.requestState);
    expect(state.length).toBeLessThan(300);
    const done = await book(b.port, answer(state));
    expect(done.body.result).toMatchObject({ resultType: 'complete', content: [{ type: 'text', text: 'booked Oslo' }] });
    const again = await book(a.port, answer(state));
    expect(again.body.error).toMatchObject({ code: -32602, data: { reason: 'consumed' } });
  });

  it("revokes a principal's pending journals for every instance, and only theirs", async () => {
    const { instances } = await deployment(2);
    const [a, b] = instances as [TernInstance, TernInstance];
    const ada = [(await book(a.port, {}, 'ada')).body.result?.requestState, (await book(b.port, {}, 'ada')).body.result?.requestState];
    const bob = (await book(a.port, {}, 'bob')).body.result?.requestState;
    await expect(b.store.revokePrincipal('ada')).resolves.toBe(2);
    for (const state of ada) expect((await book(a.port, answer(state), 'ada')).body.error).toMatchObject({ code: -32602, data: { reason: 'consumed' } });
    expect((await book(b.port, answer(bob), 'bob')).body.result).toMatchObject({ resultType: 'complete' });
  });

  it('resumes a dropped listen stream on another instance over HTTP: what was published meanwhile comes first', async () => {
    const { instances } = await deployment(3);
    const [a, b, c] = instances as [TernInstance, TernInstance, TernInstance];
    const first = await openListen(a.port, 1);
    b.server.notifyToolsListChanged();
    await vi.waitFor(() => expect(first.messages).toHaveLength(2));
    const cursor = String(first.messages[1]?.params?._meta?.['dev.tern/cursor']);
    first.drop();
    b.server.notifyToolsListChanged();
    c.server.notifyToolsListChanged();
    const again = await openListen(b.port, 2, { 'dev.tern/resumeAfter': cursor });
    await vi.waitFor(() => expect(again.messages).toHaveLength(3));
    expect(again.messages[0]).toMatchObject({ method: 'notifications/subscriptions/acknowledged', params: { _meta: { 'dev.tern/resume': 'replayed' } } });
    expect(again.messages.slice(1).map((message) => message.method)).toEqual(['notifications/tools/list_changed', 'notifications/tools/list_changed']);
    again.drop();
  });

  it('while Redis is stopped: 503 with Retry-After for what needs it, ordinary calls still work; it recovers without a restart', async () => {
    const { redis, instances } = await deployment(1);
    const [a] = instances as [TernInstance];
    const pending = (await book(a.port)).body.result?.requestState;
    await redis.stop();
    const echo = await post(a.port, { method: 'tools/call', params: { name: 'echo', arguments: { text: 'still here' } }, name: 'echo' });
    expect(echo.status).toBe(200);
    expect(echo.body.result).toMatchObject({ content: [{ type: 'text', text: 'still here' }] });
    expect((await post(a.port, { method: 'tools/list', params: {} })).status).toBe(200);
    for (const refused of [await book(a.port), await book(a.port, answer(pending)), await post(a.port, { method: 'subscriptions/listen', params: { notifications: { toolsListChanged: true } } })]) {
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('2');
      expect(refused.body.error).toMatchObject({ code: -32603, data: { retryAfterSeconds: 2, limit: 'server' } });
    }
    await redis.restart();
    await vi.waitFor(() => expect(a.connection.ready).toBe(true), { timeout: 10_000 });
    const fresh = await book(a.port);
    expect(fresh.body.result).toMatchObject({ resultType: 'input_required' });
    expect((await book(a.port, answer(fresh.body.result?.requestState))).body.result).toMatchObject({ resultType: 'complete' });
  });

  it('while Redis is paused (hangs): refused within the command timeout, ordinary calls unaffected', async () => {
    const { redis, instances } = await deployment(1);
    const [a] = instances as [TernInstance];
    redis.pause();
    try {
      const echo = await post(a.port, { method: 'tools/call', params: { name: 'echo', arguments: { text: 'ok' } }, name: 'echo' });
      expect(echo.status).toBe(200);
      const refused = await book(a.port);
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('2');
    } finally {
      redis.resume();
    }
    await vi.waitFor(async () => expect((await book(a.port)).body.result).toMatchObject({ resultType: 'input_required' }), { timeout: 10_000 });
  });
});
