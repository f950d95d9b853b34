import { describe, expect, it } from 'vitest';
import { InMemoryResponseCache, McpClient, SdkError, SdkErrorCode } from '../../src/index.js';
import type { ClientTransport, TransportSendOptions } from '../../src/index.js';
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { errorFor, resultFor, ScriptedTransport } from './helpers/scripted-transport.js';

const CLIENT_INFO = { name: 'fault-tests', version: '1.0.0' };

const interrupted = (): SdkError =>
  new SdkError(SdkErrorCode.StreamInterrupted, 'The response stream broke before its response');

describe('McpClient broken response streams', () => {
  it('re-issues a request whose stream broke, with a new id each time (requirements.md #142, #67)', async () => {
    let failures = 2;
    const transport = new ScriptedTransport((request) => {
      if (failures > 0) {
        failures -= 1;
        throw interrupted();
      }
      return resultFor(request, { resultType: 'complete', content: [{ type: 'text', text: 'ok' }] });
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    // A tools/call is only re-issued when it opts in (or the tool is annotated idempotent).
    const result = await client.callTool('t', {}, { reissue: true });
    expect(result.content).toEqual([{ type: 'text', text: 'ok' }]);
    const ids = transport.requests.map((request) => request.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(transport.requests.map((request) => request.params?.['name'])).toEqual(['t', 't', 't']);
  });

  it('does not re-issue a tools/call that may have had its effect, unless the tool is idempotent', async () => {
    let failures = 10;
    const transport = new ScriptedTransport((request) => {
      if (request.method === 'tools/list') {
        return resultFor(request, {
          resultType: 'complete',
          tools: [{ name: 'lookup', inputSchema: { type: 'object' }, annotations: { idempotentHint: true } }, { name: 'pay', inputSchema: { type: 'object' } }],
          ttlMs: 0,
          cacheScope: 'private',
        });
      }
      if (request.params?.['name'] === 'lookup' && failures > 8) {
        failures -= 1;
        throw interrupted();
      }
      if (request.params?.['name'] === 'pay') throw interrupted();
      return resultFor(request, { resultType: 'complete', content: [{ type: 'text', text: 'found' }] });
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    await expect(client.callTool('pay', { amount: 10 })).rejects.toMatchObject({ code: SdkErrorCode.StreamInterrupted });
    expect(transport.requests.filter((request) => request.params?.['name'] === 'pay')).toHaveLength(1);

    await client.listTools();
    const found = await client.callTool('lookup');
    expect(found.content).toEqual([{ type: 'text', text: 'found' }]);
    expect(transport.requests.filter((request) => request.params?.['name'] === 'lookup')).toHaveLength(3);
    // A tool that is not idempotent is still never repeated, now that the list is known.
    await expect(client.callTool('pay', { amount: 10 })).rejects.toMatchObject({ code: SdkErrorCode.StreamInterrupted });
    expect(transport.requests.filter((request) => request.params?.['name'] === 'pay')).toHaveLength(2);
  });

  it('gives up after maxReissues with an error that says how often it tried', async () => {
    const transport = new ScriptedTransport(() => {
      throw interrupted();
    });
    const client = new McpClient(CLIENT_INFO, { transport, maxReissues: 1 });
    await expect(client.listTools()).rejects.toMatchObject({
      code: SdkErrorCode.StreamInterrupted,
      message: expect.stringContaining('broke 2 times'),
      data: { attempts: 2 },
    });
    expect(transport.requests).toHaveLength(2);
  });

  it('does not re-issue after other transport failures', async () => {
    const transport = new ScriptedTransport(() => {
      throw new TypeError('fetch failed');
    });
    const client = new McpClient(CLIENT_INFO, { transport });
    await expect(client.listTools()).rejects.toBeInstanceOf(TypeError);
    expect(transport.requests).toHaveLength(1);
  });
});

describe('McpClient x-mcp-header mismatch', () => {
  it('refreshes tools/list and retries once with corrected headers after -32020 (requirements.md #129)', async () => {
    const tool = {
      name: 'weather',
      inputSchema: { type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } },
    };
    const headerParamsSent: (TransportSendOptions['headerParams'] | undefined)[] = [];
    const transport = new ScriptedTransport((request, options) => {
      if (request.method === 'tools/list') {
        return resultFor(request, { resultType: 'complete', tools: [tool], ttlMs: 0, cacheScope: 'public' });
      }
      headerParamsSent.push(options.headerParams);
      return options.headerParams === undefined
        ? errorFor(request, { code: -32020, message: 'Missing Mcp-Param-Region header' })
        : resultFor(request, { resultType: 'complete', content: [] });
    }, { mirrorsToolHeaders: true });
    const client = new McpClient(CLIENT_INFO, { transport });
    await client.callTool('weather', { region: 'eu' });
    expect(transport.requests.map((request) => request.method)).toEqual(['tools/call', 'tools/list', 'tools/call']);
    expect(headerParamsSent).toEqual([undefined, [{ header: 'Region', path: ['region'], type: 'string' }]]);
    expect(transport.requests[0]!.id).not.toBe(transport.requests[2]!.id);
  });

  it('does not loop when the retry is refused again', async () => {
    const transport = new ScriptedTransport((request) =>
      request.method === 'tools/list'
        ? resultFor(request, { resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'public' })
        : errorFor(request, { code: -32020, message: 'Header mismatch' }),
    { mirrorsToolHeaders: true });
    const client = new McpClient(CLIENT_INFO, { transport });
    await expect(client.callTool('weather')).rejects.toMatchObject({ code: -32020 });
    expect(transport.requests.map((request) => request.method)).toEqual(['tools/call', 'tools/list', 'tools/call']);
  });
});

describe('McpClient cache namespaces', () => {
  it('keeps the results of two servers apart in one shared store', async () => {
    const store = new InMemoryResponseCache();
    const serverFor = (name: string): ClientTransport & { calls: number } => {
      const transport = {
        calls: 0,
        cacheNamespace: `https://${name}.example/mcp`,
        send(request: JsonRpcRequest): Promise<JsonRpcResponse> {
          transport.calls += 1;
          return Promise.resolve(
            resultFor(request, { resultType: 'complete', tools: [{ name, inputSchema: { type: 'object' } }], ttlMs: 60_000, cacheScope: 'public' }),
          );
        },
      };
      return transport;
    };
    const first = serverFor('one');
    const second = serverFor('two');
    const a = new McpClient(CLIENT_INFO, { transport: first, cache: store });
    const b = new McpClient(CLIENT_INFO, { transport: second, cache: store });
    expect((await a.listTools()).tools.map((tool) => tool.name)).toEqual(['one']);
    expect((await b.listTools()).tools.map((tool) => tool.name)).toEqual(['two']);
    expect((await a.listTools()).tools.map((tool) => tool.name)).toEqual(['one']);
    expect([first.calls, second.calls]).toEqual([1, 1]);
  });

  it('starts request ids at a random point, so two clients resuming one conversation do not share ids (requirements.md #67)', async () => {
    const ids: unknown[] = [];
    for (let index = 0; index < 2; index += 1) {
      const transport = new ScriptedTransport((request) => resultFor(request, { resultType: 'complete', tools: [], ttlMs: 0, cacheScope: 'public' }));
      await new McpClient(CLIENT_INFO, { transport }).listTools();
      ids.push(transport.requests[0]!.id);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });
});
