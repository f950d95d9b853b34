// tools/list and tools/call. Requirements: #150 (order), #157 (structured content as text), #158
// (output schema), #161 and #253 (input validation errors are tool results), #179 and #183
// (caching hints), #26 (JSON Schema 2020-12); checklist F3.
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, errorOf, SERVER_INFO } from '../helpers/server-fixtures.js';

const META = { [MetaKey.ServerInfo]: SERVER_INFO };

describe('listTools', () => {
  it('lists every tool in registration order with ttlMs 0 and cacheScope private by default (requirements.md #150, #179)', async () => {
    const { server } = createTestServer();
    for (const name of ['zulu', 'alpha', 'mike'])
      server.registerTool(name, { description: name }, () => name);
    expect(await new ServerDriver(server).request('tools/list')).toEqual({
      resultType: 'complete',
      tools: [
        { name: 'zulu', description: 'zulu', inputSchema: { type: 'object' } },
        { name: 'alpha', description: 'alpha', inputSchema: { type: 'object' } },
        { name: 'mike', description: 'mike', inputSchema: { type: 'object' } },
      ],
      ttlMs: 0,
      cacheScope: 'private',
      _meta: META,
    });
  });

  it('uses the server cache option for tools (requirements.md #179, #183)', async () => {
    const { server } = createTestServer({
      cache: { tools: { ttlMs: 60_000, cacheScope: 'public' } },
    });
    server.registerTool('t', {}, () => 't');
    expect(await new ServerDriver(server).request('tools/list')).toMatchObject({
      ttlMs: 60_000,
      cacheScope: 'public',
    });
  });

  it('lists the same tools whoever asks and whatever happened before (requirements.md #149)', async () => {
    const { server } = createTestServer();
    server.registerTool('t', {}, () => 't');
    const first = await new ServerDriver(server, { auth: { principal: 'alice' } }).request(
      'tools/list',
    );
    await new ServerDriver(server).request('tools/call', { name: 't' });
    expect(
      await new ServerDriver(server, { capabilities: { elicitation: {} } }).request('tools/list'),
    ).toEqual(first);
  });
});

describe('callTool', () => {
  it('answers an unknown tool with -32602 and data.name', async () => {
    const { server } = createTestServer();
    server.registerTool('known', {}, () => 'ok');
    expect(
      errorOf(
        (await new ServerDriver(server).exchange('tools/call', { name: 'unknown' })).response,
      ),
    ).toEqual({
      code: -32602,
      message: 'Unknown tool: unknown',
      data: { name: 'unknown' },
    });
  });

  it('answers arguments that break a zod input schema with isError "Input validation error", without running the handler (requirements.md #161, #253)', async () => {
    const { server } = createTestServer();
    let runs = 0;
    server.registerTool(
      'add',
      { inputSchema: z.object({ a: z.number(), b: z.number() }) },
      ({ a, b }) => {
        runs += 1;
        return String(a + b);
      },
    );
    const driver = new ServerDriver(server);
    const result = await driver.request('tools/call', {
      name: 'add',
      arguments: { a: 1, b: 'two' },
    });
    expect(result).toEqual({
      resultType: 'complete',
      content: [
        { type: 'text', text: expect.stringMatching(/^Input validation error: b: /) as unknown },
      ],
      isError: true,
      _meta: META,
    });
    const missing = await driver.request('tools/call', { name: 'add' });
    expect(missing['isError']).toBe(true);
    expect((missing['content'] as { text: string }[])[0]?.text).toMatch(
      /^Input validation error: a: .*; b: /,
    );
    expect(runs).toBe(0);
    expect(
      await driver.request('tools/call', { name: 'add', arguments: { a: 1, b: 2 } }),
    ).toMatchObject({
      content: [{ type: 'text', text: '3' }],
    });
    expect(runs).toBe(1);
  });

  it('gives the handler the parsed zod output (defaults applied, unknown keys stripped)', async () => {
    const { server } = createTestServer();
    let received: unknown;
    server.registerTool(
      'greet',
      { inputSchema: z.object({ name: z.string(), loud: z.boolean().default(false) }) },
      (args) => {
        received = args;
        return 'ok';
      },
    );
    await new ServerDriver(server).request('tools/call', {
      name: 'greet',
      arguments: { name: 'Ada', extra: 1 },
    });
    expect(received).toEqual({ name: 'Ada', loud: false });
  });

  it('validates raw JSON Schema 2020-12 input schemas, including prefixItems and local $defs/$ref (requirements.md #26, #161)', async () => {
    const { server } = createTestServer();
    const seen: unknown[] = [];
    server.registerTool(
      'move',
      {
        inputSchema: {
          type: 'object',
          $defs: { coordinate: { type: 'integer', minimum: 0, maximum: 9 } },
          properties: {
            from: {
              type: 'array',
              prefixItems: [{ $ref: '#/$defs/coordinate' }, { $ref: '#/$defs/coordinate' }],
              items: false,
            },
            piece: { enum: ['king', 'queen'] },
          },
          required: ['from', 'piece'],
        },
      },
      (args) => {
        seen.push(args);
        return 'moved';
      },
    );
    const driver = new ServerDriver(server);
    const ok = await driver.request('tools/call', {
      name: 'move',
      arguments: { from: [1, 2], piece: 'king' },
    });
    expect(ok['content']).toEqual([{ type: 'text', text: 'moved' }]);
    for (const bad of [
      { from: [1, 2, 3], piece: 'king' },
      { from: [1, 12], piece: 'king' },
      { from: ['a', 2], piece: 'king' },
      { from: [1, 2], piece: 'pawn' },
      { piece: 'king' },
    ]) {
      const result = await driver.request('tools/call', { name: 'move', arguments: bad });
      expect(result['isError'], JSON.stringify(bad)).toBe(true);
      expect((result['content'] as { text: string }[])[0]?.text).toMatch(
        /^Input validation error: /,
      );
    }
    expect(seen).toEqual([{ from: [1, 2], piece: 'king' }]);
  });

  it('turns a string returned by the handler into text content', async () => {
    const { server } = createTestServer();
    server.registerTool('hello', {}, () => 'Hello!');
    expect(
      await new ServerDriver(server).request('tools/call', { name: 'hello', arguments: {} }),
    ).toEqual({
      resultType: 'complete',
      content: [{ type: 'text', text: 'Hello!' }],
      _meta: META,
    });
  });

  it('fills content with the JSON text of structuredContent when the handler gives only structuredContent (requirements.md #157)', async () => {
    const { server } = createTestServer();
    server.registerTool('weather', { outputSchema: z.object({ celsius: z.number() }) }, () => ({
      structuredContent: { celsius: 21.5 },
    }));
    server.registerTool('both', {}, () => ({
      content: [{ type: 'text', text: 'custom' }],
      structuredContent: { x: 1 },
    }));
    server.registerTool('nothing', {}, () => ({}));
    const driver = new ServerDriver(server);
    expect(await driver.request('tools/call', { name: 'weather' })).toEqual({
      resultType: 'complete',
      content: [{ type: 'text', text: '{"celsius":21.5}' }],
      structuredContent: { celsius: 21.5 },
      _meta: META,
    });
    expect((await driver.request('tools/call', { name: 'both' }))['content']).toEqual([
      { type: 'text', text: 'custom' },
    ]);
    expect((await driver.request('tools/call', { name: 'nothing' }))['content']).toEqual([]);
  });

  it('checks structuredContent against the output schema, zod or JSON Schema (requirements.md #158)', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    let output: unknown = { celsius: 20 };
    server.registerTool('zod', { outputSchema: z.object({ celsius: z.number() }) }, () => ({
      structuredContent: output,
    }));
    server.registerTool(
      'json',
      {
        outputSchema: {
          type: 'object',
          properties: { celsius: { type: 'number' } },
          required: ['celsius'],
        },
      },
      () => ({
        structuredContent: output,
      }),
    );
    const driver = new ServerDriver(server);
    for (const name of ['zod', 'json']) {
      output = { celsius: 20 };
      expect((await driver.request('tools/call', { name }))['structuredContent']).toEqual({
        celsius: 20,
      });
      output = { celsius: 'warm' };
      expect(errorOf((await driver.exchange('tools/call', { name })).response)).toEqual({
        code: -32603,
        message: `Tool ${name} returned structuredContent that breaks its output schema`,
      });
      output = undefined;
      expect(errorOf((await driver.exchange('tools/call', { name })).response)).toEqual({
        code: -32603,
        message: `Tool ${name} declares an output schema but returned no structuredContent`,
      });
    }
    expect(errors).toHaveLength(4);
  });

  it('does not check the output schema of an isError result', async () => {
    const { server } = createTestServer();
    server.registerTool('fails', { outputSchema: z.object({ celsius: z.number() }) }, () => ({
      content: [{ type: 'text', text: 'sensor offline' }],
      isError: true,
    }));
    expect(await new ServerDriver(server).request('tools/call', { name: 'fails' })).toEqual({
      resultType: 'complete',
      content: [{ type: 'text', text: 'sensor offline' }],
      isError: true,
      _meta: META,
    });
  });

  it('answers -32603 when a handler returns nothing usable (F3)', async () => {
    const { server } = createTestServer();
    server.registerTool('undef', {}, () => undefined as unknown as string);
    expect(
      errorOf((await new ServerDriver(server).exchange('tools/call', { name: 'undef' })).response),
    ).toEqual({
      code: -32603,
      message: 'Internal error',
    });
  });

  it('ignores requestState and inputResponses sent to tools/list (checklist D5)', async () => {
    const { server } = createTestServer();
    server.registerTool('t', {}, () => 't');
    const result = await new ServerDriver(server).request('tools/list', {
      requestState: 'forged',
      inputResponses: { x: { action: 'accept' } },
    });
    expect(result['tools']).toEqual([{ name: 't', inputSchema: { type: 'object' } }]);
  });
});
