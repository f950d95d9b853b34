// The in-memory TaskStore keeps the TaskStore contract (SEP-2663 §Task Status, §Task Update
// Requests: unique keys, partial and unknown answers; §Task Polling: TTL), plus its own limit.
import { describe, expect, it } from 'vitest';
import { InMemoryTaskStore } from '../../src/index.js';
import { runTaskStoreContract } from '../../src/testing/index.js';

runTaskStoreContract(
  'InMemoryTaskStore',
  (clock) => new InMemoryTaskStore({ now: () => clock.now() }),
);

describe('InMemoryTaskStore limits', () => {
  it('refuses a task beyond maxTasks once nothing has expired, and makes room from expired ones', async () => {
    let time = 0;
    const store = new InMemoryTaskStore({ maxTasks: 2, now: () => time });
    await store.create({ taskId: 'a', owner: null, ttlMs: 10, pollIntervalMs: 1 });
    await store.create({ taskId: 'b', owner: null, ttlMs: null, pollIntervalMs: 1 });
    await expect(
      store.create({ taskId: 'c', owner: null, ttlMs: null, pollIntervalMs: 1 }),
    ).rejects.toThrow(/full \(2 tasks\)/);
    time = 10;
    await expect(
      store.create({ taskId: 'c', owner: null, ttlMs: null, pollIntervalMs: 1 }),
    ).resolves.toMatchObject({ taskId: 'c' });
  });

  it('hands out copies: changing a record read from the store changes nothing inside it', async () => {
    const store = new InMemoryTaskStore();
    const created = await store.create({
      taskId: 'a',
      owner: null,
      ttlMs: null,
      pollIntervalMs: 1,
    });
    created.status = 'completed';
    expect((await store.get('a'))?.status).toBe('working');
  });
});
