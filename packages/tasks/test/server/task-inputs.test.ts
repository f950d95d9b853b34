// Asks inside a task (SEP-2663 §Task Update Requests, with SEP-2322 input requests): several
// rounds of tasks/update, keys unique over the task's lifetime, partial and unknown answers,
// answers that must be asked again, and MRTR resolved on tools/call before the task is created
// (§Task Creation: "SHOULD resolve all MRTR exchanges synchronously").
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTask } from '../../src/index.js';
import { createTaskServer, keysOf, pollTask, taskDriver } from '../helpers/task-fixtures.js';

const NAME = z.object({ name: z.string() });
const accept = (content: Record<string, unknown>) => ({ action: 'accept', content });

describe('asks inside a task', () => {
  it('runs a straight-line handler through three rounds of tasks/update', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('wizard', {}, async (_args, ctx) => {
      const names: string[] = [];
      for (let step = 1; step <= 3; step += 1) {
        const answer = await ctx.elicit(`Name ${step}?`, NAME);
        if (answer.action === 'accept') names.push(answer.content.name);
      }
      return names.join(',');
    });
    const driver = taskDriver(server);
    const { taskId } = (await driver.request('tools/call', { name: 'wizard', arguments: {} })) as {
      taskId: string;
    };
    const seenKeys: string[] = [];
    for (const name of ['ada', 'bob', 'cy']) {
      const waiting = await pollTask(
        driver,
        taskId,
        (task) => task['status'] === 'input_required' && !seenKeys.includes(keysOf(task)[0] ?? ''),
      );
      const [key] = keysOf(waiting);
      seenKeys.push(key!);
      await driver.request('tasks/update', {
        taskId,
        inputResponses: { [key!]: accept({ name }) },
      });
    }
    const done = await pollTask(driver, taskId, (task) => task['status'] === 'completed');
    expect(done['result']).toMatchObject({ content: [{ type: 'text', text: 'ada,bob,cy' }] });
    expect(new Set(seenKeys).size).toBe(3);
  });

  it('keeps the task in input_required until every parallel ask is answered, ignoring unknown keys', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('pair', {}, async (_args, ctx) => {
      const [a, b] = await Promise.all([ctx.elicit('A?', NAME), ctx.elicit('B?', NAME)]);
      return `${a.action}/${b.action}`;
    });
    const driver = taskDriver(server);
    const { taskId } = (await driver.request('tools/call', { name: 'pair', arguments: {} })) as {
      taskId: string;
    };
    const both = await pollTask(driver, taskId, (task) => keysOf(task).length === 2);
    const [first, second] = keysOf(both);
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [first!]: accept({ name: 'x' }), 'never-issued': { action: 'decline' } },
    });
    const partial = await driver.request('tasks/get', { taskId });
    expect(partial['status']).toBe('input_required');
    expect(keysOf(partial)).toEqual([second]);
    // Answering an already answered key again changes nothing.
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [first!]: { action: 'decline' } },
    });
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [second!]: { action: 'decline' } },
    });
    const done = await pollTask(driver, taskId, (task) => task['status'] === 'completed');
    expect(done['result']).toMatchObject({ content: [{ text: 'accept/decline' }] });
  });

  it('asks again under a fresh key when the answer breaks the requested schema', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('strict', {}, async (_args, ctx) => {
      const answer = await ctx.elicit('Name?', NAME);
      return answer.action === 'accept' ? answer.content.name : answer.action;
    });
    const driver = taskDriver(server);
    const { taskId } = (await driver.request('tools/call', { name: 'strict', arguments: {} })) as {
      taskId: string;
    };
    const firstRound = await pollTask(
      driver,
      taskId,
      (task) => task['status'] === 'input_required',
    );
    const [firstKey] = keysOf(firstRound);
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [firstKey!]: accept({ name: 42 }) },
    });
    const again = await pollTask(
      driver,
      taskId,
      (task) => task['status'] === 'input_required' && keysOf(task)[0] !== firstKey,
    );
    const [secondKey] = keysOf(again);
    expect(secondKey).toBe(`${firstKey}#2`);
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [secondKey!]: accept({ name: 'ok' }) },
    });
    expect(
      (await pollTask(driver, taskId, (task) => task['status'] === 'completed'))['result'],
    ).toMatchObject({ content: [{ text: 'ok' }] });
  });

  it('fails the task with -32602 when an answer is malformed beyond asking again', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('ask', {}, async (_args, ctx) => (await ctx.elicit('Name?', NAME)).action);
    const driver = taskDriver(server);
    const { taskId } = (await driver.request('tools/call', { name: 'ask', arguments: {} })) as {
      taskId: string;
    };
    const waiting = await pollTask(driver, taskId, (task) => task['status'] === 'input_required');
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [keysOf(waiting)[0]!]: { action: 'maybe' } },
    });
    const failed = await pollTask(driver, taskId, (task) => task['status'] === 'failed');
    expect(failed['error']).toMatchObject({ code: -32602 });
  });

  it('resolves MRTR on tools/call first, then becomes a task whose later asks go through tasks/update', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool(
      'greet-later',
      { task: { support: 'required', start: 'by-handler' } },
      async (_args, ctx) => {
        const first = await ctx.elicit('Your name?', NAME);
        const task = await startTask(ctx, { statusMessage: 'Preparing the greeting' });
        const second = await task.elicit('Your title?', NAME);
        const title = second.action === 'accept' ? second.content.name : '';
        return `Hello, ${title} ${first.action === 'accept' ? first.content.name : '?'} (${task.taskId ?? 'inline'})`;
      },
    );
    const driver = taskDriver(server);
    const round1 = await driver.request('tools/call', { name: 'greet-later', arguments: {} });
    expect(round1).toMatchObject({ resultType: 'input_required' });
    expect(round1).not.toHaveProperty('taskId');
    const key = keysOf(round1)[0]!;
    const round2 = await driver.request('tools/call', {
      name: 'greet-later',
      arguments: {},
      inputResponses: { [key]: accept({ name: 'Alice' }) },
      requestState: round1['requestState'],
    });
    expect(round2).toMatchObject({
      resultType: 'task',
      status: 'working',
      statusMessage: 'Preparing the greeting',
    });
    expect(round2).not.toHaveProperty('requestState');
    expect(round2).not.toHaveProperty('inputRequests');
    const taskId = round2['taskId'] as string;
    const waiting = await pollTask(driver, taskId, (task) => task['status'] === 'input_required');
    await driver.request('tasks/update', {
      taskId,
      inputResponses: { [keysOf(waiting)[0]!]: accept({ name: 'Dr.' }) },
    });
    const done = await pollTask(driver, taskId, (task) => task['status'] === 'completed');
    expect(done['result']).toMatchObject({ content: [{ text: `Hello, Dr. Alice (${taskId})` }] });
  });

  it('lets a handler that never calls startTask answer like any tool, on the request', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool(
      'maybe',
      { task: { start: 'by-handler' } },
      async (args: { big?: boolean }, ctx) => {
        if (args.big !== true) return 'small and quick';
        const task = await startTask(ctx);
        return `big, in ${task.taskId === undefined ? 'no task' : 'a task'}`;
      },
    );
    const driver = taskDriver(server);
    expect(await driver.request('tools/call', { name: 'maybe', arguments: {} })).toMatchObject({
      resultType: 'complete',
      content: [{ text: 'small and quick' }],
    });
    const big = await driver.request('tools/call', { name: 'maybe', arguments: { big: true } });
    expect(big['resultType']).toBe('task');
    const done = await pollTask(
      driver,
      big['taskId'] as string,
      (task) => task['status'] === 'completed',
    );
    expect(done['result']).toMatchObject({ content: [{ text: 'big, in a task' }] });
  });
});
