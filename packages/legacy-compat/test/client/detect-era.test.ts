// Era detection (spec digest streamable-http.md §10, legacy.md §5.2): the answer to the modern
// server/discover probe, classified; then the same rules end to end over node:http.
import { StreamableHttpTransport } from '@tern/client-http';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyProbeAnswer } from '../../src/client/detect-era.js';
import { DualEraTransport, InMemoryEraStore } from '../../src/index.js';
import { legacyScript, sendJson, sendRaw, startScriptedServer } from './helpers/scripted-server.js';
import type { Received, ScriptedServer } from './helpers/scripted-server.js';

const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'probe-test', version: '1.0.0' },
};
const LIST = { jsonrpc: '2.0' as const, id: 7, method: 'tools/list', params: { _meta: META } };

function error(code: number, id: unknown = 'tern-era-probe'): unknown {
  return {
    jsonrpc: '2.0',
    id,
    error: { code, message: 'refused', data: { supported: ['2026-07-28'], requested: 'x' } },
  };
}

describe('classifyProbeAnswer', () => {
  const discover = {
    jsonrpc: '2.0' as const,
    id: 1,
    result: { supportedVersions: ['2026-07-28'], capabilities: {} },
  };
  const failure = (code: number) => ({
    jsonrpc: '2.0' as const,
    id: 1,
    error: { code, message: 'x' },
  });
  it.each([
    { name: 'a DiscoverResult', status: 200, message: discover, era: 'modern' },
    { name: '400 + -32022', status: 400, message: failure(-32022), era: 'modern' },
    { name: '400 + -32020', status: 400, message: failure(-32020), era: 'modern' },
    { name: '400 + -32021', status: 400, message: failure(-32021), era: 'modern' },
    { name: '404 + -32601', status: 404, message: failure(-32601), era: 'modern' },
    { name: '400 without a body', status: 400, message: undefined, era: 'legacy' },
    {
      name: '400 + a legacy -32000 "not initialized"',
      status: 400,
      message: failure(-32000),
      era: 'legacy',
    },
    { name: '404 without a body', status: 404, message: undefined, era: 'legacy' },
    { name: '405', status: 405, message: undefined, era: 'legacy' },
    {
      name: '200 + -32601 (a legacy server without initialize enforcement)',
      status: 200,
      message: failure(-32601),
      era: 'legacy',
    },
    {
      name: '200 + an empty result',
      status: 200,
      message: { jsonrpc: '2.0' as const, id: 1, result: {} },
      era: 'legacy',
    },
    {
      name: '200 + a result that lists only 2025 versions',
      status: 200,
      message: { jsonrpc: '2.0' as const, id: 1, result: { supportedVersions: ['2025-11-25'] } },
      era: 'legacy',
    },
    {
      name: '200 + supportedVersions that is not a list',
      status: 200,
      message: { jsonrpc: '2.0' as const, id: 1, result: { supportedVersions: '2026-07-28' } },
      era: 'legacy',
    },
    { name: '401', status: 401, message: undefined, era: undefined },
    { name: '500', status: 500, message: failure(-32603), era: undefined },
  ] as const)('$name: $era', ({ status, message, era }) => {
    expect(classifyProbeAnswer(status, message)).toBe(era);
  });
});

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that is modern for modern requests and legacy-ish for the probe, as `probe` says. */
function serverWith(probe: (request: Received, res: ServerResponse) => void) {
  return (request: Received, res: ServerResponse) => {
    if (request.httpMethod === 'GET') return sendRaw(res, 405);
    if (request.body?.method === 'server/discover') return probe(request, res);
    if (request.body?.method === 'initialize')
      return sendJson(res, initializeOk(request.body.id), { headers: { 'Mcp-Session-Id': 's' } });
    if (request.body?.id === undefined) return sendRaw(res, 202);
    return sendJson(res, {
      jsonrpc: '2.0',
      id: request.body.id,
      result: { tools: [], ttlMs: 0, cacheScope: 'private' },
    });
  };
}

function initializeOk(id: unknown): unknown {
  return {
    jsonrpc: '2.0',
    id,
    result: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      serverInfo: { name: 's', version: '1' },
    },
  };
}

function transportFor(target: ScriptedServer, store = new InMemoryEraStore()): DualEraTransport {
  return new DualEraTransport({
    url: target.url,
    modern: (init) => new StreamableHttpTransport(init),
    eraStore: store,
  });
}

const send = (transport: DualEraTransport) =>
  transport.send(LIST, { signal: AbortSignal.timeout(5000) });

describe('DualEraTransport era detection over HTTP', () => {
  it.each([
    [
      '400 with -32022 in the body',
      'modern',
      (_: Received, res: ServerResponse) => sendJson(res, error(-32022), { status: 400 }),
    ],
    [
      '404 with -32601 in the body',
      'modern',
      (_: Received, res: ServerResponse) => sendJson(res, error(-32601), { status: 404 }),
    ],
    [
      'a DiscoverResult',
      'modern',
      (request: Received, res: ServerResponse) =>
        sendJson(res, {
          jsonrpc: '2.0',
          id: request.body.id,
          result: {
            resultType: 'complete',
            supportedVersions: ['2026-07-28'],
            capabilities: {},
            ttlMs: 0,
            cacheScope: 'public',
          },
        }),
    ],
    ['400 with an empty body', 'legacy', (_: Received, res: ServerResponse) => sendRaw(res, 400)],
    [
      '400 with an HTML page',
      'legacy',
      (_: Received, res: ServerResponse) => sendRaw(res, 400, { text: '<html>Bad Request</html>' }),
    ],
    ['405', 'legacy', (_: Received, res: ServerResponse) => sendRaw(res, 405)],
    [
      '404 with a legacy session error',
      'legacy',
      (_: Received, res: ServerResponse) => sendJson(res, error(-32001, null), { status: 404 }),
    ],
  ] as const)('%s means %s', async (_name, era, probe) => {
    server = await startScriptedServer(serverWith(probe));
    const transport = transportFor(server);
    const response = await send(transport);
    expect(response).toMatchObject({ id: 7, result: { tools: [] } });
    expect(transport.era).toBe(era);
    expect(server.posts('initialize')).toHaveLength(era === 'legacy' ? 1 : 0);
    // The probe is a complete modern request: version header and _meta.
    const [probeRequest] = server.posts('server/discover');
    expect(probeRequest?.headers['mcp-method']).toBe('server/discover');
    expect(probeRequest?.body.params._meta).toEqual(META);
  });

  it('learns nothing from a 401: the request fails through the modern transport and the era stays unknown', async () => {
    server = await startScriptedServer((_, res) =>
      sendRaw(res, 401, { text: 'no', contentType: 'text/plain' }),
    );
    const store = new InMemoryEraStore();
    const transport = transportFor(server, store);
    await expect(send(transport)).rejects.toMatchObject({ name: 'HttpError', status: 401 });
    expect(transport.era).toBeUndefined();
    expect(store.get(server.url)).toBeUndefined();
  });

  it('uses a server/discover request as its own probe and returns the modern answer', async () => {
    server = await startScriptedServer(
      serverWith((request, res) => sendJson(res, error(-32022, request.body.id), { status: 400 })),
    );
    const transport = transportFor(server);
    const discover = {
      jsonrpc: '2.0' as const,
      id: 3,
      method: 'server/discover',
      params: { _meta: META },
    };
    const response = await transport.send(discover, { signal: AbortSignal.timeout(5000) });
    expect(response).toMatchObject({ id: 3, error: { code: -32022 } });
    expect(server.received).toHaveLength(1);
  });

  it('probes once for concurrent first requests', async () => {
    server = await startScriptedServer(serverWith((_, res) => sendRaw(res, 400)));
    const transport = transportFor(server);
    await Promise.all([send(transport), send(transport), send(transport)]);
    expect(server.posts('server/discover')).toHaveLength(1);
    expect(server.posts('initialize')).toHaveLength(1);
  });

  it('counts a server that never answers the probe as legacy', async () => {
    server = await startScriptedServer(serverWith(() => undefined));
    const transport = new DualEraTransport({
      url: server.url,
      modern: (init) => new StreamableHttpTransport(init),
      eraStore: new InMemoryEraStore(),
      probeTimeoutMs: 200,
    });
    await send(transport);
    expect(transport.era).toBe('legacy');
  });

  it('skips the probe when the era is configured', async () => {
    server = await startScriptedServer(serverWith((_, res) => sendRaw(res, 500)));
    const transport = new DualEraTransport({
      url: server.url,
      modern: (init) => new StreamableHttpTransport(init),
      era: 'legacy',
    });
    await send(transport);
    expect(server.posts('server/discover')).toHaveLength(0);
    expect(server.posts('initialize')).toHaveLength(1);
  });

  it('probes again when a cached modern era is refused like a legacy server, and goes legacy', async () => {
    server = await startScriptedServer(
      legacyScript((request, res) => {
        // A legacy server refuses the modern (session-less) request with a bare 400.
        if (request.headers['mcp-session-id'] === undefined) return sendRaw(res, 400);
        return sendJson(res, { jsonrpc: '2.0', id: request.body.id, result: { tools: [] } });
      }),
    );
    const store = new InMemoryEraStore();
    store.set(server.url, 'modern');
    const transport = transportFor(server, store);
    expect(await send(transport)).toMatchObject({
      id: 7,
      result: { tools: [], resultType: 'complete' },
    });
    expect(transport.era).toBe('legacy');
    expect(store.get(server.url)).toBe('legacy');
  });

  it('probes again when the initialize of a cached legacy era is refused, and goes modern', async () => {
    server = await startScriptedServer((request, res) => {
      if (request.body?.method === 'initialize') {
        // A modern-only server names its versions in the error to initialize (legacy.md §5.1).
        return sendJson(
          res,
          {
            jsonrpc: '2.0',
            id: request.body.id,
            error: {
              code: -32022,
              message: 'modern only',
              data: { supported: ['2026-07-28'], requested: '2025-11-25' },
            },
          },
          { status: 400 },
        );
      }
      return serverWith((probe, response) =>
        sendJson(response, error(-32022, probe.body.id), { status: 400 }),
      )(request, res);
    });
    const store = new InMemoryEraStore();
    store.set(server.url, 'legacy');
    const transport = transportFor(server, store);
    expect(await send(transport)).toMatchObject({ id: 7, result: { tools: [] } });
    expect(transport.era).toBe('modern');
  });
});
