// The travel desk over stdio (src/stdio.ts), spawned as a desktop host would, driven by Tern's
// McpClient on a StdioClientTransport: a 2026-07-28 booking in MRTR rounds, and a 2025-era
// session on the same program.
import { fileURLToPath } from 'node:url';
import { McpClient } from '@tern/core-protocol';
import { StdioClientTransport } from '@tern/stdio';
import { describe, expect, it } from 'vitest';
import { HOME_PAGE_TOOLS } from '../../src/http/home-page.js';

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
const TRIP = {
  checkIn: '2026-09-18',
  nights: 3,
  travellers: 2,
  room: 'superior',
  extras: ['breakfast'],
  email: 'ada@example.com',
};

function spawnDesk(era: 'auto' | 'legacy'): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: ['--conditions=@tern/source', '--import', 'tsx', 'src/stdio.ts'],
    cwd: APP_DIR,
    env: { TERN_STATE_KEYS: `stdio-test:${Buffer.alloc(32, 4).toString('base64')}` },
    stderr: 'ignore',
    era,
  });
}

describe('the travel desk over stdio', () => {
  it('books a trip in two rounds with a 2026-07-28 client', async () => {
    const transport = spawnDesk('auto');
    const client = new McpClient(
      { name: 'desktop-host', version: '1.0.0' },
      {
        transport,
        handlers: {
          elicitForm: (_params, info) =>
            info.key === 'trip-details'
              ? { action: 'accept', content: TRIP }
              : { action: 'accept', content: { confirm: true } },
        },
      },
    );
    try {
      const tools = await client.listAllTools();
      expect(tools.map((tool) => tool.name)).toEqual(HOME_PAGE_TOOLS.map(([name]) => name));
      expect(transport.era).toBe('modern');
      const result = await client.callTool('book_trip', { city: 'lisbon' });
      expect(result.structuredContent).toMatchObject({
        bookingId: expect.stringMatching(/^TRP-1001-[0-9A-F]{10}$/) as unknown,
        city: 'lisbon',
        priceEur: 554,
      });
    } finally {
      await transport.close();
    }
  }, 30_000);

  it('serves a 2025-era session from the same program', async () => {
    const transport = spawnDesk('legacy');
    const client = new McpClient({ name: 'old-host', version: '1.0.0' }, { transport });
    try {
      const progress: number[] = [];
      const tools = await client.listAllTools();
      expect(tools.map((tool) => tool.name)).toContain('search_flights');
      const result = await client.callTool(
        'search_flights',
        { from: 'lisbon', to: 'porto', date: '2026-09-18' },
        { onProgress: (update) => progress.push(update.progress) },
      );
      expect(result.isError ?? false).toBe(false);
      expect(progress.length).toBeGreaterThan(0);
    } finally {
      await transport.close();
    }
  }, 30_000);
});
