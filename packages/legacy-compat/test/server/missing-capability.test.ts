import type { McpServer } from '@tern/core-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LegacyClient, startServer } from './helpers/legacy-client.js';
import type { TestServer } from './helpers/legacy-client.js';

function register(server: McpServer): void {
  server.registerTool('ask', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const form = await ctx.elicit('Your name?', z.object({ name: z.string() }));
    return form.action === 'accept' ? `hi ${form.content.name}` : 'no name';
  });
  server.registerPrompt('greet', { description: 'Asks first.' }, async (_args, ctx) => {
    await ctx.elicit('Your name?', z.object({ name: z.string() }));
    return { messages: [] };
  });
}

let subject: TestServer | undefined;
afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

describe('a 2025-era session without the capability a handler asks for', () => {
  it('gets an isError tool result and -32603, never the 2026-only -32021', async () => {
    subject = await startServer(register);
    const client = new LegacyClient(subject.url);
    await client.connect({});
    const call = await client.request('tools/call', { name: 'ask', arguments: {} });
    expect(call['error']).toBeUndefined();
    expect(call['result']).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: expect.stringContaining('elicitation') }],
    });
    const prompt = await client.request('prompts/get', { name: 'greet' });
    expect(prompt['error']).toMatchObject({
      code: -32603,
      data: { requiredCapabilities: { elicitation: {} } },
    });
  });
});
