import type { McpServer } from '@tern/core-protocol';
import { ToolError } from '@tern/core-protocol';
import { InternalError } from '@tern/jsonrpc';
import { installTasks, startTask } from '@tern/tasks';
import type { TasksExtension } from '@tern/tasks';
import { z } from 'zod';

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Accepts what the suite answers to every ask of the tasks scenarios. */
const CONFIRMATION = z.object({ confirm: z.boolean().optional(), name: z.string().optional() });

/**
 * Installs the tasks extension (SEP-2663) and registers the fixtures of the ten `tasks-*` server
 * scenarios: `greet` (never a task), `slow_compute`, `failing_job` (task required),
 * `protocol_error_job`, `confirm_delete`, `multi_input`, and `test_tool_with_task` (MRTR on
 * `tools/call`, then a task).
 */
export function registerTaskTools(server: McpServer): TasksExtension {
  const tasks = installTasks(server, { pollIntervalMs: 200 });
  server.registerTool(
    'greet',
    { description: 'Greets by name (never a task).', inputSchema: z.object({ name: z.string() }) },
    ({ name }) => `Hello, ${name}!`,
  );
  tasks.registerTool(
    'slow_compute',
    {
      description: 'Sleeps `seconds`, then answers; runs as a task and stops on tasks/cancel.',
      inputSchema: z.object({ seconds: z.number().min(0).max(600), label: z.string().optional() }),
    },
    async ({ seconds, label }, ctx) => {
      await sleep(seconds * 1000, ctx.signal);
      return `Computed ${label ?? 'result'} after ${seconds}s`;
    },
  );
  tasks.registerTool(
    'failing_job',
    { description: 'Fails with a tool error after about a second.', task: { support: 'required' } },
    async (_args, ctx) => {
      await sleep(1000, ctx.signal);
      throw new ToolError('The job failed');
    },
  );
  tasks.registerTool(
    'protocol_error_job',
    { description: 'Fails with a JSON-RPC error.' },
    async (_args, ctx) => {
      await sleep(100, ctx.signal);
      throw new InternalError('The job broke down');
    },
  );
  tasks.registerTool(
    'confirm_delete',
    {
      description: 'Asks to confirm, then deletes.',
      inputSchema: z.object({ filename: z.string() }),
    },
    async ({ filename }, ctx) => {
      const answer = await ctx.elicit(`Delete ${filename}?`, CONFIRMATION);
      return answer.action === 'accept' && answer.content.confirm === true
        ? `Deleted ${filename}`
        : `Kept ${filename}`;
    },
  );
  tasks.registerTool(
    'multi_input',
    { description: 'Asks two questions at once.' },
    async (_args, ctx) => {
      const [first, second] = await Promise.all([
        ctx.elicit('First question', CONFIRMATION),
        ctx.elicit('Second question', CONFIRMATION),
      ]);
      return `Answers: ${first.action}, ${second.action}`;
    },
  );
  tasks.registerTool(
    'test_tool_with_task',
    {
      description: 'Asks for a name with MRTR on tools/call, then continues as a task.',
      task: { support: 'required', start: 'by-handler' },
    },
    async (_args, ctx) => {
      const answer = await ctx.elicit('What is your name?', z.object({ name: z.string() }));
      const name = answer.action === 'accept' ? answer.content.name : 'stranger';
      const task = await startTask(ctx, { statusMessage: `Greeting ${name}` });
      await sleep(200, task.signal);
      return `Hello, ${name}! (from task ${task.taskId ?? 'inline'})`;
    },
  );
  return tasks;
}
