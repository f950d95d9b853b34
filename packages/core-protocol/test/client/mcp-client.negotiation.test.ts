import { JsonRpcError } from '@tern/jsonrpc';
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { McpClient, SdkError } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { errorFor, metaOf, paramsOf, resultFor, ScriptedTransport } from './helpers/scripted-transport.js';
import { createTestServer, rejectionOf } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };
const FUTURE_VERSION = '2099-01-01';

/** Answers -32022 with `supported` to every version but `accepted`, and a result to `accepted`. */
function negotiatingTransport(supported: string[], accepted: string | undefined): ScriptedTransport {
  return new ScriptedTransport((request) => {
    const requested = metaOf(request)[MetaKey.ProtocolVersion] as string;
    if (requested !== accepted) {
      return errorFor(request, {
        code: -32022,
        message: `Protocol version ${requested} is not supported`,
        data: { supported, requested },
      });
    }
    return resultFor(request, { resultType: 'complete', content: [{ type: 'text', text: `spoke ${requested}` }] });
  });
}

describe('McpClient version negotiation', () => {
  it('retries once with a common version after -32022 from a real server, with a new id (requirements.md #46, #67)', async () => {
    const server = createTestServer();
    server.registerTool('echo', {}, () => 'hello');
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport, protocolVersion: FUTURE_VERSION });

    const result = await client.callTool('echo', { a: 1 });
    expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(transport.sent).toHaveLength(2);
    const [first, retry] = transport.sent;
    expect(metaOf(first!)[MetaKey.ProtocolVersion]).toBe(FUTURE_VERSION);
    expect(metaOf(retry!)[MetaKey.ProtocolVersion]).toBe(LATEST_PROTOCOL_VERSION);
    expect(retry!.id).not.toBe(first!.id);
    expect(paramsOf(retry!)).toEqual(paramsOf(first!));
    expect(client.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);

    // The negotiated version sticks: the next request goes out with it at once.
    await client.callTool('echo');
    expect(transport.sent).toHaveLength(3);
    expect(metaOf(transport.sent[2]!)[MetaKey.ProtocolVersion]).toBe(LATEST_PROTOCOL_VERSION);
  });

  it('picks the version it speaks out of data.supported, ignoring versions it does not know', async () => {
    const transport = negotiatingTransport(['2025-11-25', LATEST_PROTOCOL_VERSION, '2030-01-01'], LATEST_PROTOCOL_VERSION);
    const client = new McpClient(CLIENT_INFO, { transport, protocolVersion: '2027-06-01' });
    const result = await client.callTool('t');
    expect(result.content).toEqual([{ type: 'text', text: `spoke ${LATEST_PROTOCOL_VERSION}` }]);
    expect(transport.requests.map((request) => metaOf(request)[MetaKey.ProtocolVersion])).toEqual(['2027-06-01', LATEST_PROTOCOL_VERSION]);
    expect(new Set(transport.requests.map((request) => request.id)).size).toBe(2);
  });

  it('throws SdkError NO_COMMON_PROTOCOL_VERSION when data.supported shares no version with the client (requirements.md #46)', async () => {
    const transport = negotiatingTransport(['2025-11-25', '2030-01-01'], undefined);
    const client = new McpClient(CLIENT_INFO, { transport });
    const error = await rejectionOf(client.listTools());
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({
      code: 'NO_COMMON_PROTOCOL_VERSION',
      data: { supported: ['2025-11-25', '2030-01-01'], requested: LATEST_PROTOCOL_VERSION },
    });
    expect((error as Error).cause).toBeInstanceOf(JsonRpcError);
    expect(transport.requests).toHaveLength(1);
  });

  it('does not loop when the server rejects the version it listed itself: one retry, then the error', async () => {
    // A broken server: lists 2026-07-28 but rejects it too.
    const transport = negotiatingTransport([LATEST_PROTOCOL_VERSION], undefined);
    const client = new McpClient(CLIENT_INFO, { transport, protocolVersion: FUTURE_VERSION });
    const error = await rejectionOf(client.callTool('t'));
    expect(error).toBeInstanceOf(JsonRpcError);
    expect(error).toMatchObject({ code: -32022 });
    expect(transport.requests).toHaveLength(2);
  });

  it('treats -32022 without a usable data.supported as no common version', async () => {
    const transport = new ScriptedTransport((request) => errorFor(request, { code: -32022, message: 'Unsupported' }));
    const client = new McpClient(CLIENT_INFO, { transport });
    await expect(client.discover()).rejects.toMatchObject({ name: 'SdkError', code: 'NO_COMMON_PROTOCOL_VERSION' });
    expect(transport.requests).toHaveLength(1);
  });

  it('negotiates in the middle of a conversation and keeps the conversation going', async () => {
    let calls = 0;
    const transport = new ScriptedTransport((request) => {
      calls += 1;
      if (calls === 1) {
        return resultFor(request, { resultType: 'input_required', inputRequests: { r: { method: 'roots/list' } }, requestState: 's1' });
      }
      if (metaOf(request)[MetaKey.ProtocolVersion] !== LATEST_PROTOCOL_VERSION) {
        return errorFor(request, { code: -32022, message: 'no', data: { supported: [LATEST_PROTOCOL_VERSION], requested: 'x' } });
      }
      return resultFor(request, { resultType: 'complete', content: [] });
    });
    // The server accepted the first request, then was upgraded and stopped accepting FUTURE_VERSION.
    const client = new McpClient(CLIENT_INFO, { transport, protocolVersion: FUTURE_VERSION, handlers: { listRoots: () => [] } });
    await client.callTool('t');
    expect(transport.requests).toHaveLength(3);
    expect(paramsOf(transport.requests[2]!)).toEqual(paramsOf(transport.requests[1]!));
    expect(paramsOf(transport.requests[2]!)).toMatchObject({ requestState: 's1', inputResponses: { r: { roots: [] } } });
  });
});

describe('McpClient.discover caching', () => {
  it('serves discover from memory for ttlMs, then asks again', async () => {
    const server = createTestServer({ cache: { discover: { ttlMs: 1000, cacheScope: 'public' } } });
    const transport = new InMemoryTransport(server);
    let now = 10_000;
    const client = new McpClient(CLIENT_INFO, { transport, now: () => now });

    const first = await client.discover();
    now += 999;
    expect(await client.discover()).toBe(first);
    expect(transport.sent).toHaveLength(1);
    now += 1;
    await client.discover();
    expect(transport.sent).toHaveLength(2);
  });

  it('asks every time when the server says ttlMs: 0 (requirements.md #182)', async () => {
    const transport = new InMemoryTransport(createTestServer());
    const client = new McpClient(CLIENT_INFO, { transport });
    await client.discover();
    await client.discover();
    expect(transport.sent).toHaveLength(2);
  });
});
