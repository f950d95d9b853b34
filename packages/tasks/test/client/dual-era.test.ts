// 2025-era clients through the dual-era layer: a task tool, even one that requires a task, gives
// them a normal blocking result, and its asks arrive as real elicitation/create requests on the
// session (the official SDK 1.x client, pinned).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTask } from '../../src/index.js';
import { startHttpServer } from '../helpers/http-server.js';
import type { RunningServer } from '../helpers/http-server.js';
import { sleep } from '../helpers/task-fixtures.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('2025-era clients', () => {
  it('get blocking results from task tools, with asks on their session', async () => {
    running = await startHttpServer((tasks) => {
      tasks.registerTool('export', { task: { support: 'required' } }, async (_args, ctx) => {
        const answer = await ctx.elicit('Which format?', z.object({ format: z.string() }));
        await sleep(20, ctx.signal);
        return `exported as ${answer.action === 'accept' ? answer.content.format : 'csv'}`;
      });
      tasks.registerTool('later', { task: { start: 'by-handler' } }, async (_args, ctx) => {
        const task = await startTask(ctx);
        const answer = await task.elicit('Sure?', z.object({ format: z.string() }));
        return `inline=${String(task.taskId === undefined)} ${answer.action}`;
      });
    });
    const client = new Client(
      { name: 'legacy-client', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    client.setRequestHandler(ElicitRequestSchema, () => ({
      action: 'accept',
      content: { format: 'pdf' },
    }));
    await client.connect(new StreamableHTTPClientTransport(new URL(running.url)));
    try {
      const exported = await client.callTool({ name: 'export', arguments: {} });
      expect(exported).toMatchObject({ content: [{ type: 'text', text: 'exported as pdf' }] });
      expect(exported).not.toHaveProperty('taskId');
      const later = await client.callTool({ name: 'later', arguments: {} });
      expect(later).toMatchObject({ content: [{ text: 'inline=true accept' }] });
    } finally {
      await client.close();
    }
  });
});
