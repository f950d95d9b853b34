// How tasks end besides completing (SEP-2663 §Task Cancellation, §Task Polling on ttlMs): cancel
// (also while waiting for input, idempotent on terminal tasks), TTL expiry, and a handler whose
// process died: its lease runs out and the task fails instead of staying working forever.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryTaskStore, installTasks } from '../../src/index.js';
import { createTaskServer, pollTask, sleep, taskDriver } from '../helpers/task-fixtures.js';

const errorOf = (exchange: { response: unknown }) =>
  (exchange.response as { error: { code: number } }).error;

describe('task lifetime', () => {
  it('cancels a task waiting for input: cancelled at once, the handler stops, later updates are ignored', async () => {
    const { server, tasks } = createTaskServer();
    let stopped: unknown;
    tasks.registerTool('ask', {}, async (_args, ctx) => {
      try {
        return (await ctx.elicit('Sure?', z.object({ ok: z.boolean() }))).action;
      } catch (error) {
        stopped = error;
        throw error;
      }
    });
    const driver = taskDriver(server);
    const { taskId } = (await driver.request('tools/call', { name: 'ask', arguments: {} })) as {
      taskId: string;
    };
    const waiting = await pollTask(driver, taskId, (task) => task['status'] === 'input_required');
    const ack = await driver.request('tasks/cancel', { taskId });
    expect(Object.keys(ack).sort()).toEqual(['_meta', 'resultType']);
    const cancelled = await driver.request('tasks/get', { taskId });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled).not.toHaveProperty('inputRequests');
    await expect.poll(() => (stopped as Error | undefined)?.message).toBe('The task was cancelled');
    const key = Object.keys(waiting['inputRequests'] as object)[0]!;
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [key]: { action: 'accept', content: { ok: true } } },
    });
    await driver.request('tasks/cancel', { taskId });
    expect((await driver.request('tasks/get', { taskId }))['status']).toBe('cancelled');
  });

  it('cancels a working task through its signal, and acknowledges cancel of a completed task the same way', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('slow', {}, async (_args, ctx) => {
      await sleep(60_000, ctx.signal);
      return 'late';
    });
    tasks.registerTool('fast', {}, () => 'quick');
    const driver = taskDriver(server);
    const slow = (await driver.request('tools/call', { name: 'slow', arguments: {} })) as {
      taskId: string;
    };
    await driver.request('tasks/cancel', { taskId: slow.taskId });
    expect((await driver.request('tasks/get', { taskId: slow.taskId }))['status']).toBe(
      'cancelled',
    );
    const fast = (await driver.request('tools/call', { name: 'fast', arguments: {} })) as {
      taskId: string;
    };
    await pollTask(driver, fast.taskId, (task) => task['status'] === 'completed');
    expect(await driver.request('tasks/cancel', { taskId: fast.taskId })).toMatchObject({
      resultType: 'complete',
    });
    expect((await driver.request('tasks/get', { taskId: fast.taskId }))['status']).toBe(
      'completed',
    );
  });

  it('forgets a task once its ttlMs elapsed, and stops its handler', async () => {
    const { server, tasks } = createTaskServer({ ttlMs: 400 });
    let aborted: unknown;
    tasks.registerTool('forever', {}, async (_args, ctx) => {
      await sleep(60_000, ctx.signal).catch((error: unknown) => {
        aborted = error;
        throw error;
      });
      return 'never';
    });
    const driver = taskDriver(server);
    const { taskId, ttlMs } = (await driver.request('tools/call', {
      name: 'forever',
      arguments: {},
    })) as { taskId: string; ttlMs: number };
    expect(ttlMs).toBe(400);
    expect((await driver.request('tasks/get', { taskId }))['status']).toBe('working');
    await expect
      .poll(() => (aborted as Error | undefined)?.message)
      .toBe('The task outlived its ttlMs');
    expect(errorOf(await driver.exchange('tasks/get', { taskId })).code).toBe(-32602);
  });

  it('fails a task whose server died (lease run out) on the next read from another server', async () => {
    const store = new InMemoryTaskStore();
    const first = createTaskServer({ store, leaseMs: 400 });
    const second = createTaskServer({ store, leaseMs: 400 });
    const started: string[] = [];
    first.tasks.registerTool('build', {}, async (_args, ctx) => {
      started.push('build');
      await sleep(60_000, ctx.signal);
      return 'built';
    });
    const { taskId } = (await taskDriver(first.server).request('tools/call', {
      name: 'build',
      arguments: {},
    })) as { taskId: string };
    // While the first server lives it renews the lease: the second one sees the task working.
    await sleep(600);
    expect((await taskDriver(second.server).request('tasks/get', { taskId }))['status']).toBe(
      'working',
    );
    first.tasks.close();
    await sleep(500);
    const failed = await taskDriver(second.server).request('tasks/get', { taskId });
    expect(failed).toMatchObject({
      status: 'failed',
      error: {
        code: -32603,
        message: 'The server running this task stopped before the task finished',
      },
    });
    expect(started).toEqual(['build']);
  });

  it('stops the handler of a task that vanished from the store (a shared store that lost it)', async () => {
    const store = new InMemoryTaskStore();
    const { server, tasks } = createTaskServer({ store, leaseMs: 150 });
    let stopped: unknown;
    tasks.registerTool('build', {}, async (_args, ctx) => {
      await sleep(60_000, ctx.signal).catch((error: unknown) => {
        stopped = error;
        throw error;
      });
      return 'built';
    });
    const { taskId } = (await taskDriver(server).request('tools/call', {
      name: 'build',
      arguments: {},
    })) as { taskId: string };
    await store.delete(taskId);
    await expect
      .poll(() => (stopped as Error | undefined)?.message)
      .toBe('The task is gone from the store');
  });

  it('answers a shared store: a task created on one server is driven from another', async () => {
    const store = new InMemoryTaskStore();
    const a = createTaskServer({ store });
    const b = createTaskServer({ store });
    a.tasks.registerTool(
      'ask',
      {},
      async (_args, ctx) => (await ctx.elicit('Ok?', z.object({ ok: z.boolean() }))).action,
    );
    const { taskId } = (await taskDriver(a.server).request('tools/call', {
      name: 'ask',
      arguments: {},
    })) as { taskId: string };
    const waiting = await pollTask(
      taskDriver(b.server),
      taskId,
      (task) => task['status'] === 'input_required',
    );
    const key = Object.keys(waiting['inputRequests'] as object)[0]!;
    await taskDriver(b.server).request('tasks/update', {
      taskId,
      inputResponses: { [key]: { action: 'decline' } },
    });
    expect(
      (await pollTask(taskDriver(b.server), taskId, (task) => task['status'] === 'completed'))[
        'result'
      ],
    ).toMatchObject({ content: [{ text: 'decline' }] });
  });

  it('installs once per server: close() removes its methods and capability', () => {
    const { server, tasks } = createTaskServer();
    tasks.close();
    expect(server.hasMethod('tasks/get')).toBe(false);
    const again = installTasks(server);
    expect(server.hasMethod('tasks/get')).toBe(true);
    again.close();
  });
});
