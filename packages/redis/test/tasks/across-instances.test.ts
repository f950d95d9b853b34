// Two server instances, each with its own RedisConnection (as two processes would have), share
// tasks through one real redis-server: a task created on A is polled, answered and cancelled on B
// (SEP-2663 §Task Polling, §Task Update Requests, §Task Cancellation), and a task whose instance
// died is failed on B once its lease ran out instead of staying `working`.
import { McpServer } from '@tern/core-protocol';
import { ServerDriver } from '@tern/core-protocol/testing';
import { installTasks, TASKS_EXTENSION_ID } from '@tern/tasks';
import type { TasksExtension } from '@tern/tasks';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { RedisConnection, RedisTaskStore } from '../../src/index.js';

interface Instance {
  server: McpServer;
  tasks: TasksExtension;
  driver: ServerDriver;
  connection: RedisConnection;
}

const opened: Instance[] = [];
/** Abort reasons heard by `hang` handlers. */
const heard: string[] = [];
afterEach(async () => {
  for (const instance of opened.splice(0)) {
    instance.tasks.close();
    await instance.connection.close();
  }
});

async function instance(leaseMs = 30_000): Promise<Instance> {
  const connection = await RedisConnection.connect({
    url: inject('redisUrl'),
    keyPrefix: 'across:',
  });
  const server = new McpServer(
    { name: 'across', version: '1.0.0' },
    { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(3) }] } },
  );
  const tasks = installTasks(server, { store: new RedisTaskStore({ connection }), leaseMs });
  tasks.registerTool('approve', {}, async (_args, ctx) => {
    const first = await ctx.elicit('Approve the export?', z.object({ ok: z.boolean() }));
    const second = await ctx.elicit('And the invoice?', z.object({ ok: z.boolean() }));
    return `${first.action}/${second.action}`;
  });
  tasks.registerTool('hang', {}, async (_args, ctx) => {
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
    heard.push((ctx.signal.reason as Error).message);
    return 'stopped';
  });
  const driver = new ServerDriver(server, {
    capabilities: { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION_ID]: {} } },
  });
  const created = { server, tasks, driver, connection };
  opened.push(created);
  return created;
}

async function pollUntil(
  driver: ServerDriver,
  taskId: string,
  until: (task: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const task = await driver.request('tasks/get', { taskId });
    if (until(task)) return task;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Task ${taskId} never reached the expected state`);
}

const keyOf = (task: Record<string, unknown>): string =>
  Object.keys(task['inputRequests'] as object)[0] ?? '';

describe('RedisTaskStore across instances', () => {
  it('runs a task on A while B polls it and answers both of its questions', async () => {
    const a = await instance();
    const b = await instance();
    const { taskId } = (await a.driver.request('tools/call', {
      name: 'approve',
      arguments: {},
    })) as {
      taskId: string;
    };
    const first = await pollUntil(b.driver, taskId, (task) => task['status'] === 'input_required');
    await b.driver.request('tasks/update', {
      taskId,
      inputResponses: { [keyOf(first)]: { action: 'accept', content: { ok: true } } },
    });
    const second = await pollUntil(
      b.driver,
      taskId,
      (task) => task['status'] === 'input_required' && keyOf(task) !== keyOf(first),
    );
    await b.driver.request('tasks/update', {
      taskId,
      inputResponses: { [keyOf(second)]: { action: 'decline' } },
    });
    const done = await pollUntil(b.driver, taskId, (task) => task['status'] === 'completed');
    expect(done['result']).toMatchObject({ content: [{ type: 'text', text: 'accept/decline' }] });
  });

  it('cancels on B a task whose handler runs on A, and the handler hears it', async () => {
    const a = await instance();
    const b = await instance();
    const { taskId } = (await a.driver.request('tools/call', { name: 'hang', arguments: {} })) as {
      taskId: string;
    };
    await b.driver.request('tasks/cancel', { taskId });
    expect(await a.driver.request('tasks/get', { taskId })).toMatchObject({ status: 'cancelled' });
    await expect.poll(() => heard).toContain('The task was cancelled');
  });

  it('fails on B, once the lease ran out, a task whose instance died', async () => {
    const a = await instance(300);
    const b = await instance(300);
    const { taskId } = (await a.driver.request('tools/call', { name: 'hang', arguments: {} })) as {
      taskId: string;
    };
    await new Promise((resolve) => setTimeout(resolve, 450));
    // A renews its lease while it lives.
    expect((await b.driver.request('tasks/get', { taskId }))['status']).toBe('working');
    a.tasks.close();
    await a.connection.close();
    const failed = await pollUntil(b.driver, taskId, (task) => task['status'] !== 'working');
    expect(failed).toMatchObject({
      status: 'failed',
      error: {
        code: -32603,
        message: 'The server running this task stopped before the task finished',
      },
    });
  });
});
