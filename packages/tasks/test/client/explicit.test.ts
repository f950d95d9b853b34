// The explicit task API over real HTTP (SEP-2663 §Task Polling: "Clients SHOULD persist task IDs
// to durable storage so that polling can resume after a crash or restart"): start, get, update,
// cancel, list, and resume from a bare task id in a fresh client; tasks/* carry Mcp-Name.
import { StreamableHttpTransport } from '@tern/client-http';
import { LATEST_PROTOCOL_VERSION } from '@tern/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TASKS_EXTENSION_ID, TaskClient } from '../../src/index.js';
import { startHttpServer } from '../helpers/http-server.js';
import type { RunningServer } from '../helpers/http-server.js';
import { sleep } from '../helpers/task-fixtures.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const INFO = { name: 'explicit-client', version: '1.0.0' };

async function startApprovalServer(): Promise<RunningServer> {
  return startHttpServer(
    (tasks) => {
      tasks.registerTool(
        'approve',
        { inputSchema: z.object({ amount: z.number() }) },
        async ({ amount }, ctx) => {
          const answer = await ctx.elicit(`Approve ${amount}?`, z.object({ approve: z.boolean() }));
          return answer.action === 'accept' && answer.content.approve
            ? `approved ${amount}`
            : `refused ${amount}`;
        },
      );
      tasks.registerTool('slow', {}, async (_args, ctx) => {
        await sleep(60_000, ctx.signal);
        return 'late';
      });
    },
    { pollIntervalMs: 20 },
  );
}

describe('TaskClient', () => {
  it('starts a task, answers it by hand, and resumes it from its id in a new client', async () => {
    running = await startApprovalServer();
    const transport = new StreamableHttpTransport({ url: running.url });
    const first = new TaskClient({
      transport,
      clientInfo: INFO,
      capabilities: { elicitation: { form: {} } },
    });
    const started = await first.start('approve', { amount: 250 });
    expect(started.kind).toBe('task');
    const taskId = started.kind === 'task' ? started.task.taskId : '';
    expect(first.list()).toEqual([
      { taskId, tool: 'approve', createdAt: expect.any(String) as string },
    ]);

    let task = await first.get(taskId);
    while (task.status !== 'input_required') task = await sleep(10).then(() => first.get(taskId));
    const [key] = Object.keys(task.inputRequests ?? {});
    expect(task.inputRequests?.[key!]).toMatchObject({
      method: 'elicitation/create',
      params: { message: 'Approve 250?' },
    });

    // "Another process": a fresh client that only knows the persisted id, with a handler.
    const second = new TaskClient({
      transport: new StreamableHttpTransport({ url: running.url }),
      clientInfo: INFO,
      handlers: { elicitForm: () => ({ action: 'accept', content: { approve: true } }) },
    });
    expect(second.list()).toEqual([]);
    const states: string[] = [];
    const result = await second.resume(taskId, { onTask: (t) => states.push(t.status) });
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'approved 250' }] });
    expect(states.at(-1)).toBe('completed');
    expect((await first.get(taskId)).status).toBe('completed');
  });

  it('updates a task by hand and cancels another', async () => {
    running = await startApprovalServer();
    const client = new TaskClient({
      transport: new StreamableHttpTransport({ url: running.url }),
      clientInfo: INFO,
      capabilities: { elicitation: { form: {} } },
    });
    const started = await client.start('approve', { amount: 5 });
    const taskId = started.kind === 'task' ? started.task.taskId : '';
    let task = await client.get(taskId);
    while (task.status !== 'input_required') task = await sleep(10).then(() => client.get(taskId));
    await client.update(taskId, {
      [Object.keys(task.inputRequests ?? {})[0]!]: {
        action: 'accept',
        content: { approve: false },
      },
    });
    while (task.status !== 'completed') task = await sleep(10).then(() => client.get(taskId));
    expect(task.result).toMatchObject({ content: [{ text: 'refused 5' }] });

    const slow = await client.start('slow');
    const slowId = slow.kind === 'task' ? slow.task.taskId : '';
    await client.cancel(slowId);
    expect((await client.get(slowId)).status).toBe('cancelled');
    expect(client.list().map((t) => t.taskId)).toEqual([taskId, slowId]);
  });

  it('runs call() end to end with the handlers', async () => {
    running = await startApprovalServer();
    const client = new TaskClient({
      transport: new StreamableHttpTransport({ url: running.url }),
      clientInfo: INFO,
      handlers: { elicitForm: () => ({ action: 'accept', content: { approve: true } }) },
    });
    expect(await client.call('approve', { amount: 1 })).toMatchObject({
      content: [{ text: 'approved 1' }],
    });
  });

  it('is refused -32020 by the server without Mcp-Name naming the task (SEP-2663 §Routing Headers)', async () => {
    running = await startApprovalServer();
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
        'mcp-method': 'tasks/get',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tasks/get',
        params: {
          taskId: 'abc',
          _meta: {
            'io.modelcontextprotocol/protocolVersion': LATEST_PROTOCOL_VERSION,
            'io.modelcontextprotocol/clientCapabilities': {
              extensions: { [TASKS_EXTENSION_ID]: {} },
            },
          },
        },
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32020);
  });
});
