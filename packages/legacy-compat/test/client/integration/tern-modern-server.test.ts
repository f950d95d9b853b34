// McpClient + DualEraTransport against a modern Tern server (McpServer behind @tern/server-http's
// node:http adapter): the transport detects the modern era and stays there, and the same input
// handler that answers a 1.x server's elicitation/create answers the modern MRTR round.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient, McpServer } from '@tern/core-protocol';
import type { InputHandlers } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { afterEach, describe, expect, it } from 'vitest';
import { DualEraTransport, InMemoryEraStore } from '../../../src/index.js';
import type { EraStore } from '../../../src/index.js';
import { startSdkV1Server } from '../helpers/sdk-v1-server.js';
import type { SdkV1Server } from '../helpers/sdk-v1-server.js';

const KEY = { id: 'test-key', secret: new Uint8Array(32).fill(7) };

let http: Server | undefined;
let legacy: SdkV1Server | undefined;

afterEach(async () => {
  await legacy?.close();
  legacy = undefined;
  const current = http;
  http = undefined;
  if (current === undefined) return;
  current.closeAllConnections();
  await new Promise<void>((resolve) => current.close(() => resolve()));
});

/** A modern Tern server with a tool that elicits (MRTR) and a resource; counts the POSTs it gets. */
async function startTernServer(): Promise<{ url: string; methods: string[] }> {
  const server = new McpServer(
    { name: 'tern-modern', version: '1.0.0' },
    { requestState: { keys: [KEY] }, logger: { warn: () => undefined } },
  );
  server.registerTool('confirm', {}, async (_args, ctx) => {
    const answer = await ctx.elicit<{ ok: boolean }>('Deploy now?', {
      type: 'object',
      properties: { ok: { type: 'boolean', title: 'OK?' } },
      required: ['ok'],
    });
    return `action=${answer.action} ok=${answer.action === 'accept' ? String(answer.content.ok) : '-'}`;
  });
  server.registerResource(
    { uri: 'test://readme', name: 'readme', mimeType: 'text/plain' },
    (uri) => ({
      contents: [{ uri, mimeType: 'text/plain', text: 'Hello from Tern' }],
    }),
  );
  const handler = createNodeHandler(server);
  const methods: string[] = [];
  http = createServer((req, res) => {
    methods.push(`${req.method ?? ''} ${String(req.headers['mcp-method'] ?? '')}`);
    handler(req, res);
  });
  const listening = http;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/mcp`, methods };
}

/** One set of handlers for both eras. */
const handlers: InputHandlers = {
  elicitForm: (params) => ({ action: 'accept', content: { ok: params.message === 'Deploy now?' } }),
};

function clientFor(
  url: string,
  eraStore: EraStore,
): { client: McpClient; transport: DualEraTransport } {
  const transport = new DualEraTransport({
    url,
    modern: (init) => new StreamableHttpTransport(init),
    eraStore,
  });
  return {
    client: new McpClient({ name: 'dual-era-test', version: '1.0.0' }, { transport, handlers }),
    transport,
  };
}

describe('DualEraTransport against a modern Tern server', () => {
  it('detects the modern era, stays modern, and caches it for the next client', async () => {
    const target = await startTernServer();
    const eraStore = new InMemoryEraStore();
    const { client, transport } = clientFor(target.url, eraStore);
    const tools = await client.listAllTools();
    expect(tools.map((tool) => tool.name)).toEqual(['confirm']);
    expect(transport.era).toBe('modern');
    expect(transport.mirrorsToolHeaders).toBe(true);
    const read = await client.readResource('test://readme');
    expect(read.contents).toEqual([
      { uri: 'test://readme', mimeType: 'text/plain', text: 'Hello from Tern' },
    ]);
    // No initialize, no session, no standalone GET: only the probe and modern POSTs.
    expect(target.methods).toEqual([
      'POST server/discover',
      'POST tools/list',
      'POST resources/read',
    ]);
    await clientFor(target.url, eraStore).client.listTools();
    expect(target.methods.filter((method) => method === 'POST server/discover')).toHaveLength(1);
  });

  it('answers a modern MRTR elicitation and a legacy elicitation/create with the same handler', async () => {
    const modern = await startTernServer();
    legacy = await startSdkV1Server();
    const eraStore = new InMemoryEraStore();
    const viaModern = clientFor(modern.url, eraStore);
    const viaLegacy = clientFor(legacy.url, eraStore);
    const [modernResult, legacyResult] = await Promise.all([
      viaModern.client.callTool('confirm'),
      viaLegacy.client.callTool('confirm'),
    ]);
    expect(modernResult.content).toEqual([{ type: 'text', text: 'action=accept ok=true' }]);
    expect(legacyResult.content).toEqual([{ type: 'text', text: 'action=accept ok=true' }]);
    expect([viaModern.transport.era, viaLegacy.transport.era]).toEqual(['modern', 'legacy']);
    await viaLegacy.transport.close();
  });

  it('returns the modern answer of a first server/discover without a second request', async () => {
    const target = await startTernServer();
    const { client } = clientFor(target.url, new InMemoryEraStore());
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain('2026-07-28');
    expect(target.methods).toEqual(['POST server/discover']);
  });
});
