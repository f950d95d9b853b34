// The status machine of a task on the server (SEP-2663 §Task Status, §Task Creation, §Task
// Polling): working → input_required → working → completed; failed for JSON-RPC errors only;
// tool errors complete with isError; CreateTaskResult only once the task is readable.
import { ToolError } from '@tern/core-protocol';
import { ServerDriver } from '@tern/core-protocol/testing';
import { InternalError } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROGRESS_META_KEY } from '../../src/index.js';
import { createTaskServer, keysOf, pollTask, sleep, taskDriver } from '../helpers/task-fixtures.js';

const YES = z.object({ ok: z.boolean() });

describe('task status machine', () => {
  it('walks working → input_required → working → completed, with the shape of each status', async () => {
    const { server, tasks } = createTaskServer({ pollIntervalMs: 250, ttlMs: 120_000 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    tasks.registerTool('job', {}, async (_args, ctx) => {
      await gate;
      const answer = await ctx.elicit('Go on?', YES);
      return answer.action === 'accept' && answer.content.ok ? 'went on' : 'stopped';
    });
    const driver = taskDriver(server);

    const created = await driver.request('tools/call', { name: 'job', arguments: {} });
    expect(created).toMatchObject({
      resultType: 'task',
      status: 'working',
      ttlMs: 120_000,
      pollIntervalMs: 250,
    });
    expect(Object.keys(created).sort()).toEqual([
      '_meta',
      'createdAt',
      'lastUpdatedAt',
      'pollIntervalMs',
      'resultType',
      'status',
      'taskId',
      'ttlMs',
    ]);
    const taskId = created['taskId'] as string;

    // Readable at once (durable create), still working.
    const working = await driver.request('tasks/get', { taskId });
    expect(working).toMatchObject({ resultType: 'complete', taskId, status: 'working' });
    expect(working).not.toHaveProperty('inputRequests');
    expect(working).not.toHaveProperty('result');

    release();
    const waiting = await pollTask(driver, taskId, (task) => task['status'] === 'input_required');
    // The key is derived from the question (docs/mrtr.md): one elicitation key.
    const [askKey = ''] = keysOf(waiting);
    expect(keysOf(waiting)).toEqual([askKey]);
    expect(askKey).toMatch(/^elicitation-[\w-]{10}$/);
    expect(waiting['inputRequests']).toMatchObject({
      [askKey]: {
        method: 'elicitation/create',
        params: { mode: 'form', message: 'Go on?' },
      },
    });
    expect(waiting).not.toHaveProperty('requestState');

    const ack = await driver.request('tasks/update', {
      taskId,
      inputResponses: { [askKey]: { action: 'accept', content: { ok: true } } },
    });
    expect(Object.keys(ack).sort()).toEqual(['_meta', 'resultType']);
    const done = await pollTask(driver, taskId, (task) => task['status'] === 'completed');
    expect(done['result']).toEqual({
      resultType: 'complete',
      content: [{ type: 'text', text: 'went on' }],
    });
    expect(done).not.toHaveProperty('inputRequests');
    expect(Date.parse(done['lastUpdatedAt'] as string)).toBeGreaterThanOrEqual(
      Date.parse(done['createdAt'] as string),
    );
  });

  it('completes with isError for a tool error, and fails with the JSON-RPC error for a protocol error', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('tool-error', {}, () => {
      throw new ToolError('Disk full');
    });
    tasks.registerTool('protocol-error', {}, () => {
      throw new InternalError('Backend refused');
    });
    const driver = taskDriver(server);
    const toolError = await driver.request('tools/call', { name: 'tool-error', arguments: {} });
    const completed = await pollTask(
      driver,
      toolError['taskId'] as string,
      (task) => task['status'] !== 'working',
    );
    expect(completed).toMatchObject({
      status: 'completed',
      result: { isError: true, content: [{ type: 'text', text: 'Disk full' }] },
    });

    const protocolError = await driver.request('tools/call', {
      name: 'protocol-error',
      arguments: {},
    });
    const failed = await pollTask(
      driver,
      protocolError['taskId'] as string,
      (task) => task['status'] !== 'working',
    );
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: -32603, message: 'Backend refused' },
    });
    expect(failed).not.toHaveProperty('result');
  });

  it('fails with the same JSON-RPC error that a blocking call would get (an output schema broken)', async () => {
    const { server, tasks, errors } = createTaskServer();
    tasks.registerTool('bad-output', { outputSchema: z.object({ n: z.number() }) }, () => ({
      structuredContent: { n: 'x' },
    }));
    const created = await taskDriver(server).request('tools/call', {
      name: 'bad-output',
      arguments: {},
    });
    const failed = await pollTask(
      taskDriver(server),
      created['taskId'] as string,
      (task) => task['status'] !== 'working',
    );
    const blocking = await new ServerDriver(server).exchange('tools/call', {
      name: 'bad-output',
      arguments: {},
    });
    expect(failed['error']).toEqual((blocking.response as { error: unknown }).error);
    expect(failed['error']).toMatchObject({ code: -32603 });
    expect(errors).toEqual([]);
  });

  it('shows progress on tasks/get: ctx.progress with a progress token, and the task handle without', async () => {
    const { server, tasks } = createTaskServer();
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    tasks.registerTool('steps', {}, async (_args, ctx) => {
      ctx.progress(1, 4, 'Step 1 of 4');
      await gate;
      return 'done';
    });
    const driver = taskDriver(server);
    const created = await driver.request(
      'tools/call',
      { name: 'steps', arguments: {} },
      { meta: { progressToken: 'p-1' } },
    );
    const task = await pollTask(
      driver,
      created['taskId'] as string,
      (t) => t['statusMessage'] !== undefined,
    );
    expect(task).toMatchObject({
      status: 'working',
      statusMessage: 'Step 1 of 4',
      _meta: { [PROGRESS_META_KEY]: { progress: 1, total: 4, message: 'Step 1 of 4' } },
    });
    finish();
    const done = await pollTask(
      driver,
      created['taskId'] as string,
      (t) => t['status'] === 'completed',
    );
    expect(done['_meta']).not.toHaveProperty(PROGRESS_META_KEY);
  });

  it('answers a sync-only tool with a plain result, even with a legacy `task` param', async () => {
    const { server } = createTaskServer();
    server.registerTool('greet', {}, () => 'hi');
    const result = await taskDriver(server).request('tools/call', {
      name: 'greet',
      arguments: {},
      task: { ttl: 1000 },
    });
    expect(result).toMatchObject({
      resultType: 'complete',
      content: [{ type: 'text', text: 'hi' }],
    });
    expect(result).not.toHaveProperty('taskId');
  });

  it('mints unguessable ids: 128 random bits, base64url, never the same', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('quick', {}, async () => {
      await sleep(1);
      return 'ok';
    });
    const driver = taskDriver(server);
    const ids = new Set<string>();
    for (let i = 0; i < 20; i += 1)
      ids.add(
        (await driver.request('tools/call', { name: 'quick', arguments: {} }))['taskId'] as string,
      );
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
