// Tern accepts zod 4 schemas of either flavour, classic (`zod`) or mini (`zod/mini`), wherever a
// handler hands it a schema: tool input and output, prompt arguments, elicitation. Both are parsed
// by zod's core (src/shared/zod.ts), so the same tool behaves the same written in either.
// Requirements: #152 (object input schema), #223 (elicitation answers validated).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { ServerDriver } from '../../src/testing/index.js';
import { accept, createTestServer } from './helpers/server-fixtures.js';

const FLAVOURS = [
  {
    name: 'classic',
    input: z.object({ n: z.number().int(), label: z.string().optional() }),
    output: z.object({ doubled: z.number() }),
    answer: z.object({ ok: z.boolean() }),
    promptArgs: z.object({ topic: z.string() }),
  },
  {
    name: 'mini',
    input: zm.object({ n: zm.int(), label: zm.optional(zm.string()) }),
    output: zm.object({ doubled: zm.number() }),
    answer: zm.object({ ok: zm.boolean() }),
    promptArgs: zm.object({ topic: zm.string() }),
  },
] as const;

describe.each(FLAVOURS)('a server whose schemas are zod $name', (flavour) => {
  function driver(): ServerDriver {
    const { server } = createTestServer();
    server.registerTool(
      'double',
      { inputSchema: flavour.input, outputSchema: flavour.output },
      ({ n }) => ({ structuredContent: { doubled: n * 2 } }),
    );
    server.registerTool('confirm', {}, async (_args, ctx) => {
      const answer = await ctx.elicit('Sure?', flavour.answer);
      return answer.action === 'accept' ? `ok=${String(answer.content.ok)}` : answer.action;
    });
    server.registerPrompt('about', { arguments: flavour.promptArgs }, ({ topic }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Tell me about ${topic}` } }],
    }));
    return new ServerDriver(server, { capabilities: { elicitation: {} } });
  }

  it('lists the same JSON Schemas for the tool', async () => {
    const listed = await driver().request('tools/list');
    expect(listed['tools']).toEqual([
      {
        name: 'double',
        inputSchema: {
          type: 'object',
          properties: {
            n: { type: 'integer' },
            label: { type: 'string' },
          },
          required: ['n'],
        },
        outputSchema: {
          type: 'object',
          properties: { doubled: { type: 'number' } },
          required: ['doubled'],
        },
      },
      { name: 'confirm', inputSchema: { type: 'object' } },
    ]);
  });

  it('validates the arguments: a good call is answered, a bad one is a tool error', async () => {
    const mcp = driver();
    const good = await mcp.request('tools/call', { name: 'double', arguments: { n: 21 } });
    expect(good['structuredContent']).toEqual({ doubled: 42 });
    const bad = await mcp.request('tools/call', { name: 'double', arguments: { n: 1.5 } });
    expect(bad['isError']).toBe(true);
    expect(JSON.stringify(bad['content'])).toContain('n');
  });

  it('sends the elicitation schema and validates the answer against it', async () => {
    const mcp = driver();
    const { result, rounds } = await mcp.converse('tools/call', { name: 'confirm', arguments: {} }, (requests) =>
      Object.fromEntries(Object.keys(requests).map((key) => [key, accept({ ok: true })])),
    );
    expect(rounds).toHaveLength(1);
    const [ask] = Object.values(rounds[0]?.['inputRequests'] as Record<string, Record<string, unknown>>);
    expect(ask?.['params']).toMatchObject({
      mode: 'form',
      message: 'Sure?',
      requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
    });
    expect(result['content']).toEqual([{ type: 'text', text: 'ok=true' }]);
  });

  it('parses prompt arguments and refuses missing ones with -32602', async () => {
    const mcp = driver();
    const got = await mcp.request('prompts/get', { name: 'about', arguments: { topic: 'terns' } });
    expect(got['messages']).toEqual([{ role: 'user', content: { type: 'text', text: 'Tell me about terns' } }]);
    const { response } = await mcp.exchange('prompts/get', { name: 'about', arguments: {} });
    expect(response).toMatchObject({ error: { code: -32602 } });
  });
});
