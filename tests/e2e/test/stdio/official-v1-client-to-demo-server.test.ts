// The official SDK 1.x client (@modelcontextprotocol/sdk 1.32.2: its StdioClientTransport and
// Client, a 2025-11-25 session) against the Tern travel desk's stdio program
// (apps/demo-server/src/stdio.ts), spawned by the official transport over real pipes as a desktop
// host would: list the tools, call one with progress, and a booking whose two questions reach the
// official client as real elicitation/create requests from the same handler that asks 2026-07-28
// clients in MRTR rounds.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DEMO_DIR = fileURLToPath(new URL('../../../../apps/demo-server', import.meta.url));

describe('official SDK 1.32.2 stdio client → Tern travel desk over stdio', () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  const asked: string[] = [];

  beforeAll(async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--conditions=@tern/source', '--import', 'tsx', 'src/stdio.ts'],
      cwd: DEMO_DIR,
      env: { TERN_STATE_KEYS: `e2e-stdio:${Buffer.alloc(32, 9).toString('base64')}` },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client(
      { name: 'official-v1-host', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      const { message } = request.params;
      asked.push(message);
      const schema = 'requestedSchema' in request.params ? request.params.requestedSchema : {};
      const fields = Object.keys((schema as { properties?: object }).properties ?? {});
      return fields.includes('checkIn')
        ? {
            action: 'accept',
            content: {
              checkIn: '2026-09-18',
              nights: 3,
              travellers: 2,
              room: 'superior',
              email: 'ada@example.com',
            },
          }
        : { action: 'accept', content: { confirm: true, payment: 'card' } };
    });
    await client.connect(transport);
  }, 15_000);

  afterAll(async () => {
    await client.close();
  });

  it('opens a 2025-11-25 session and lists the travel desk tools', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'tern-travel-desk', version: '1.0.0' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['search_flights', 'book_trip']),
    );
    const search = tools.find((tool) => tool.name === 'search_flights');
    expect(search?.inputSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['from', 'to', 'date']) as unknown,
    });
  });

  it('calls search_flights with progress over the pipe', async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'search_flights', arguments: { from: 'lisbon', to: 'porto', date: '2026-09-18' } },
      undefined,
      { onprogress: (update) => progress.push(update.progress), timeout: 10_000 },
    );
    expect(result.isError ?? false).toBe(false);
    expect(result.structuredContent).toMatchObject({ offers: expect.any(Array) as unknown });
    expect(progress.length).toBeGreaterThan(0);
  }, 10_000);

  it('books a trip: both questions arrive as elicitation/create requests', async () => {
    const result = await client.callTool({ name: 'book_trip', arguments: { city: 'lisbon' } });
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain('Lisbon');
    const [first] = result.content as { type: string; text: string }[];
    expect(first?.text).toMatch(/^Booked TRP-/);
    // Nothing failed on the server's side (its diagnostics go to stderr).
    expect(stderr).not.toMatch(/failed/);
  }, 10_000);
});
