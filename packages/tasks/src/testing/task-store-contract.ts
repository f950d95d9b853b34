import { describe, expect, it } from 'vitest';
import type { TaskStore } from '../store/task-store.js';
import type { NewTask, TaskRecord } from '../task.js';

/** A clock the contract moves by hand, in epoch ms. */
export interface ContractClock {
  now(): number;
}

/**
 * Builds a fresh, empty store for one contract test. The store must read time from `clock`
 * (for `createdAt`, `lastUpdatedAt` and TTL expiry), so the suite can test expiry without waiting.
 */
export type TaskStoreFactory = (clock: ContractClock) => TaskStore | Promise<TaskStore>;

const ELICIT = {
  method: 'elicitation/create',
  params: { mode: 'form', message: 'Sure?', requestedSchema: { type: 'object', properties: {} } },
} as const;

let sequence = 0;
function newTask(overrides: Partial<NewTask> = {}): NewTask {
  sequence += 1;
  return {
    taskId: `contract-${sequence}-${Math.random().toString(36).slice(2)}`,
    owner: 'ada',
    ttlMs: 60_000,
    pollIntervalMs: 500,
    ...overrides,
  };
}

/**
 * The contract every {@link TaskStore} keeps, as a vitest suite: run it from a test file of the
 * implementation, `runTaskStoreContract('RedisTaskStore', (clock) => new RedisTaskStore({ ... }))`.
 * It checks creation and reads, the status machine (working, input_required, and the three
 * terminal statuses that are final), unique keys, partial and unknown answers, TTL expiry, leases
 * and watchers.
 */
export function runTaskStoreContract(name: string, factory: TaskStoreFactory): void {
  describe(`TaskStore contract: ${name}`, () => {
    const setup = async (): Promise<{
      store: TaskStore;
      clock: { now(): number; advance(ms: number): void };
    }> => {
      let time = Date.UTC(2026, 6, 28, 12, 0, 0);
      const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
      return { store: await factory(clock), clock };
    };

    it('creates a working task that every read sees at once, with ISO times', async () => {
      const { store } = await setup();
      const init = newTask({ statusMessage: 'Queued', leaseUntil: 123 });
      const created = await store.create(init);
      expect(created).toMatchObject({
        taskId: init.taskId,
        owner: 'ada',
        status: 'working',
        statusMessage: 'Queued',
        ttlMs: 60_000,
        pollIntervalMs: 500,
        inputRequests: {},
        issuedKeys: [],
        leaseUntil: 123,
      });
      expect(created.createdAt).toBe('2026-07-28T12:00:00.000Z');
      expect(created.lastUpdatedAt).toBe(created.createdAt);
      expect(await store.get(init.taskId)).toEqual(created);
      expect(await store.get('no-such-task')).toBeUndefined();
    });

    it('refuses a second task with the same id', async () => {
      const { store } = await setup();
      const init = newTask();
      await store.create(init);
      await expect(store.create(init)).rejects.toThrow();
    });

    it('moves to input_required on ask and back to working once every key is answered', async () => {
      const { store, clock } = await setup();
      const { taskId } = await store.create(newTask());
      clock.advance(1000);
      const asked = await store.ask(taskId, 'a', ELICIT);
      expect(asked).toMatchObject({
        status: 'input_required',
        inputRequests: { a: ELICIT },
        issuedKeys: ['a'],
      });
      expect(asked?.lastUpdatedAt).toBe('2026-07-28T12:00:01.000Z');
      await store.ask(taskId, 'b', ELICIT);
      const partial = await store.deliver(taskId, {
        a: { action: 'accept', content: {} },
        never: {},
      });
      expect(partial).toEqual({ accepted: ['a'], ignored: ['never'] });
      const afterPartial = await store.get(taskId);
      expect(afterPartial?.status).toBe('input_required');
      expect(Object.keys(afterPartial?.inputRequests ?? {})).toEqual(['b']);
      expect(afterPartial?.inputResponses).toEqual({ a: { action: 'accept', content: {} } });
      expect(await store.deliver(taskId, { a: { action: 'decline' } })).toEqual({
        accepted: [],
        ignored: ['a'],
      });
      await store.deliver(taskId, { b: { action: 'decline' } });
      expect((await store.get(taskId))?.status).toBe('working');
    });

    it('hands each delivered answer to exactly one taker', async () => {
      const { store } = await setup();
      const { taskId } = await store.create(newTask());
      await store.ask(taskId, 'k', ELICIT);
      await store.deliver(taskId, { k: { action: 'cancel' } });
      expect(await store.take(taskId, 'k')).toEqual({ found: true, value: { action: 'cancel' } });
      expect(await store.take(taskId, 'k')).toEqual({ found: false });
      expect(await store.take('no-such-task', 'k')).toEqual({ found: false });
    });

    it('never issues a key twice over a task lifetime', async () => {
      const { store } = await setup();
      const { taskId } = await store.create(newTask());
      await store.ask(taskId, 'k', ELICIT);
      await store.deliver(taskId, { k: { action: 'accept', content: {} } });
      await expect(store.ask(taskId, 'k', ELICIT)).rejects.toThrow();
    });

    for (const outcome of [
      { status: 'completed', result: { content: [{ type: 'text', text: 'done' }] } },
      { status: 'failed', error: { code: -32603, message: 'Internal error' } },
      { status: 'cancelled', statusMessage: 'Stopped' },
    ] as const) {
      it(`keeps a ${outcome.status} task final`, async () => {
        const { store } = await setup();
        const { taskId } = await store.create(newTask());
        await store.ask(taskId, 'k', ELICIT);
        const settled = await store.settle(taskId, outcome);
        expect(settled).toMatchObject({ ...outcome, inputRequests: {}, inputResponses: {} });
        expect(settled?.leaseUntil).toBeUndefined();
        expect(await store.settle(taskId, { status: 'completed', result: {} })).toBeUndefined();
        expect(await store.ask(taskId, 'other', ELICIT)).toBeUndefined();
        expect(await store.deliver(taskId, { k: {} })).toEqual({ accepted: [], ignored: ['k'] });
        expect(await store.touch(taskId, { statusMessage: 'late' })).toBeUndefined();
        expect(await store.get(taskId)).toEqual(settled);
      });
    }

    it('records progress, status messages and leases of a running task', async () => {
      const { store } = await setup();
      const { taskId } = await store.create(newTask());
      await store.touch(taskId, {
        progress: { progress: 3, total: 10, message: 'Step 3' },
        statusMessage: 'Step 3',
      });
      await store.touch(taskId, { leaseUntil: 99 });
      expect(await store.get(taskId)).toMatchObject({
        progress: { progress: 3, total: 10, message: 'Step 3' },
        statusMessage: 'Step 3',
        leaseUntil: 99,
      });
    });

    it('settles on a lease bound only a task whose lease ended before it', async () => {
      const { store } = await setup();
      const leased = await store.create(newTask({ leaseUntil: 1_000 }));
      const unleased = await store.create(newTask());
      const lost = { status: 'failed', error: { code: -32603, message: 'Lost' } } as const;
      expect(
        await store.settle(leased.taskId, lost, { ifLeaseEndedBefore: 1_000 }),
      ).toBeUndefined();
      expect(
        await store.settle(unleased.taskId, lost, { ifLeaseEndedBefore: 5_000 }),
      ).toBeUndefined();
      expect((await store.get(leased.taskId))?.status).toBe('working');
      await store.touch(leased.taskId, { leaseUntil: 2_000 });
      expect(
        await store.settle(leased.taskId, lost, { ifLeaseEndedBefore: 1_500 }),
      ).toBeUndefined();
      const failed = await store.settle(leased.taskId, lost, { ifLeaseEndedBefore: 2_001 });
      expect(failed).toMatchObject({ status: 'failed', error: lost.error });
      expect(failed?.leaseUntil).toBeUndefined();
    });

    it('forgets a task past its TTL, and keeps one with an unlimited TTL', async () => {
      const { store, clock } = await setup();
      const short = await store.create(newTask({ ttlMs: 5_000 }));
      const forever = await store.create(newTask({ ttlMs: null }));
      clock.advance(4_999);
      expect((await store.get(short.taskId))?.taskId).toBe(short.taskId);
      clock.advance(1);
      expect(await store.get(short.taskId)).toBeUndefined();
      expect(await store.deliver(short.taskId, {})).toBeUndefined();
      clock.advance(365 * 24 * 3600 * 1000);
      expect((await store.get(forever.taskId))?.taskId).toBe(forever.taskId);
    });

    it('tells watchers every visible change, and stops when asked', async () => {
      const { store } = await setup();
      const { taskId } = await store.create(newTask());
      const seen: TaskRecord[] = [];
      const stop = store.watch(taskId, (task) => seen.push(task));
      await store.ask(taskId, 'k', ELICIT);
      await store.deliver(taskId, { k: { action: 'decline' } });
      await store.touch(taskId, { statusMessage: 'Halfway' });
      await store.settle(taskId, { status: 'completed', result: { content: [] } });
      stop();
      await store.delete(taskId);
      await expect.poll(() => seen.length).toBe(4);
      expect(seen.map((task) => task.status)).toEqual([
        'input_required',
        'working',
        'working',
        'completed',
      ]);
      expect(seen[1]?.inputResponses).toEqual({ k: { action: 'decline' } });
      expect(await store.get(taskId)).toBeUndefined();
    });
  });
}
