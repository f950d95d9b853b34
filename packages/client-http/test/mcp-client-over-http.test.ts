// McpClient (core) + StreamableHttpTransport against a scripted node:http server: what the client
// core and this transport do together on the wire.
import { McpClient } from '@tern/core-protocol';
import type { SubscriptionEvent } from '@tern/core-protocol';
import { JsonRpcError, MethodNotFoundError } from '@tern/jsonrpc';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, StreamableHttpTransport } from '../src/index.js';
import {
  delay,
  failure,
  openSse,
  result,
  sendJson,
  startScriptedServer,
  writeEvent,
} from './helpers/scripted-server.js';
import type { Script, ScriptedServer } from './helpers/scripted-server.js';

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(
  script: Script,
  options: Partial<ConstructorParameters<typeof McpClient>[1]> = {},
) {
  server = await startScriptedServer(script);
  const transport = new StreamableHttpTransport({ url: server.url });
  const client = new McpClient({ name: 'http-test', version: '1.0.0' }, { transport, ...options });
  return { client, target: server };
}

const TOOL = {
  name: 'search',
  inputSchema: {
    type: 'object',
    properties: {
      region: { type: 'string', 'x-mcp-header': 'Region' },
      limit: { type: 'integer', 'x-mcp-header': 'Limit' },
      query: { type: 'string' },
    },
  },
};

describe('McpClient over StreamableHttpTransport', () => {
  it('mirrors x-mcp-header arguments learned from tools/list on every round of a conversation', async () => {
    const { client, target } = await clientFor(
      (received, res) => {
        const params = received.body.params;
        if (received.body.method === 'tools/list')
          return sendJson(
            res,
            result(received, { tools: [TOOL], ttlMs: 0, cacheScope: 'private' }),
          );
        if (params.inputResponses === undefined) {
          return sendJson(
            res,
            result(received, {
              resultType: 'input_required',
              inputRequests: {
                ok: {
                  method: 'elicitation/create',
                  params: {
                    mode: 'form',
                    message: 'Sure?',
                    requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
                  },
                },
              },
              requestState: 'state-1',
            }),
          );
        }
        openSse(res);
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: params._meta.progressToken, progress: 1, total: 1 },
        });
        writeEvent(
          res,
          result(received, {
            content: [{ type: 'text', text: `ok=${String(params.inputResponses.ok.content.ok)}` }],
          }),
        );
        res.end();
      },
      { handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) } },
    );
    const tools = await client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toEqual(['search']);
    const progress: number[] = [];
    const called = await client.callTool(
      'search',
      { region: 'Zürich', limit: 5, query: 'x' },
      { onProgress: (event) => progress.push(event.progress) },
    );
    expect(called.content).toEqual([{ type: 'text', text: 'ok=true' }]);
    expect(progress).toEqual([1]);
    const calls = target.requests.filter((received) => received.body.method === 'tools/call');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body.id).not.toBe(calls[1]?.body.id);
    expect(calls[1]?.body.params.requestState).toBe('state-1');
    for (const call of calls) {
      expect(call.headers['mcp-name']).toBe('search');
      expect(call.headers['mcp-param-region']).toBe(
        `=?base64?${Buffer.from('Zürich').toString('base64')}?=`,
      );
      expect(call.headers['mcp-param-limit']).toBe('5');
      expect(call.headers['mcp-param-query']).toBeUndefined();
      expect(call.headers['mcp-protocol-version']).toBe(
        call.body.params._meta['io.modelcontextprotocol/protocolVersion'],
      );
    }
  });

  it('throws the JSON-RPC error of a 404 body as MethodNotFoundError', async () => {
    const { client } = await clientFor((received, res) =>
      sendJson(
        res,
        failure(received, { code: -32601, message: 'Method not found: prompts/list' }),
        404,
      ),
    );
    await expect(client.listPrompts()).rejects.toBeInstanceOf(MethodNotFoundError);
  });

  it('surfaces a 405 without a JSON-RPC body as HttpError, not as a JsonRpcError', async () => {
    const { client } = await clientFor((_received, res) => {
      res.writeHead(405);
      res.end();
    });
    const error = await client.discover().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(JsonRpcError);
  });

  it('delivers only the notifications tagged with its subscription id on a listen stream, across keep-alives', async () => {
    const { client, target } = await clientFor(async (received, res) => {
      const id = received.body.id as number;
      const tag = (subscriptionId: number) => ({
        _meta: { 'io.modelcontextprotocol/subscriptionId': subscriptionId },
      });
      openSse(res);
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: { ...tag(id), notifications: { toolsListChanged: true } },
      });
      for (let tick = 0; tick < 3; tick++) {
        res.write(': keep-alive\n\n');
        await delay(20);
      }
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/tools/list_changed',
        params: tag(id + 1000),
      });
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/tools/list_changed',
        params: tag(id),
      });
      writeEvent(res, { jsonrpc: '2.0', id, result: { resultType: 'complete', ...tag(id) } });
      res.end();
    });
    const events: SubscriptionEvent[] = [];
    for await (const event of client.listen({ toolsListChanged: true })) events.push(event);
    expect(events.map((event) => event.type)).toEqual(['acknowledged', 'notification']);
    expect(target.requests[0]?.headers['mcp-method']).toBe('subscriptions/listen');
  });

  it('closes the listen stream when the subscription is closed', async () => {
    const { client, target } = await clientFor((received, res) => {
      openSse(res);
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: {
          _meta: { 'io.modelcontextprotocol/subscriptionId': received.body.id },
          notifications: {},
        },
      });
    });
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    subscription.close();
    await expect(target.requests[0]?.aborted).resolves.toBeUndefined();
  });

  it('reconnects a listen stream that dropped, with a new request', async () => {
    const { client, target } = await clientFor((received, res, index) => {
      const tag = { _meta: { 'io.modelcontextprotocol/subscriptionId': received.body.id } };
      openSse(res);
      writeEvent(res, {
        jsonrpc: '2.0',
        method: 'notifications/subscriptions/acknowledged',
        params: { ...tag, notifications: {} },
      });
      if (index === 0) res.end();
      else
        writeEvent(res, {
          jsonrpc: '2.0',
          id: received.body.id,
          result: { resultType: 'complete', ...tag },
        });
    });
    const events: SubscriptionEvent[] = [];
    for await (const event of client.listen(
      { toolsListChanged: true },
      { reconnect: { initialDelayMs: 1 } },
    ))
      events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'acknowledged',
      'reconnecting',
      'acknowledged',
    ]);
    expect(events[1]).toMatchObject({ error: { name: 'StreamInterruptedError' } });
    expect(target.requests).toHaveLength(2);
    expect(target.requests[0]?.body.id).not.toBe(target.requests[1]?.body.id);
  });
});
