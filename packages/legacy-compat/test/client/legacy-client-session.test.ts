// The legacy path of DualEraTransport against scripted 2025-era servers: version negotiation,
// server-to-client requests and their errors, cancellation, lost streams, listen emulation.
import { McpClient } from '@tern/core-protocol';
import type { InputHandlers } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import { afterEach, describe, expect, it } from 'vitest';
import { DualEraTransport } from '../../src/index.js';
import {
  delay,
  legacyScript,
  openSse,
  sendJson,
  sendRaw,
  startScriptedServer,
  writeEvent,
} from './helpers/scripted-server.js';
import type { Script, ScriptedServer } from './helpers/scripted-server.js';

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: Script, handlers: InputHandlers = {}) {
  server = await startScriptedServer(script);
  const warnings: string[] = [];
  const transport = new DualEraTransport({
    url: server.url,
    modern: (init) => new StreamableHttpTransport(init),
    era: 'legacy',
    onWarning: (message) => warnings.push(message),
  });
  const client = new McpClient(
    { name: 'legacy-test', version: '1.0.0' },
    { transport, handlers, requestTimeoutMs: 5000, maxReissues: 0 },
  );
  return { client, transport, target: server, warnings };
}

const listTools: Script = (request, res) =>
  sendJson(res, { jsonrpc: '2.0', id: request.body.id, result: { tools: [] } });

/** A tools/call whose SSE stream first sends `serverRequest`, then answers once the client responded. */
function askingTool(serverRequest: Record<string, unknown>): {
  script: Script;
  answer: Promise<unknown>;
} {
  let deliver: (value: unknown) => void = () => undefined;
  const answer = new Promise((resolve) => {
    deliver = resolve;
  });
  let pending: { res: Parameters<Script>[1]; id: unknown } | undefined;
  const script: Script = (request, res) => {
    if (request.body?.method === 'tools/call') {
      openSse(res);
      writeEvent(res, { jsonrpc: '2.0', id: 's-1', ...serverRequest });
      pending = { res, id: request.body.id };
      return;
    }
    if (request.body?.id === 's-1' && request.body.method === undefined) {
      deliver(request.body);
      sendRaw(res, 202);
      if (pending !== undefined) {
        writeEvent(pending.res, {
          jsonrpc: '2.0',
          id: pending.id,
          result: { content: [{ type: 'text', text: 'done' }] },
        });
        pending.res.end();
      }
      return;
    }
    return listTools(request, res);
  };
  return { script: legacyScript(script), answer };
}

describe('legacy version negotiation', () => {
  it.each([
    ['2025-06-18', '2025-06-18'],
    ['2025-03-26', undefined],
  ])('accepts %s chosen by the server (MCP-Protocol-Version: %s)', async (version, header) => {
    const { client, transport, target } = await clientFor(
      legacyScript(listTools, { protocolVersion: version }),
    );
    await client.listTools();
    expect(transport.legacyProtocolVersion).toBe(version);
    const [list] = target.posts('tools/list');
    expect(list?.headers['mcp-protocol-version']).toBe(header);
    expect(list?.headers['mcp-session-id']).toBe('session-1');
  });

  it('refuses a version it does not speak, and ends the session the server opened', async () => {
    const { client, target } = await clientFor(
      legacyScript(listTools, { protocolVersion: '2024-11-05' }),
    );
    await expect(client.listTools()).rejects.toMatchObject({ code: 'NO_COMMON_PROTOCOL_VERSION' });
    await expect
      .poll(() => target.received.some((request) => request.httpMethod === 'DELETE'))
      .toBe(true);
  });

  it('retries initialize once with a legacy version named in data.supported', async () => {
    const { client, transport } = await clientFor(async (request, res) => {
      if (
        request.body?.method === 'initialize' &&
        request.body.params.protocolVersion === '2025-11-25'
      ) {
        return sendJson(res, {
          jsonrpc: '2.0',
          id: request.body.id,
          error: {
            code: -32602,
            message: 'Unsupported',
            data: { supported: ['2025-06-18'], requested: '2025-11-25' },
          },
        });
      }
      return legacyScript(listTools, { protocolVersion: '2025-06-18' })(request, res);
    });
    await client.listTools();
    expect(transport.legacyProtocolVersion).toBe('2025-06-18');
  });
});

describe('server-to-client requests on a legacy session', () => {
  it('hands a URL elicitation to elicitUrl without its elicitationId, and answers by JSON-RPC id', async () => {
    const seen: unknown[] = [];
    const { script, answer } = askingTool({
      method: 'elicitation/create',
      params: {
        mode: 'url',
        message: 'Sign in',
        url: 'https://example.com/login',
        elicitationId: 'el-1',
      },
    });
    const { client } = await clientFor(script, {
      elicitUrl: (params) => {
        seen.push(params);
        return { action: 'accept' };
      },
    });
    await client.callTool('login');
    expect(seen).toEqual([{ mode: 'url', message: 'Sign in', url: 'https://example.com/login' }]);
    expect(await answer).toEqual({ jsonrpc: '2.0', id: 's-1', result: { action: 'accept' } });
  });

  it('answers an undeclared elicitation mode with -32602', async () => {
    const { script, answer } = askingTool({
      method: 'elicitation/create',
      params: {
        mode: 'url',
        message: 'Sign in',
        url: 'https://example.com',
        elicitationId: 'el-1',
      },
    });
    const { client } = await clientFor(script, { elicitForm: () => ({ action: 'decline' }) });
    await client.callTool('login');
    expect(await answer).toMatchObject({ id: 's-1', error: { code: -32602 } });
  });

  it('answers a request without a handler with -32601', async () => {
    const { script, answer } = askingTool({ method: 'roots/list' });
    const { client } = await clientFor(script);
    await client.callTool('roots');
    expect(await answer).toMatchObject({ id: 's-1', error: { code: -32601 } });
  });

  it('answers a failing sampling handler with -32603 and a generic message', async () => {
    const { script, answer } = askingTool({
      method: 'sampling/createMessage',
      params: { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 5 },
    });
    const { client } = await clientFor(script, {
      sample: () => {
        throw new Error('secret internal detail');
      },
    });
    await client.callTool('sample');
    const received = (await answer) as { error: { code: number; message: string } };
    expect(received.error.code).toBe(-32603);
    expect(received.error.message).not.toContain('secret');
  });

  it('answers invalid params with -32602 and ping with {}', async () => {
    const invalid = askingTool({ method: 'sampling/createMessage', params: { maxTokens: 'many' } });
    const { client } = await clientFor(invalid.script, {
      sample: () => ({ role: 'assistant', model: 'm', content: { type: 'text', text: '' } }),
    });
    await client.callTool('sample');
    expect(await invalid.answer).toMatchObject({ error: { code: -32602 } });
    await server?.close();
    const ping = askingTool({ method: 'ping' });
    const again = await clientFor(ping.script);
    await again.client.callTool('ping');
    expect(await ping.answer).toEqual({ jsonrpc: '2.0', id: 's-1', result: {} });
  });
});

describe('legacy requests in flight', () => {
  it('sends notifications/cancelled when the caller aborts', async () => {
    const { client, target } = await clientFor(
      legacyScript((request, res) => {
        if (request.body?.method === 'tools/call') return openSse(res);
        return listTools(request, res);
      }),
    );
    const controller = new AbortController();
    const call = client.callTool('slow', {}, { signal: controller.signal });
    await expect.poll(() => target.posts('tools/call').length).toBe(1);
    controller.abort(new Error('user gave up'));
    await expect(call).rejects.toMatchObject({ code: 'ABORTED' });
    const callId = target.posts('tools/call')[0]?.body.id;
    await expect
      .poll(() => target.posts('notifications/cancelled')[0]?.body.params as unknown)
      .toEqual({ requestId: callId, reason: 'user gave up' });
  });

  it('reports a stream that ends without its response and without event ids as interrupted', async () => {
    const { client, target } = await clientFor(
      legacyScript((request, res) => {
        openSse(res);
        res.end();
      }),
    );
    await expect(client.callTool('broken')).rejects.toMatchObject({ code: 'STREAM_INTERRUPTED' });
    await expect.poll(() => target.posts('notifications/cancelled')).toHaveLength(1);
  });

  it('surfaces a 4xx without a JSON-RPC answer as an HTTP_ERROR SdkError', async () => {
    const { client } = await clientFor(
      legacyScript((_, res) => sendRaw(res, 403, { text: 'forbidden', contentType: 'text/plain' })),
    );
    await expect(client.listTools()).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      data: { status: 403, body: 'forbidden' },
    });
  });

  it('passes a JSON-RPC error through, -32002 becoming ResourceNotFoundError in the client', async () => {
    const { client } = await clientFor(
      legacyScript((request, res) =>
        sendJson(res, {
          jsonrpc: '2.0',
          id: request.body.id,
          error: { code: -32002, message: 'Resource not found' },
        }),
      ),
    );
    await expect(client.readResource('test://missing')).rejects.toMatchObject({
      name: 'ResourceNotFoundError',
    });
  });

  it('acknowledges a listen with an empty filter when the server has no standalone stream', async () => {
    const { client } = await clientFor(
      legacyScript(listTools, { capabilities: { tools: { listChanged: true } } }),
    );
    const subscription = client.listen({ toolsListChanged: true });
    expect(await subscription.acknowledged).toEqual({});
    subscription.close();
    await delay(10);
  });
});
