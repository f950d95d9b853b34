// What a task carries comes back from Redis exactly as it went in, on reads and through watchers
// (whose messages Lua's cjson encodes): empty arrays and objects, non-ASCII text, slashes, large
// integers and fractions, in the result, the input requests and the answers.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RedisConnection, RedisTaskStore } from '../../src/index.js';
import type { TaskRecord } from '@tern/tasks';

const AWKWARD = {
  content: [],
  structuredContent: {
    empty: {},
    list: [[], [{}], 0, -0.5, 1e-7, 9007199254740991],
    text: 'Zoë says "héllo" / \\ \u2028 \ud83d\ude80 <script>',
  },
};

let connection: RedisConnection;
beforeAll(async () => {
  connection = await RedisConnection.connect({ url: inject('redisUrl'), keyPrefix: 'fidelity:' });
});
afterAll(async () => {
  await connection.close();
});

describe('RedisTaskStore fidelity', () => {
  it('keeps results, requests and answers byte for byte, on reads and in watch messages', async () => {
    const store = new RedisTaskStore({ connection });
    const taskId = `fidelity-${String(Date.now())}`;
    await store.create({ taskId, owner: 'zoë/ops', ttlMs: 60_000, pollIntervalMs: 10 });
    const seen: TaskRecord[] = [];
    store.watch(taskId, (task) => seen.push(task));
    const request = {
      method: 'elicitation/create',
      params: {
        mode: 'form',
        message: 'Ça va? 🚀',
        requestedSchema: { type: 'object', properties: {} },
      },
    } as const;
    await store.ask(taskId, 'k/1', request);
    await store.deliver(taskId, {
      'k/1': { action: 'accept', content: AWKWARD.structuredContent },
    });
    expect(await store.take(taskId, 'k/1')).toEqual({
      found: true,
      value: { action: 'accept', content: AWKWARD.structuredContent },
    });
    await store.settle(taskId, { status: 'completed', result: AWKWARD });
    const read = await store.get(taskId);
    expect(read).toMatchObject({
      owner: 'zoë/ops',
      status: 'completed',
      result: AWKWARD,
      issuedKeys: ['k/1'],
    });
    await expect.poll(() => seen.length).toBe(3);
    expect(seen[0]?.inputRequests).toEqual({ 'k/1': request });
    expect(seen[1]?.inputResponses).toEqual({
      'k/1': { action: 'accept', content: AWKWARD.structuredContent },
    });
    expect(seen[2]).toEqual(read);
  });
});
