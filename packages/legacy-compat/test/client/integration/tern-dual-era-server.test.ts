// DualEraTransport against Tern's own dual-era server (McpServer + this package's legacy layer):
// detection finds it modern (a dual-era server stays modern for a dual-era client, legacy.md
// §5.4), and a transport pinned to the legacy era exercises the layer's sessions end to end.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient, McpServer } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createLegacyLayer, DualEraTransport, InMemoryEraStore } from '../../../src/index.js';
import type { LegacyLayer, ServerEra } from '../../../src/index.js';

const KEY = { id: 'test-key', secret: new Uint8Array(32).fill(9) };

let http: Server | undefined;
let layer: LegacyLayer | undefined;
const transports: DualEraTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  layer?.close();
  layer = undefined;
  const current = http;
  http = undefined;
  if (current === undefined) return;
  current.closeAllConnections();
  await new Promise<void>((resolve) => current.close(() => resolve()));
});

async function startDualEraServer(): Promise<string> {
  const server = new McpServer(
    { name: 'tern-dual-era', version: '1.0.0' },
    { requestState: { keys: [KEY] }, logger: { warn: () => undefined } },
  );
  server.registerTool('confirm', {}, async (_args, ctx) => {
    const answer = await ctx.elicit<{ ok: boolean }>('Deploy now?', {
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
    });
    return `action=${answer.action} ok=${answer.action === 'accept' ? String(answer.content.ok) : '-'}`;
  });
  layer = createLegacyLayer(server);
  http = createServer(createNodeHandler(server, { fallback: layer }));
  const listening = http;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as AddressInfo;
  return `http://127.0.0.1:${port}/mcp`;
}

function clientFor(
  url: string,
  era: 'auto' | ServerEra,
): { client: McpClient; transport: DualEraTransport } {
  const transport = new DualEraTransport({
    url,
    modern: (init) => new StreamableHttpTransport(init),
    eraStore: new InMemoryEraStore(),
    era,
  });
  transports.push(transport);
  const client = new McpClient(
    { name: 'dual-era-test', version: '1.0.0' },
    { transport, handlers: { elicitForm: () => ({ action: 'accept', content: { ok: true } }) } },
  );
  return { client, transport };
}

describe("DualEraTransport against Tern's dual-era server", () => {
  it.each(['auto', 'legacy'] as const)(
    'completes an elicitation tool call (era %s)',
    async (era) => {
      const url = await startDualEraServer();
      const { client, transport } = clientFor(url, era);
      const result = await client.callTool('confirm');
      expect(result.content).toEqual([{ type: 'text', text: 'action=accept ok=true' }]);
      expect(transport.era).toBe(era === 'auto' ? 'modern' : 'legacy');
      if (era === 'legacy') expect(transport.legacyProtocolVersion).toBe('2025-11-25');
    },
  );
});
