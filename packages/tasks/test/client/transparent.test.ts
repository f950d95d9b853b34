// The client side over real HTTP (SEP-2663 §Polymorphic Results: "they can transparently drive
// the polling flow internally and surface only the final, completed result"): McpClient.callTool
// through withTasks polls, answers the task's asks with the MRTR handlers (each key once), shows
// progress, and gets the final CallToolResult; failed tasks reject with their JSON-RPC error.
import { McpClient, ToolError } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import { InternalError, JsonRpcError } from '@tern/jsonrpc';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withTasks } from '../../src/index.js';
import type { DetailedTask } from '../../src/index.js';
import { startHttpServer } from '../helpers/http-server.js';
import type { RunningServer } from '../helpers/http-server.js';
import { sleep } from '../helpers/task-fixtures.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const NAME = z.object({ name: z.string() });

describe('callTool through withTasks', () => {
  it('polls a task to its result, answering each input request once and reporting progress', async () => {
    running = await startHttpServer(
      (tasks) =>
        tasks.registerTool('onboard', {}, async (_args, ctx) => {
          ctx.progress(1, 3, 'Asking for a name');
          const first = await ctx.elicit('Name?', NAME);
          ctx.progress(2, 3, 'Asking for a team');
          const second = await ctx.elicit('Team?', NAME);
          await sleep(30, ctx.signal);
          ctx.progress(3, 3, 'Done');
          await sleep(60, ctx.signal);
          const pick = (answer: typeof first) =>
            answer.action === 'accept' ? answer.content.name : '-';
          return `${pick(first)} joins ${pick(second)}`;
        }),
      { pollIntervalMs: 20 },
    );
    const asked: string[] = [];
    const seen: DetailedTask[] = [];
    const client = new McpClient(
      { name: 'tasks-test-client', version: '1.0.0' },
      {
        transport: withTasks(new StreamableHttpTransport({ url: running.url }), {
          onTask: (task) => seen.push(task),
        }),
        handlers: {
          elicitForm: async (params) => {
            asked.push(params.message);
            // Slow enough that the client polls the same input_required state again meanwhile.
            await sleep(50);
            return {
              action: 'accept',
              content: { name: params.message === 'Name?' ? 'Ada' : 'Compilers' },
            };
          },
        },
      },
    );
    const progress: number[] = [];
    const result = await client.callTool(
      'onboard',
      {},
      { onProgress: (p) => progress.push(p.progress), timeoutMs: 20_000 },
    );
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'Ada joins Compilers' }] });
    expect(asked).toEqual(['Name?', 'Team?']);
    expect(seen[0]?.status).toBe('working');
    expect(seen.map((task) => task.status)).toContain('input_required');
    expect(seen.at(-1)?.status).toBe('completed');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('gives the tool error of a completed task as an isError result, and rejects with the JSON-RPC error of a failed one', async () => {
    running = await startHttpServer((tasks) => {
      tasks.registerTool('tool-error', {}, () => {
        throw new ToolError('No such report');
      });
      tasks.registerTool('protocol-error', {}, () => {
        throw new InternalError('Backend down');
      });
    });
    const client = new McpClient(
      { name: 'c', version: '1' },
      { transport: withTasks(new StreamableHttpTransport({ url: running.url })) },
    );
    expect(await client.callTool('tool-error', {})).toMatchObject({
      isError: true,
      content: [{ text: 'No such report' }],
    });
    const failure = await client.callTool('protocol-error', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JsonRpcError);
    expect(failure).toMatchObject({ code: -32603, message: 'Backend down' });
  });

  it('cancels the task when the call is aborted', async () => {
    let stopped = false;
    running = await startHttpServer(
      (tasks) =>
        tasks.registerTool('forever', {}, async (_args, ctx) => {
          await sleep(60_000, ctx.signal).catch((error: unknown) => {
            stopped = true;
            throw error;
          });
          return 'never';
        }),
      { pollIntervalMs: 20 },
    );
    const seen: DetailedTask[] = [];
    const client = new McpClient(
      { name: 'c', version: '1' },
      {
        transport: withTasks(new StreamableHttpTransport({ url: running.url }), {
          onTask: (task) => seen.push(task),
        }),
      },
    );
    const controller = new AbortController();
    const call = client.callTool('forever', {}, { signal: controller.signal });
    await expect.poll(() => seen.length).toBeGreaterThan(1);
    controller.abort();
    await expect(call).rejects.toThrow(/aborted/);
    await expect.poll(() => stopped).toBe(true);
    const { taskId } = seen[0]!;
    expect((await running.tasks.store.get(taskId))?.status).toBe('cancelled');
  });

  it('leaves plain tools and clients without the layer alone', async () => {
    running = await startHttpServer((tasks, server) => {
      server.registerTool('echo', {}, () => 'plain');
      tasks.registerTool('job', {}, () => 'blocking');
    });
    const plain = new McpClient(
      { name: 'c', version: '1' },
      { transport: new StreamableHttpTransport({ url: running.url }) },
    );
    // Without the layer the client does not declare the extension: the server blocks.
    expect(await plain.callTool('job', {})).toMatchObject({ content: [{ text: 'blocking' }] });
    const layered = new McpClient(
      { name: 'c', version: '1' },
      { transport: withTasks(new StreamableHttpTransport({ url: running.url })) },
    );
    expect(await layered.callTool('echo', {})).toMatchObject({ content: [{ text: 'plain' }] });
    expect(await layered.listTools()).toMatchObject({ tools: [{ name: 'echo' }, { name: 'job' }] });
  });
});
