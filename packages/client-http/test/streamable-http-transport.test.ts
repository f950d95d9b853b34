import { createHash } from 'node:crypto';
import { McpClient } from '@tern/core-protocol';
import type { McpHeaderParam } from '@tern/core-protocol';
import type { JsonRpcNotification, JsonRpcRequest } from '@tern/jsonrpc';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, StreamableHttpTransport, StreamInterruptedError } from '../src/index.js';
import type { StreamableHttpTransportOptions } from '../src/index.js';
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

const VERSION = '2026-07-28';
const META = {
  'io.modelcontextprotocol/protocolVersion': VERSION,
  'io.modelcontextprotocol/clientCapabilities': {},
};

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: Script): Promise<ScriptedServer> {
  server = await startScriptedServer(script);
  return server;
}

function transportFor(
  target: ScriptedServer,
  options: Partial<StreamableHttpTransportOptions> = {},
): StreamableHttpTransport {
  return new StreamableHttpTransport({ url: target.url, ...options });
}

function request(id: number, method: string, params: Record<string, unknown> = {}): JsonRpcRequest {
  return { jsonrpc: '2.0', id, method, params: { ...params, _meta: META } };
}

function sendOptions(
  extra: { headerParams?: readonly McpHeaderParam[]; signal?: AbortSignal } = {},
) {
  const notifications: JsonRpcNotification[] = [];
  return {
    notifications,
    options: {
      signal: extra.signal ?? new AbortController().signal,
      onNotification: (notification: JsonRpcNotification) => notifications.push(notification),
      ...(extra.headerParams === undefined ? {} : { headerParams: extra.headerParams }),
    },
  };
}

function base64Sentinel(value: string): string {
  return `=?base64?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new TypeError('Expected the promise to reject, but it resolved');
}

const answerJson: Script = (received, res) => sendJson(res, result(received));

describe('StreamableHttpTransport', () => {
  describe('request headers', () => {
    it('sends each request as one POST with Accept, Content-Type, MCP-Protocol-Version and Mcp-Method (#103-#105, #115, #116, #120)', async () => {
      const target = await serve(answerJson);
      const transport = transportFor(target);
      const sent = request(1, 'tools/list');
      await transport.send(sent, sendOptions().options);
      const [received] = target.requests;
      expect(received?.method).toBe('POST');
      expect(received?.body).toEqual(sent);
      expect(received?.headers.accept).toBe('application/json, text/event-stream');
      expect(received?.headers['content-type']).toBe('application/json');
      expect(received?.headers['mcp-protocol-version']).toBe(VERSION);
      expect(received?.headers['mcp-method']).toBe('tools/list');
      expect(received?.headers['mcp-name']).toBeUndefined();
    });

    it('takes MCP-Protocol-Version from the body _meta of each request', async () => {
      const target = await serve(answerJson);
      const transport = transportFor(target);
      const other = {
        jsonrpc: '2.0' as const,
        id: 2,
        method: 'tools/list',
        params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2027-01-01' } },
      };
      await transport.send(other, sendOptions().options);
      expect(target.requests[0]?.headers['mcp-protocol-version']).toBe('2027-01-01');
    });

    it('sets Mcp-Name from params.name for tools/call and prompts/get and from params.uri for resources/read (#120)', async () => {
      const target = await serve(answerJson);
      const transport = transportFor(target);
      await transport.send(
        request(1, 'tools/call', { name: 'my-hyphenated-tool', arguments: {} }),
        sendOptions().options,
      );
      await transport.send(
        request(2, 'prompts/get', { name: 'test_prompt' }),
        sendOptions().options,
      );
      await transport.send(
        request(3, 'resources/read', { uri: 'https://example.com/resource?id=123' }),
        sendOptions().options,
      );
      await transport.send(
        request(4, 'resources/read', { uri: 'file:///path/to/file%20name.txt' }),
        sendOptions().options,
      );
      expect(
        target.requests.map((received) => [
          received.headers['mcp-method'],
          received.headers['mcp-name'],
        ]),
      ).toEqual([
        ['tools/call', 'my-hyphenated-tool'],
        ['prompts/get', 'test_prompt'],
        ['resources/read', 'https://example.com/resource?id=123'],
        ['resources/read', 'file:///path/to/file%20name.txt'],
      ]);
    });

    it.each([
      ['a plain value unchanged', 'db://orders/schema', 'db://orders/schema'],
      ['inner spaces unchanged', 'file:///a b.txt', 'file:///a b.txt'],
      ['non-ASCII with the base64 sentinel', 'Grüße', '=?base64?R3LDvMOfZQ==?='],
      ['surrounding whitespace with the base64 sentinel', ' eu-1 ', '=?base64?IGV1LTEg?='],
      [
        'a sentinel-looking value with the base64 sentinel',
        '=?base64?SGk=?=',
        base64Sentinel('=?base64?SGk=?='),
      ],
      ['an uppercase sentinel as a literal', '=?BASE64?SGk=?=', '=?BASE64?SGk=?='],
    ])('encodes Mcp-Name: %s (#121, #126)', async (_case, name, expected) => {
      const target = await serve(answerJson);
      await transportFor(target).send(
        request(1, 'tools/call', { name, arguments: {} }),
        sendOptions().options,
      );
      expect(target.requests[0]?.headers['mcp-name']).toBe(expected);
    });

    it('mirrors x-mcp-header arguments into Mcp-Param headers with their encodings (#122, #125, #126, #128, #133)', async () => {
      const target = await serve(answerJson);
      const headerParams: McpHeaderParam[] = [
        { header: 'Region', path: ['region'], type: 'string' },
        { header: 'NonAscii', path: ['non_ascii'], type: 'string' },
        { header: 'Whitespace', path: ['padded'], type: 'string' },
        { header: 'Tab', path: ['tab'], type: 'string' },
        { header: 'CrLf', path: ['crlf'], type: 'string' },
        { header: 'Sentinel', path: ['sentinel'], type: 'string' },
        { header: 'InternalSpace', path: ['internal'], type: 'string' },
        { header: 'EmptyVal', path: ['empty'], type: 'string' },
        { header: 'Priority', path: ['priority'], type: 'integer' },
        { header: 'Offset', path: ['offset'], type: 'integer' },
        { header: 'Verbose', path: ['verbose'], type: 'boolean' },
        { header: 'Debug', path: ['debug'], type: 'boolean' },
        { header: 'Tenant', path: ['filter', 'tenant'], type: 'string' },
        { header: 'Method', path: ['method_val'], type: 'string' },
        { header: 'NullVal', path: ['null_val'], type: 'string' },
        { header: 'Absent', path: ['absent'], type: 'integer' },
        { header: 'NotInteger', path: ['fraction'], type: 'integer' },
      ];
      const args = {
        region: 'us-west1',
        non_ascii: 'Hello, 世界',
        padded: ' padded ',
        tab: '\tindented',
        crlf: 'line1\r\nline2',
        sentinel: '=?base64?SGk=?=',
        internal: 'us west 1',
        empty: '',
        priority: 42,
        offset: -7,
        verbose: false,
        debug: true,
        filter: { tenant: 'acme' },
        method_val: 'test-method',
        null_val: null,
        fraction: 4.5,
        query: 'SELECT 1',
      };
      await transportFor(target).send(
        request(1, 'tools/call', { name: 'search', arguments: args }),
        sendOptions({ headerParams }).options,
      );
      const headers = target.requests[0]?.headers ?? {};
      const params = Object.fromEntries(
        Object.entries(headers).filter(([name]) => name.startsWith('mcp-param-')),
      );
      expect(params).toEqual({
        'mcp-param-region': 'us-west1',
        'mcp-param-nonascii': base64Sentinel('Hello, 世界'),
        'mcp-param-whitespace': base64Sentinel(' padded '),
        'mcp-param-tab': base64Sentinel('\tindented'),
        'mcp-param-crlf': base64Sentinel('line1\r\nline2'),
        'mcp-param-sentinel': base64Sentinel('=?base64?SGk=?='),
        'mcp-param-internalspace': 'us west 1',
        'mcp-param-emptyval': '',
        'mcp-param-priority': '42',
        'mcp-param-offset': '-7',
        'mcp-param-verbose': 'false',
        'mcp-param-debug': 'true',
        'mcp-param-tenant': 'acme',
        'mcp-param-method': 'test-method',
      });
      expect(headers['mcp-method']).toBe('tools/call');
    });

    it('lets the MCP headers win over extra headers and sends the others', async () => {
      const target = await serve(answerJson);
      const transport = transportFor(target, {
        headers: {
          'Mcp-Method': 'wrong',
          'MCP-Protocol-Version': '1999-01-01',
          'X-Trace': 'abc',
          Authorization: 'Bearer t1',
        },
      });
      await transport.send(request(1, 'tools/list'), sendOptions().options);
      const headers = target.requests[0]?.headers ?? {};
      expect(headers['mcp-method']).toBe('tools/list');
      expect(headers['mcp-protocol-version']).toBe(VERSION);
      expect(headers['x-trace']).toBe('abc');
      expect(headers.authorization).toBe('Bearer t1');
    });

    it('asks a headers function before every POST', async () => {
      const target = await serve(answerJson);
      let token = 0;
      const transport = transportFor(target, {
        headers: () => Promise.resolve({ Authorization: `Bearer t${++token}` }),
      });
      await transport.send(request(1, 'tools/list'), sendOptions().options);
      await transport.send(request(2, 'tools/list'), sendOptions().options);
      expect(target.requests.map((received) => received.headers.authorization)).toEqual([
        'Bearer t1',
        'Bearer t2',
      ]);
    });

    it('uses the fetch it was given', async () => {
      const target = await serve(answerJson);
      const calls: string[] = [];
      const transport = transportFor(target, {
        fetch: (input, init) => {
          calls.push(input instanceof Request ? input.url : input.toString());
          return fetch(input, init);
        },
      });
      await transport.send(request(1, 'tools/list'), sendOptions().options);
      expect(calls).toEqual([target.url]);
    });
  });

  describe('responses', () => {
    it('resolves with a JSON response', async () => {
      const target = await serve((received, res) => sendJson(res, result(received, { tools: [] })));
      const response = await transportFor(target).send(
        request(7, 'tools/list'),
        sendOptions().options,
      );
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 7,
        result: { resultType: 'complete', tools: [] },
      });
    });

    it('delivers SSE notifications before resolving with the final response, ignoring keep-alive comments (#108, #113)', async () => {
      const target = await serve(async (received, res) => {
        openSse(res);
        res.write(': keep-alive\n\n');
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 'p', progress: 1, total: 2 },
        });
        res.write(':\n\n');
        await delay(20);
        res.write(': ping\n');
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 'p', progress: 2, total: 2 },
        });
        writeEvent(res, result(received, { content: [] }));
        res.end();
      });
      const { notifications, options } = sendOptions();
      const response = await transportFor(target).send(
        request(3, 'tools/call', { name: 't', arguments: {} }),
        options,
      );
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 3,
        result: { resultType: 'complete', content: [] },
      });
      expect(notifications.map((notification) => notification.params?.['progress'])).toEqual([
        1, 2,
      ]);
    });

    it('ignores responses to other ids, malformed events and other event types on the stream', async () => {
      const target = await serve((received, res) => {
        openSse(res);
        writeEvent(res, { jsonrpc: '2.0', id: 999, result: { resultType: 'complete' } });
        res.write('data: {not json\n\n');
        res.write('event: other\ndata: {"jsonrpc":"2.0","id":1,"result":{"wrong":true}}\n\n');
        res.write('data: \n\n');
        writeEvent(res, { jsonrpc: '2.0', id: 5, method: 'sampling/createMessage', params: {} });
        res.write(`data: ${JSON.stringify(result(received, { ok: true }))}\n\n`);
        res.end();
      });
      const response = await transportFor(target).send(
        request(1, 'tools/list'),
        sendOptions().options,
      );
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 1,
        result: { resultType: 'complete', ok: true },
      });
    });

    it('closes a stream the server leaves open after the final response (#111)', async () => {
      const target = await serve((received, res) => {
        openSse(res);
        writeEvent(res, result(received));
      });
      await transportFor(target).send(request(1, 'tools/list'), sendOptions().options);
      await expect(target.requests[0]?.aborted).resolves.toBeUndefined();
    });

    it('resolves with a JSON-RPC error sent with HTTP 200', async () => {
      const target = await serve((received, res) =>
        sendJson(res, failure(received, { code: -32602, message: 'Unknown tool: x' })),
      );
      const response = await transportFor(target).send(
        request(1, 'tools/call', { name: 'x', arguments: {} }),
        sendOptions().options,
      );
      expect(response).toEqual({
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32602, message: 'Unknown tool: x' },
      });
    });

    it('lets a failing notification listener cost nothing', async () => {
      const target = await serve((received, res) => {
        openSse(res);
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/message',
          params: { level: 'info', data: 'x' },
        });
        writeEvent(res, result(received));
        res.end();
      });
      const response = await transportFor(target).send(request(1, 'tools/list'), {
        signal: new AbortController().signal,
        onNotification: () => {
          throw new Error('listener failed');
        },
      });
      expect(response).toMatchObject({ id: 1, result: {} });
    });
  });

  describe('HTTP errors', () => {
    it('resolves a non-2xx response with the JSON-RPC error of the request (404 + -32601, 400 + -32022, 400 + -32020)', async () => {
      const target = await serve((received, res) => {
        const method = received.body.method;
        if (method === 'prompts/list')
          sendJson(
            res,
            failure(received, { code: -32601, message: 'Method not found: prompts/list' }),
            404,
          );
        else if (method === 'tools/list')
          sendJson(
            res,
            failure(received, {
              code: -32022,
              message: 'Unsupported',
              data: { supported: [VERSION], requested: '2099-01-01' },
            }),
            400,
          );
        else
          sendJson(
            res,
            failure(received, { code: -32020, message: 'Mcp-Param-Region header is missing' }),
            400,
          );
      });
      const transport = transportFor(target);
      await expect(
        transport.send(request(1, 'prompts/list'), sendOptions().options),
      ).resolves.toEqual({
        jsonrpc: '2.0',
        id: 1,
        error: { code: -32601, message: 'Method not found: prompts/list' },
      });
      await expect(
        transport.send(request(2, 'tools/list'), sendOptions().options),
      ).resolves.toMatchObject({
        id: 2,
        error: { code: -32022, data: { supported: [VERSION] } },
      });
      await expect(
        transport.send(
          request(3, 'tools/call', { name: 't', arguments: {} }),
          sendOptions().options,
        ),
      ).resolves.toMatchObject({
        id: 3,
        error: { code: -32020 },
      });
    });

    it('rejects a non-2xx response without a JSON-RPC body with HttpError carrying status and body (#139)', async () => {
      const target = await serve((_received, res) => {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end('Bad Request: no session');
      });
      const error = await rejectionOf(
        transportFor(target).send(request(1, 'server/discover'), sendOptions().options),
      );
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({
        name: 'HttpError',
        status: 400,
        body: 'Bad Request: no session',
        error: undefined,
        code: 'HTTP_ERROR',
      });
      expect((error as HttpError).message).toContain('HTTP 400');
    });

    it('rejects a 405 with an empty body with HttpError', async () => {
      const target = await serve((_received, res) => {
        res.writeHead(405, { Allow: 'GET' });
        res.end();
      });
      const error = await rejectionOf(
        transportFor(target).send(request(1, 'server/discover'), sendOptions().options),
      );
      expect(error).toMatchObject({ status: 405, body: '' });
      expect((error as HttpError).headers.get('allow')).toBe('GET');
    });

    it('rejects a non-2xx id-less JSON-RPC error with HttpError carrying that error', async () => {
      const target = await serve((_received, res) =>
        sendJson(
          res,
          {
            jsonrpc: '2.0',
            id: null,
            error: { code: -32000, message: 'Bad Request: Server not initialized' },
          },
          400,
        ),
      );
      const error = await rejectionOf(
        transportFor(target).send(request(1, 'server/discover'), sendOptions().options),
      );
      expect(error).toMatchObject({
        status: 400,
        error: { code: -32000, message: 'Bad Request: Server not initialized' },
      });
    });

    it.each([
      {
        name: 'a 200 with an unexpected Content-Type',
        status: 200,
        contentType: 'text/html',
        body: '<html></html>',
      },
      { name: 'a 202 without a body for a request', status: 202, contentType: undefined, body: '' },
      {
        name: 'a 200 JSON body answering another id',
        status: 200,
        contentType: 'application/json',
        body: '{"jsonrpc":"2.0","id":99,"result":{}}',
      },
      {
        name: 'a 200 JSON body that is not JSON-RPC',
        status: 200,
        contentType: 'application/json',
        body: '{"hello":"world"}',
      },
    ])('rejects $name with HttpError', async ({ status, contentType, body }) => {
      const target = await serve((_received, res) => {
        res.writeHead(status, contentType === undefined ? {} : { 'Content-Type': contentType });
        res.end(body);
      });
      const error = await rejectionOf(
        transportFor(target).send(request(1, 'tools/list'), sendOptions().options),
      );
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status });
    });
  });

  describe('cancellation', () => {
    it('closes the connection when the signal aborts mid-stream, which cancels the request on the server (#84, #86, #114)', async () => {
      const target = await serve((_received, res) => {
        openSse(res);
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 'p', progress: 1 },
        });
      });
      const controller = new AbortController();
      const { notifications, options } = sendOptions({ signal: controller.signal });
      const pending = transportFor(target).send(request(1, 'tools/call', { name: 'slow', arguments: {} }), options);
      await expect.poll(() => notifications.length).toBe(1);
      controller.abort(new Error('user cancelled'));
      await expect(pending).rejects.toThrow('user cancelled');
      await expect(target.requests[0]?.aborted).resolves.toBeUndefined();
      await delay(50);
      expect(target.requests).toHaveLength(1);
    });

    it('closes the connection when the signal aborts while the server has not answered yet', async () => {
      const target = await serve(() => undefined);
      const controller = new AbortController();
      const pending = transportFor(target).send(
        request(1, 'tools/call', { name: 'hang', arguments: {} }),
        sendOptions({ signal: controller.signal }).options,
      );
      await expect.poll(() => target.requests.length).toBe(1);
      controller.abort();
      const error = await rejectionOf(pending);
      expect((error as Error).name).toBe('AbortError');
      await expect(target.requests[0]?.aborted).resolves.toBeUndefined();
    });

    it('adds no timeout of its own to a long-lived stream', async () => {
      const target = await serve(async (received, res) => {
        openSse(res);
        for (let tick = 0; tick < 5; tick++) {
          res.write(': keep-alive\n\n');
          await delay(40);
        }
        writeEvent(res, result(received));
        res.end();
      });
      await expect(
        transportFor(target).send(request(1, 'subscriptions/listen'), sendOptions().options),
      ).resolves.toMatchObject({ id: 1 });
    });
  });

  describe('broken streams', () => {
    const breakThenAnswer =
      (breaks: number, breakWith: 'eof' | 'reset'): Script =>
      (received, res, index) => {
        if (index >= breaks) {
          sendJson(res, result(received, { attempt: index + 1 }));
          return;
        }
        openSse(res);
        writeEvent(res, {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 'p', progress: index },
        });
        if (breakWith === 'eof') res.end();
        else setTimeout(() => res.destroy(), 10);
      };

    it.each(['eof', 'reset'] as const)(
      'rejects with StreamInterruptedError when the SSE stream broke (%s) before the response (#142)',
      async (breakWith) => {
        const target = await serve(breakThenAnswer(1, breakWith));
        const error = await rejectionOf(
          transportFor(target).send(request(1, 'tools/call', { name: 't', arguments: {} }), sendOptions().options),
        );
        expect(error).toBeInstanceOf(StreamInterruptedError);
        expect(error).toMatchObject({ code: 'STREAM_INTERRUPTED', method: 'tools/call' });
        expect(target.requests).toHaveLength(1);
      },
    );

    it('rejects with StreamInterruptedError when a JSON body was cut off', async () => {
      const target = await serve((_received, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"jsonrpc":"2.0","id":');
        setTimeout(() => res.destroy(), 10);
      });
      const error = await rejectionOf(transportFor(target).send(request(1, 'tools/list'), sendOptions().options));
      expect(error).toMatchObject({ name: 'StreamInterruptedError', code: 'STREAM_INTERRUPTED' });
    });

    it('treats a refused connection as a lost request', async () => {
      const target = await serve(answerJson);
      const url = target.url;
      await target.close();
      server = undefined;
      const error = await rejectionOf(new StreamableHttpTransport({ url }).send(request(1, 'tools/list'), sendOptions().options));
      expect(error).toMatchObject({ name: 'StreamInterruptedError' });
      expect((error as Error).cause).toBeInstanceOf(TypeError);
    });

    it('is re-issued by McpClient as a new request with a new id and the same body (#142, #67)', async () => {
      const target = await serve(breakThenAnswer(1, 'eof'));
      const client = new McpClient({ name: 'c', version: '1' }, { transport: transportFor(target) });
      // A tools/call is re-issued only when it is safe to repeat: here the call opts in.
      const step = await client.startConversation('tools/call', { name: 't', arguments: { q: 1 } }, { reissue: true });
      expect(step).toMatchObject({ status: 'complete', result: { attempt: 2 } });
      const [first, second] = target.requests;
      expect(second?.body.id).not.toBe(first?.body.id);
      expect({ ...second?.body, id: first?.body.id }).toEqual(first?.body);
      expect(second?.headers['mcp-name']).toBe('t');
    });

    it('gives up after the client\'s maxReissues and says how many times the stream broke', async () => {
      const target = await serve(breakThenAnswer(Infinity, 'eof'));
      const client = new McpClient({ name: 'c', version: '1' }, { transport: transportFor(target), maxReissues: 2 });
      const error = await rejectionOf(client.listTools());
      expect(error).toMatchObject({ code: 'STREAM_INTERRUPTED', data: { attempts: 3 } });
      expect((error as Error).message).toContain('3 times');
      expect(new Set(target.requests.map((received) => received.body.id)).size).toBe(3);
    });
  });

  describe('notify', () => {
    it('POSTs a notification and resolves on 202', async () => {
      const target = await serve((_received, res) => {
        res.writeHead(202);
        res.end();
      });
      await transportFor(target).notify({
        jsonrpc: '2.0',
        method: 'notifications/initialized',
        params: { _meta: META },
      });
      expect(target.requests[0]?.body).toEqual({
        jsonrpc: '2.0',
        method: 'notifications/initialized',
        params: { _meta: META },
      });
      expect(target.requests[0]?.headers['mcp-method']).toBe('notifications/initialized');
      expect(target.requests[0]?.headers['mcp-protocol-version']).toBe(VERSION);
    });

    it('rejects a refused notification with HttpError carrying the id-less JSON-RPC error', async () => {
      const target = await serve((_received, res) =>
        sendJson(res, { jsonrpc: '2.0', error: { code: -32600, message: 'not accepted' } }, 400),
      );
      const error = await rejectionOf(
        transportFor(target).notify({ jsonrpc: '2.0', method: 'notifications/x' }),
      );
      expect(error).toMatchObject({
        name: 'HttpError',
        status: 400,
        error: { code: -32600, message: 'not accepted' },
      });
    });
  });

  describe('authorizationKey', () => {
    const digest = (value: string): string =>
      createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);

    it('is a SHA-256 digest of a fixed Authorization header', async () => {
      const transport = new StreamableHttpTransport({
        url: 'http://127.0.0.1:1/mcp',
        headers: { Authorization: 'Bearer sécret' },
      });
      expect(await transport.resolveAuthorizationKey()).toBe(digest('Bearer sécret'));
      expect(transport.authorizationKey).toHaveLength(32);
    });

    it('is undefined without an Authorization header', async () => {
      expect(
        await new StreamableHttpTransport({ url: 'http://127.0.0.1:1/mcp', headers: { 'X-Other': '1' } })
          .resolveAuthorizationKey(),
      ).toBeUndefined();
      expect(
        await new StreamableHttpTransport({ url: 'http://127.0.0.1:1/mcp' }).resolveAuthorizationKey(),
      ).toBeUndefined();
    });

    it('resolves the identity the next request will carry, before any request is sent', async () => {
      let token = 'one';
      const transport = new StreamableHttpTransport({
        url: 'http://127.0.0.1:1/mcp',
        headers: () => ({ Authorization: `Bearer ${token}` }),
      });
      expect(await transport.resolveAuthorizationKey()).toBe(digest('Bearer one'));
      token = 'two';
      expect(await transport.resolveAuthorizationKey()).toBe(digest('Bearer two'));
    });

    it('follows the Authorization header a headers function returned last', async () => {
      const target = await serve(answerJson);
      let token = 'one';
      const transport = transportFor(target, {
        headers: () => ({ Authorization: `Bearer ${token}` }),
      });
      expect(transport.authorizationKey).toBeUndefined();
      await transport.send(request(1, 'tools/list'), sendOptions().options);
      expect(transport.authorizationKey).toBe(digest('Bearer one'));
      token = 'two';
      await transport.send(request(2, 'tools/list'), sendOptions().options);
      expect(transport.authorizationKey).toBe(digest('Bearer two'));
    });

    it('prefers an explicit key or key function', () => {
      expect(
        new StreamableHttpTransport({
          url: 'http://x/mcp',
          authorizationKey: 'user-7',
          headers: { Authorization: 'Bearer t' },
        }).authorizationKey,
      ).toBe('user-7');
      let user = 'a';
      const transport = new StreamableHttpTransport({
        url: 'http://x/mcp',
        authorizationKey: () => user,
      });
      expect(transport.authorizationKey).toBe('a');
      user = 'b';
      expect(transport.authorizationKey).toBe('b');
    });
  });

  it('fails with the caller\'s error when the headers function fails, and sends nothing', async () => {
    const target = await serve(answerJson);
    const transport = transportFor(target, {
      headers: () => Promise.reject(new Error('token refresh failed')),
    });
    await expect(
      transport.send(request(1, 'tools/list'), sendOptions().options),
    ).rejects.toThrow('token refresh failed');
    expect(target.requests).toHaveLength(0);
  });

  it('mirrors tool headers, so the client core checks x-mcp-header annotations', () => {
    expect(new StreamableHttpTransport({ url: 'http://x/mcp' }).mirrorsToolHeaders).toBe(true);
  });
});
