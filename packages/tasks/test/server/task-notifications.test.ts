// notifications/tasks on subscriptions/listen (SEP-2663 §Task Status Notifications): the
// acknowledgement lists the tasks the server agreed to, each change is the full DetailedTask, and
// a client without the extension gets -32021.
import type { JsonRpcNotification, JsonRpcResponse } from '@tern/jsonrpc';
import type { McpServer } from '@tern/core-protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTaskServer, pollTask, taskDriver, WITH_TASKS } from '../helpers/task-fixtures.js';

const ALICE = { principal: 'alice', scopes: [] };
const BOB = { principal: 'bob', scopes: [] };

interface Listening {
  notifications: JsonRpcNotification[];
  ack: () => Record<string, unknown> | undefined;
  tasks: () => Record<string, unknown>[];
  stop: () => Promise<JsonRpcResponse | undefined>;
}

/** Opens a listen stream on the server and collects what it sends. */
function listen(
  server: McpServer,
  notifications: Record<string, unknown>,
  options: { auth?: typeof ALICE; capabilities?: Record<string, unknown> } = {},
): Listening & { response: Promise<JsonRpcResponse | undefined> } {
  const sent: JsonRpcNotification[] = [];
  const abort = new AbortController();
  const response = server.handle(
    {
      jsonrpc: '2.0',
      id: 'listen-1',
      method: 'subscriptions/listen',
      params: {
        notifications,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': options.capabilities ?? WITH_TASKS,
        },
      },
    },
    { notify: (notification) => sent.push(notification), signal: abort.signal, ...(options.auth === undefined ? {} : { auth: options.auth }) },
  );
  return {
    notifications: sent,
    response,
    ack: () => sent.find((n) => n.method === 'notifications/subscriptions/acknowledged')?.params,
    tasks: () => sent.filter((n) => n.method === 'notifications/tasks').map((n) => n.params ?? {}),
    stop: async () => {
      abort.abort();
      return response;
    },
  };
}

describe('notifications/tasks on subscriptions/listen', () => {
  it('acknowledges the named task and sends every change of it as the full task, up to its end', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('confirm', {}, async (_args, ctx) => {
      const answer = await ctx.elicit('Go on?', z.object({ go: z.boolean() }));
      return answer.action === 'accept' && answer.content.go ? 'went' : 'stayed';
    });
    const driver = taskDriver(server, ALICE);
    const { taskId } = (await driver.request('tools/call', { name: 'confirm', arguments: {} })) as { taskId: string };
    const asking = await pollTask(driver, taskId, (task) => task['status'] === 'input_required');

    const stream = listen(server, { taskIds: [taskId, taskId] }, { auth: ALICE });
    await expect.poll(() => stream.ack()).toBeDefined();
    expect(stream.ack()).toMatchObject({ _meta: { 'io.modelcontextprotocol/subscriptionId': 'listen-1' }, notifications: { taskIds: [taskId] } });
    // The current state first, so nothing between the last poll and the subscription is missed.
    await expect.poll(() => stream.tasks().length).toBeGreaterThan(0);
    expect(stream.tasks()[0]).toMatchObject({ taskId, status: 'input_required', inputRequests: asking['inputRequests'] });

    const [key] = Object.keys(asking['inputRequests'] as object);
    await driver.request('tasks/update', { taskId, inputResponses: { [key!]: { action: 'accept', content: { go: true } } } });
    await expect.poll(() => stream.tasks().at(-1)?.['status']).toBe('completed');
    const last = stream.tasks().at(-1)!;
    // Identical to what tasks/get gives at that moment (SEP-2663), tagged with the subscription id.
    const { resultType: _resultType, _meta: _getMeta, ...polled } = await driver.request('tasks/get', { taskId });
    const { _meta: meta, ...pushed } = last;
    expect(pushed).toEqual(polled);
    expect(meta).toMatchObject({ 'io.modelcontextprotocol/subscriptionId': 'listen-1' });
    expect(pushed['result']).toMatchObject({ content: [{ type: 'text', text: 'went' }] });
    const statuses = stream.tasks().map((task) => task['status']);
    expect(statuses).toContain('working');

    // A terminal task is not watched any more: a later change of the store reaches nobody.
    const count = stream.tasks().length;
    await tasks.store.delete(taskId);
    const end = await stream.stop();
    expect(stream.tasks()).toHaveLength(count);
    expect(end).toMatchObject({ result: { resultType: 'complete' } });
  });

  it("leaves out unknown tasks and another principal's, as if unknown", async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('wait', {}, (_args, ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve('stopped'))));
    const { taskId } = (await taskDriver(server, ALICE).request('tools/call', { name: 'wait', arguments: {} })) as { taskId: string };

    const bob = listen(server, { taskIds: [taskId, 'no-such-task'], toolsListChanged: true }, { auth: BOB });
    await expect.poll(() => bob.ack()).toBeDefined();
    // The ack leaves the key out when the server agreed to none (SEP-2663: "if any").
    expect(bob.ack()?.['notifications']).toEqual({ toolsListChanged: true });
    await taskDriver(server, ALICE).request('tasks/cancel', { taskId });
    await bob.stop();
    expect(bob.tasks()).toEqual([]);
  });

  it('refuses task notifications to a client that did not declare the extension (-32021)', async () => {
    const { server } = createTaskServer();
    const stream = listen(server, { taskIds: ['any'] }, { capabilities: { elicitation: {} } });
    const response = await stream.response;
    expect(response).toMatchObject({
      error: { code: -32021, data: { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } } },
    });
    expect(stream.ack()).toBeUndefined();
  });

  it('answers -32602 for a malformed or oversized taskIds list, before any acknowledgement', async () => {
    const { server } = createTaskServer({ maxListenTaskIds: 2 });
    const malformed = await listen(server, { taskIds: 'one-task' }).response;
    expect(malformed).toMatchObject({ error: { code: -32602, message: expect.stringContaining('notifications.taskIds') } });
    const tooMany = listen(server, { taskIds: ['a', 'b', 'c'] });
    expect(await tooMany.response).toMatchObject({ error: { code: -32602, message: expect.stringContaining('at most 2 tasks') } });
    expect(tooMany.ack()).toBeUndefined();
  });
});
