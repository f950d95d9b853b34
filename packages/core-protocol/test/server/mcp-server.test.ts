// McpServer: the request boundary (responses, ids, serverInfo, the one error boundary), the
// operator warning about generated keys, registrations and prototype safety.
// Requirements (shared/spec/requirements.md): #5, #10, #18, #39, #145, #253; security checklist
// rows B5 (prototype pollution), C8 (id kept on errors) and F3 (no internals on the wire).
import { InvalidParamsError, JsonRpcError, MethodNotFoundError } from '@tern/jsonrpc';
import { MetaKey, MODERN_PROTOCOL_VERSIONS } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InMemoryChangeBus,
  McpServer,
  ResourceNotFoundError,
  SdkError,
  SdkErrorCode,
  ToolError,
} from '../../src/index.js';
import { ServerDriver } from '../../src/testing/index.js';
import {
  accept,
  createTestServer,
  errorOf,
  handleRaw,
  KEY_A,
  requestMeta,
  resultOf,
  SERVER_INFO,
} from './helpers/server-fixtures.js';

const SERVER_INFO_META = { [MetaKey.ServerInfo]: SERVER_INFO };

function throwingToolServer(
  thrown: unknown,
  onError?: (error: unknown, request: { method: string; id?: string | number }) => void,
) {
  const { server } = createTestServer(onError === undefined ? {} : { onError });
  server.registerTool('fail', {}, () => {
    throw thrown;
  });
  return server;
}

describe('McpServer', () => {
  describe('handle', () => {
    it('sends no response to a notification or a stray response (requirements.md #18)', async () => {
      const { server } = createTestServer();
      server.registerTool('t', {}, () => 'ok');
      expect(
        await server.handle({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: 1 },
        }),
      ).toBeUndefined();
      expect(await server.handle({ jsonrpc: '2.0', method: 'tools/list' })).toBeUndefined();
      expect(
        await server.handle({ jsonrpc: '2.0', id: 3, result: { resultType: 'complete' } }),
      ).toBeUndefined();
      expect(
        await server.handle({ jsonrpc: '2.0', id: 4, error: { code: -32603, message: 'x' } }),
      ).toBeUndefined();
    });

    it('echoes the request id with its JSON type in results and errors (requirements.md #5, #10; C8)', async () => {
      const { server } = createTestServer();
      const ok = await server.handle({
        jsonrpc: '2.0',
        id: 'req-7',
        method: 'server/discover',
        params: { _meta: requestMeta() },
      });
      expect(ok).toMatchObject({ jsonrpc: '2.0', id: 'req-7', result: { resultType: 'complete' } });
      const zero = await server.handle({
        jsonrpc: '2.0',
        id: 0,
        method: 'server/discover',
        params: { _meta: requestMeta() },
      });
      expect(zero?.id).toBe(0);
      const failed = await server.handle({
        jsonrpc: '2.0',
        id: '42',
        method: 'nope/nothing',
        params: { _meta: requestMeta() },
      });
      expect(failed).toEqual({
        jsonrpc: '2.0',
        id: '42',
        error: { code: -32601, message: 'Method not found: nope/nothing' },
      });
      const noMeta = await server.handle({ jsonrpc: '2.0', id: 9, method: 'server/discover' });
      expect(noMeta?.id).toBe(9);
      expect(errorOf(noMeta).code).toBe(-32602);
    });

    it('puts io.modelcontextprotocol/serverInfo in the _meta of every kind of result (requirements.md #39, #145)', async () => {
      const { server } = createTestServer();
      server.registerTool('ask', {}, async (_args, ctx) => {
        const answer = await ctx.elicit('ok?', z.object({ ok: z.boolean() }));
        return answer.action;
      });
      server.registerTool('bad-args', { inputSchema: z.object({ n: z.number() }) }, () => 'never');
      server.registerResource({ uri: 'mem://a', name: 'a' }, (uri) => ({
        contents: [{ uri, text: 'A' }],
      }));
      server.registerPrompt('p', { complete: { x: () => ['1'] } }, () => ({ messages: [] }));
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });

      const results = [
        await driver.request('server/discover'),
        await driver.request('tools/list'),
        await driver.request('tools/call', { name: 'ask', arguments: {} }),
        await driver.request('tools/call', { name: 'bad-args', arguments: { n: 'x' } }),
        await driver.request('resources/list'),
        await driver.request('resources/templates/list'),
        await driver.request('resources/read', { uri: 'mem://a' }),
        await driver.request('prompts/list'),
        await driver.request('prompts/get', { name: 'p' }),
        await driver.request('completion/complete', {
          ref: { type: 'ref/prompt', name: 'p' },
          argument: { name: 'x', value: '' },
        }),
      ];
      expect(results[2]?.['resultType']).toBe('input_required');
      expect(results[3]?.['isError']).toBe(true);
      for (const result of results) expect(result['_meta']).toEqual(SERVER_INFO_META);
    });

    it('keeps the _meta a handler returned and adds serverInfo to it (requirements.md #39)', async () => {
      const { server } = createTestServer();
      server.registerTool('t', {}, () => ({ content: [], _meta: { 'com.example/trace': 'abc' } }));
      const result = await new ServerDriver(server).request('tools/call', { name: 't' });
      expect(result['_meta']).toEqual({ 'com.example/trace': 'abc', ...SERVER_INFO_META });
    });

    it('leaves serverInfo out when includeServerInfo is false (requirements.md #39 "unless configured not to")', async () => {
      const { server } = createTestServer({ includeServerInfo: false });
      server.registerTool('t', {}, () => 'ok');
      const driver = new ServerDriver(server);
      expect(await driver.request('server/discover')).not.toHaveProperty('_meta');
      expect(await driver.request('tools/call', { name: 't' })).toEqual({
        resultType: 'complete',
        content: [{ type: 'text', text: 'ok' }],
      });
    });

    it('answers a tool that throws a plain Error with a generic isError result, no message or stack on the wire (F3, requirements.md #253)', async () => {
      const seen: { error: unknown; request: unknown }[] = [];
      const secret = new Error('db password is hunter2 at /srv/app/db.ts:12');
      const server = throwingToolServer(secret, (error, request) => seen.push({ error, request }));
      const { response } = await new ServerDriver(server).exchange('tools/call', { name: 'fail' });
      expect(response).toMatchObject({
        jsonrpc: '2.0',
        id: 1,
        result: {
          resultType: 'complete',
          content: [{ type: 'text', text: 'Tool fail failed with an internal error' }],
          isError: true,
        },
      });
      const wire = JSON.stringify(response);
      expect(wire).not.toContain('hunter2');
      expect(wire).not.toContain('db.ts');
      expect(wire).not.toContain('stack');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.error).toBe(secret);
      expect(seen[0]?.request).toEqual({ method: 'tools/call', id: 1 });
    });

    it('answers thrown non-Error values and SdkErrors from a tool with the same generic isError result', async () => {
      for (const thrown of [
        'a string',
        undefined,
        null,
        42,
        { code: 'nope' },
        new SdkError(SdkErrorCode.InvalidUsage, 'internal detail'),
      ]) {
        const { response } = await new ServerDriver(throwingToolServer(thrown)).exchange(
          'tools/call',
          { name: 'fail' },
        );
        expect(response).toMatchObject({
          result: { content: [{ type: 'text', text: 'Tool fail failed with an internal error' }], isError: true },
        });
      }
    });

    it('keeps the -32603 boundary for handlers other than tools: a prompt that throws gets "Internal error"', async () => {
      const { server } = createTestServer();
      server.registerPrompt('broken', {}, () => {
        throw new Error('secret detail');
      });
      const { response } = await new ServerDriver(server).exchange('prompts/get', { name: 'broken' });
      expect(errorOf(response)).toEqual({ code: -32603, message: 'Internal error' });
    });

    it('passes a thrown JsonRpcError through with its code, message and data', async () => {
      const custom = new JsonRpcError(4711, 'Quota exceeded', { data: { retryAfterMs: 500 } });
      expect(
        errorOf(
          (
            await new ServerDriver(throwingToolServer(custom)).exchange('tools/call', {
              name: 'fail',
            })
          ).response,
        ),
      ).toEqual({
        code: 4711,
        message: 'Quota exceeded',
        data: { retryAfterMs: 500 },
      });
      const invalid = new InvalidParamsError('No such account', {
        data: { account: 'x' },
        cause: new Error('secret cause'),
      });
      const response = (
        await new ServerDriver(throwingToolServer(invalid)).exchange('tools/call', { name: 'fail' })
      ).response;
      expect(errorOf(response)).toEqual({
        code: -32602,
        message: 'No such account',
        data: { account: 'x' },
      });
      expect(JSON.stringify(response)).not.toContain('secret cause');
      const notFound = new ResourceNotFoundError('file:///gone');
      expect(
        errorOf(
          (
            await new ServerDriver(throwingToolServer(notFound)).exchange('tools/call', {
              name: 'fail',
            })
          ).response,
        ),
      ).toEqual({
        code: -32602,
        message: 'Resource not found: file:///gone',
        data: { uri: 'file:///gone' },
      });
    });

    it('turns a thrown ToolError into a result with isError: true, not a protocol error (requirements.md #253)', async () => {
      const server = throwingToolServer(
        new ToolError('The city "Atlantis" is unknown', {
          structuredContent: { city: 'Atlantis' },
        }),
      );
      expect(await new ServerDriver(server).request('tools/call', { name: 'fail' })).toEqual({
        resultType: 'complete',
        content: [{ type: 'text', text: 'The city "Atlantis" is unknown' }],
        structuredContent: { city: 'Atlantis' },
        isError: true,
        _meta: SERVER_INFO_META,
      });
    });

    it('gives the same answer when onError itself throws', async () => {
      let calls = 0;
      const server = throwingToolServer(new MethodNotFoundError('gone'), () => {
        calls += 1;
        throw new Error('the error hook broke');
      });
      const driver = new ServerDriver(server);
      expect(errorOf((await driver.exchange('tools/call', { name: 'fail' })).response)).toEqual({
        code: -32601,
        message: 'gone',
      });
      expect(
        errorOf((await driver.exchange('tools/call', { name: 'missing' })).response).code,
      ).toBe(-32602);
      expect(
        errorOf(
          (
            await driver.exchange(
              'tools/call',
              { name: 'fail' },
              { meta: { [MetaKey.ProtocolVersion]: undefined } },
            )
          ).response,
        ).code,
      ).toBe(-32602);
      expect(calls).toBe(3);
    });

    it('reports pipeline errors (bad _meta, unknown method) to onError with the request', async () => {
      const seen: unknown[] = [];
      const { server } = createTestServer({ onError: (_error, request) => seen.push(request) });
      await server.handle({ jsonrpc: '2.0', id: 'x', method: 'tools/list' });
      await server.handle({
        jsonrpc: '2.0',
        id: 'y',
        method: 'foo/bar',
        params: { _meta: requestMeta() },
      });
      expect(seen).toEqual([
        { method: 'tools/list', id: 'x' },
        { method: 'foo/bar', id: 'y' },
      ]);
    });

    it('answers -32603 and reports to onError when its options are unusable, instead of throwing from handle()', async () => {
      const problems: unknown[] = [];
      const server = new McpServer(SERVER_INFO, {
        requestState: { keys: [{ id: 'short', secret: new Uint8Array(8) }] },
        onError: (error) => problems.push(error),
      });
      const response = await server.handle({
        jsonrpc: '2.0',
        id: 1,
        method: 'server/discover',
        params: { _meta: requestMeta() },
      });
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32603, message: 'Internal error' },
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toBeInstanceOf(RangeError);
      await expect(server.ready()).rejects.toBeInstanceOf(RangeError);
    });

    it('refuses unusable limits and caching hints when it is built, not on every request', () => {
      expect(() => createTestServer({ cache: { tools: { ttlMs: -1, cacheScope: 'public' } } })).toThrow(SdkError);
      expect(() => createTestServer({ limits: { pageSize: 0 } })).toThrow(SdkError);
    });

    it('is ready once its keys are imported', async () => {
      await expect(createTestServer().server.ready()).resolves.toBeUndefined();
    });
  });

  describe('constructor', () => {
    it('warns exactly once, naming the server, when no requestState keys are configured', async () => {
      const { server, warnings } = createTestServer();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('test-server');
      expect(warnings[0]).toContain('no requestState keys configured');
      server.registerTool('ask', {}, async (_args, ctx) => {
        const first = await ctx.elicit('a?', z.object({ a: z.string() }), { key: 'a' });
        const second = await ctx.elicit('b?', z.object({ b: z.string() }), { key: 'b' });
        return `${first.action} ${second.action}`;
      });
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      for (let run = 0; run < 3; run++) {
        const { result } = await driver.converse('tools/call', { name: 'ask' }, (requests) =>
          Object.fromEntries(
            Object.keys(requests).map((key) => [
              key,
              accept(key === 'a' ? { a: 'x' } : { b: 'y' }),
            ]),
          ),
        );
        expect(result['content']).toEqual([{ type: 'text', text: 'accept accept' }]);
      }
      await driver.request('server/discover');
      expect(warnings).toHaveLength(1);
    });

    it('warns once per server instance, and not at all with configured keys or an empty key list', () => {
      expect(createTestServer().warnings).toHaveLength(1);
      expect(createTestServer().warnings).toHaveLength(1);
      expect(createTestServer({ requestState: { keys: [KEY_A] } }).warnings).toEqual([]);
      expect(createTestServer({ requestState: { keys: [] } }).warnings).toHaveLength(1);
    });
  });

  describe('registerTool', () => {
    it('returns a registration whose remove() takes the tool away (and the capability with the last one)', async () => {
      const { server } = createTestServer();
      const first = server.registerTool('first', {}, () => 'one');
      const second = server.registerTool('second', {}, () => 'two');
      const driver = new ServerDriver(server);
      first.remove();
      expect(
        ((await driver.request('tools/list'))['tools'] as { name: string }[]).map(
          (tool) => tool.name,
        ),
      ).toEqual(['second']);
      expect(
        errorOf((await driver.exchange('tools/call', { name: 'first' })).response),
      ).toMatchObject({ code: -32602 });
      first.remove();
      expect(server.toolHeaderParams('second')).toEqual([]);
      expect(server.toolHeaderParams('first')).toBeUndefined();
      second.remove();
      expect(errorOf((await driver.exchange('tools/list')).response)).toEqual({
        code: -32601,
        message: 'Method not found: tools/list',
      });
    });
  });

  describe('info, supportedVersions, hasMethod, advertiseVersions, changeBus', () => {
    it('exposes identity, modern versions, the routed methods and its change bus', async () => {
      const bus = new InMemoryChangeBus();
      const { server } = createTestServer({ changeBus: bus });
      expect(server.changeBus).toBe(bus);
      expect(createTestServer().server.changeBus).toBeInstanceOf(InMemoryChangeBus);
      expect(server.info).toEqual(SERVER_INFO);
      expect(server.supportedVersions).toEqual([...MODERN_PROTOCOL_VERSIONS]);
      expect(server.hasMethod('tools/call')).toBe(true);
      expect(server.hasMethod('subscriptions/listen')).toBe(true);
      expect(server.hasMethod('initialize')).toBe(false);
      expect(server.hasMethod('constructor')).toBe(false);
      expect(server.hasMethod('__proto__')).toBe(false);
      server.advertiseVersions(['2025-11-25', '2025-11-25']);
      const discover = await new ServerDriver(server).request('server/discover');
      expect(discover['supportedVersions']).toEqual([...MODERN_PROTOCOL_VERSIONS, '2025-11-25']);
      expect(server.listedVersions).toEqual(discover['supportedVersions']);
      // A modern request for a legacy version is still refused (the legacy layer serves those),
      // listing what discover lists and saying how to reach it (docs/concepts.md).
      const legacy = await new ServerDriver(server, { protocolVersion: '2025-11-25' }).exchange(
        'server/discover',
      );
      expect(errorOf(legacy.response)).toMatchObject({
        code: -32022,
        message: expect.stringContaining('only through an initialize handshake'),
        data: { requested: '2025-11-25', supported: discover['supportedVersions'] },
      });
    });
  });

  describe('prototype safety (security checklist B5)', () => {
    it('keeps __proto__ and constructor keys in arguments, _meta and inputResponses from polluting Object.prototype', async () => {
      const { server } = createTestServer();
      const seen: unknown[] = [];
      server.registerTool(
        'echo',
        { inputSchema: { type: 'object', properties: { name: { type: 'string' } } } },
        async (args, ctx) => {
          seen.push(args);
          const answer = await ctx.elicit('name?', z.object({ name: z.string() }), { key: 'name' });
          return answer.action === 'accept' ? `hi ${answer.content.name}` : 'no';
        },
      );
      const pollutedMeta =
        '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"elicitation":{},"__proto__":{"polluted":"caps"}},"__proto__":{"polluted":"meta"},"constructor":{"prototype":{"polluted":"meta-ctor"}}}';
      const first = resultOf(
        (
          await handleRaw(
            server,
            JSON.parse(
              `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{${pollutedMeta},"name":"echo","arguments":{"name":"x","__proto__":{"polluted":"args"},"constructor":{"prototype":{"polluted":"ctor"}}}}}`,
            ) as never,
          )
        ).response,
      );
      expect(first['resultType']).toBe('input_required');
      const retry = JSON.parse(
        `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{${pollutedMeta},"name":"echo","arguments":{"name":"x","__proto__":{"polluted":"args"},"constructor":{"prototype":{"polluted":"ctor"}}},` +
          `"inputResponses":{"__proto__":{"action":"accept","content":{"polluted":"ir"}},"constructor":{"action":"accept","content":{"name":"c"}},"name":{"action":"accept","content":{"name":"Ada","__proto__":"x"}}},` +
          `"requestState":${JSON.stringify(first['requestState'])}}}`,
      ) as never;
      const second = resultOf((await handleRaw(server, retry)).response);
      expect(second['content']).toEqual([{ type: 'text', text: 'hi Ada' }]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      for (const args of seen) expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    });

    it('routes method names that are Object.prototype members to -32601', async () => {
      const { server } = createTestServer();
      for (const method of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const response = await server.handle({
          jsonrpc: '2.0',
          id: method,
          method,
          params: { _meta: requestMeta() },
        });
        expect(errorOf(response).code).toBe(-32601);
      }
    });
  });
});
