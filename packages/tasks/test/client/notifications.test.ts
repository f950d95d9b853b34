// notifications/tasks over real HTTP: a Tern McpClient that declares the tasks extension listens
// for a task on subscriptions/listen (SSE) and follows it to its result without polling
// (SEP-2663 §Task Status Notifications).
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TASKS_EXTENSION_ID, TaskClient } from '../../src/index.js';
import { startHttpServer } from '../helpers/http-server.js';
import type { RunningServer } from '../helpers/http-server.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('task notifications on a listen stream', () => {
  it('follow a task from input_required to completed over SSE', async () => {
    running = await startHttpServer((tasks) => {
      tasks.registerTool('approve', {}, async (_args, ctx) => {
        const answer = await ctx.elicit('Approve?', z.object({ approve: z.boolean() }));
        return answer.action === 'accept' && answer.content.approve ? 'approved' : 'refused';
      });
    });
    const transport = new StreamableHttpTransport({ url: running.url });
    const tasks = new TaskClient({ transport, clientInfo: { name: 'n', version: '1' }, capabilities: { elicitation: { form: {} } } });
    const started = await tasks.start('approve');
    const taskId = started.kind === 'task' ? started.task.taskId : '';
    expect(taskId).not.toBe('');

    const client = new McpClient(
      { name: 'watcher', version: '1.0.0' },
      { transport, capabilities: { extensions: { [TASKS_EXTENSION_ID]: {} } } },
    );
    const subscription = client.listen({ taskIds: [taskId] }, { reconnect: false });
    const seen: Record<string, unknown>[] = [];
    let answered = false;
    for await (const event of subscription) {
      if (event.type === 'acknowledged') {
        expect(event.filter).toEqual({ taskIds: [taskId] });
        continue;
      }
      if (event.type !== 'notification' || event.notification.method !== 'notifications/tasks') continue;
      const task = event.notification.params ?? {};
      seen.push(task);
      if (task['status'] === 'input_required' && !answered) {
        answered = true;
        const [key] = Object.keys(task['inputRequests'] as object);
        await tasks.update(taskId, { [key!]: { action: 'accept', content: { approve: true } } });
      }
      if (task['status'] === 'completed') break;
    }
    subscription.close();
    expect(seen.at(-1)).toMatchObject({ taskId, status: 'completed', result: { content: [{ type: 'text', text: 'approved' }] } });
    expect(seen.map((task) => task['status'])).toContain('input_required');
  });
});
