// prompts/list and prompts/get, and the PromptRegistry behind them. Requirements: #171, #172,
// #176 (unknown prompt / missing arguments are -32602), #177, #179.
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PromptRegistry } from '../../../src/server/prompt-registry.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, errorOf, SERVER_INFO } from '../helpers/server-fixtures.js';

const META = { [MetaKey.ServerInfo]: SERVER_INFO };
const userText = (text: string) => ({
  role: 'user' as const,
  content: { type: 'text' as const, text },
});

describe('PromptRegistry', () => {
  it('derives arguments from a zod object: descriptions from .describe(), required flags from optionality', () => {
    const registry = new PromptRegistry();
    const prompt = registry.add(
      'review',
      {
        arguments: z.object({
          code: z.string().describe('The code to review'),
          style: z.string().optional().describe('House style'),
          language: z.string(),
        }),
      },
      () => ({ messages: [] }),
    );
    expect(prompt.definition).toEqual({
      name: 'review',
      arguments: [
        { name: 'code', description: 'The code to review', required: true },
        { name: 'style', description: 'House style' },
        { name: 'language', required: true },
      ],
    });
  });

  it('takes a plain argument list as is', () => {
    const registry = new PromptRegistry();
    const list = [{ name: 'topic', description: 'What about', required: true }, { name: 'tone' }];
    expect(
      registry.add('essay', { title: 'Essay', description: 'Writes', arguments: list }, () => ({
        messages: [],
      })).definition,
    ).toEqual({
      name: 'essay',
      title: 'Essay',
      description: 'Writes',
      arguments: list,
    });
    expect(registry.add('bare', {}, () => ({ messages: [] })).definition).toEqual({ name: 'bare' });
  });

  it('refuses a duplicate name and an arguments schema that is not a zod object', () => {
    const registry = new PromptRegistry();
    registry.add('p', {}, () => ({ messages: [] }));
    expect(() => registry.add('p', {}, () => ({ messages: [] }))).toThrow(
      'A prompt named "p" is already registered',
    );
    expect(() => registry.add('q', { arguments: z.string() }, () => ({ messages: [] }))).toThrow(
      'Prompt "q": the arguments schema must be a zod object',
    );
    expect(() =>
      registry.add('r', { arguments: { name: 'x' } as never }, () => ({ messages: [] })),
    ).toThrow('Prompt "r": arguments must be a zod object or a list');
    expect(registry.size).toBe(1);
    expect(registry.remove('p')).toBe(true);
    expect(registry.definitions()).toEqual([]);
  });
});

describe('listPrompts', () => {
  it('lists prompts in registration order with the cache.prompts hint (requirements.md #172, #179)', async () => {
    const { server } = createTestServer({
      cache: { prompts: { ttlMs: 10, cacheScope: 'public' } },
    });
    server.registerPrompt('b', { description: 'second letter' }, () => ({ messages: [] }));
    server.registerPrompt('a', { arguments: [{ name: 'x', required: true }] }, () => ({
      messages: [],
    }));
    expect(await new ServerDriver(server).request('prompts/list')).toEqual({
      resultType: 'complete',
      prompts: [
        { name: 'b', description: 'second letter' },
        { name: 'a', arguments: [{ name: 'x', required: true }] },
      ],
      ttlMs: 10,
      cacheScope: 'public',
      _meta: META,
    });
  });
});

describe('getPrompt', () => {
  it('renders a prompt with its zod-parsed arguments', async () => {
    const { server } = createTestServer();
    server.registerPrompt(
      'review',
      { arguments: z.object({ code: z.string(), style: z.string().default('concise') }) },
      ({ code, style }) => ({
        description: 'A review',
        messages: [userText(`Review (${style}): ${code}`)],
      }),
    );
    expect(
      await new ServerDriver(server).request('prompts/get', {
        name: 'review',
        arguments: { code: 'x = 1' },
      }),
    ).toEqual({
      resultType: 'complete',
      description: 'A review',
      messages: [userText('Review (concise): x = 1')],
      _meta: META,
    });
  });

  it('answers a missing required argument with -32602, for zod and for list arguments (requirements.md #176)', async () => {
    const { server } = createTestServer();
    let runs = 0;
    const handler = () => {
      runs += 1;
      return { messages: [] };
    };
    server.registerPrompt(
      'zod',
      { arguments: z.object({ code: z.string(), lang: z.string() }) },
      handler,
    );
    server.registerPrompt(
      'list',
      {
        arguments: [
          { name: 'topic', required: true },
          { name: 'tone' },
          { name: 'length', required: true },
        ],
      },
      handler,
    );
    const driver = new ServerDriver(server);
    const zodError = errorOf(
      (await driver.exchange('prompts/get', { name: 'zod', arguments: { code: 'x' } })).response,
    );
    expect(zodError.code).toBe(-32602);
    expect(zodError.message).toMatch(/^Invalid arguments for prompt zod: lang: /);
    expect(
      errorOf(
        (await driver.exchange('prompts/get', { name: 'list', arguments: { tone: 'dry' } }))
          .response,
      ),
    ).toEqual({
      code: -32602,
      message: 'Invalid arguments for prompt list: Missing required arguments: topic, length',
    });
    expect(errorOf((await driver.exchange('prompts/get', { name: 'list' })).response).code).toBe(
      -32602,
    );
    expect(runs).toBe(0);
    await driver.request('prompts/get', {
      name: 'list',
      arguments: { topic: 't', length: 'short' },
    });
    expect(runs).toBe(1);
  });

  it('answers an argument that breaks its zod refinement with -32602 (requirements.md #177)', async () => {
    const { server } = createTestServer();
    server.registerPrompt('p', { arguments: z.object({ lang: z.enum(['ts', 'py']) }) }, () => ({
      messages: [],
    }));
    const error = errorOf(
      (
        await new ServerDriver(server).exchange('prompts/get', {
          name: 'p',
          arguments: { lang: 'cobol' },
        })
      ).response,
    );
    expect(error.code).toBe(-32602);
    expect(error.message).toMatch(/^Invalid arguments for prompt p: lang: /);
  });

  it('answers an unknown prompt with -32602 and data.name (requirements.md #176)', async () => {
    const { server } = createTestServer();
    server.registerPrompt('known', {}, () => ({ messages: [] }));
    expect(
      errorOf(
        (await new ServerDriver(server).exchange('prompts/get', { name: 'unknown' })).response,
      ),
    ).toEqual({
      code: -32602,
      message: 'Unknown prompt: unknown',
      data: { name: 'unknown' },
    });
  });

  it('removes a prompt through its registration', async () => {
    const { server } = createTestServer();
    server.registerPrompt('stay', {}, () => ({ messages: [] }));
    server.registerPrompt('go', {}, () => ({ messages: [] })).remove();
    const driver = new ServerDriver(server);
    expect((await driver.request('prompts/list'))['prompts']).toEqual([{ name: 'stay' }]);
    expect(errorOf((await driver.exchange('prompts/get', { name: 'go' })).response).code).toBe(
      -32602,
    );
  });
});
