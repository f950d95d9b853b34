// Tern's McpClient on a StdioClientTransport against stdio servers of both eras, over real
// pipes: a Tern server (serveStdio), the official SDK 1.32.2 server (2025-11-25 only) and the
// official 2.4.0 server on its dual-era serveStdio. The same client code and input handlers run
// every flow; only the era the probe found differs (requirements.md #266, spec/legacy.md §5.3).
import { McpClient } from '@tern/core-protocol';
import type { InputHandlers, SubscriptionEvent } from '@tern/core-protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StdioClientTransport } from '../../src/index.js';
import { fixtureCommand, StderrLog } from '../helpers/spawn-fixture.js';

const SERVERS = [
  {
    server: 'Tern serveStdio',
    fixture: 'tern-server',
    era: 'auto',
    expected: 'modern',
    name: 'tern-stdio-fixture',
  },
  {
    server: 'Tern serveStdio, forced legacy',
    fixture: 'tern-server',
    era: 'legacy',
    expected: 'legacy',
    name: 'tern-stdio-fixture',
  },
  {
    server: 'official SDK 1.32.2',
    fixture: 'official-v1-server',
    era: 'auto',
    expected: 'legacy',
    name: 'official-v1',
  },
  {
    server: 'official server 2.4.0',
    fixture: 'official-v2-server',
    era: 'auto',
    expected: 'modern',
    name: 'official-v2',
  },
  {
    server: 'official server 2.4.0, forced legacy',
    fixture: 'official-v2-server',
    era: 'legacy',
    expected: 'legacy',
    name: 'official-v2',
  },
] as const;

describe.each(SERVERS)(
  'Tern StdioClientTransport → $server',
  ({ fixture, era, expected, name }) => {
    let transport: StdioClientTransport;
    let client: McpClient;
    let stderr: StderrLog;
    const warnings: string[] = [];
    const asked: string[] = [];

    const handlers: InputHandlers = {
      elicitForm: ({ message }) => {
        asked.push(message);
        return message.startsWith('How many nights')
          ? { action: 'accept', content: { nights: 3 } }
          : { action: 'accept', content: { confirm: true } };
      },
      sample: () => ({
        model: 'test-model',
        role: 'assistant',
        content: { type: 'text', text: 'Old pond, frog jumps in' },
      }),
      listRoots: () => [{ uri: 'file:///work/a' }],
    };

    beforeAll(() => {
      transport = new StdioClientTransport({
        ...fixtureCommand(fixture),
        era,
        stderr: 'pipe',
        onWarning: (message) => warnings.push(message),
      });
      stderr = new StderrLog(transport.stderr);
      client = new McpClient(
        { name: 'tern-stdio-client', version: '1.0.0' },
        { transport, handlers },
      );
    });

    beforeEach(() => {
      asked.length = 0;
    });

    afterAll(async () => {
      await transport.close();
      expect(warnings).toEqual([]);
    });

    it('settles the era with the probe and discovers the server', async () => {
      const discovered = await client.discover();
      expect(transport.era).toBe(expected);
      expect(discovered._meta?.['io.modelcontextprotocol/serverInfo']).toMatchObject({ name });
    }, 20_000);

    it('lists and calls tools', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['add', 'book', 'haiku', 'roots', 'count', 'wait', 'grow']),
      );
      const result = await client.callTool('add', { a: 2, b: 40 });
      expect(result.content).toEqual([{ type: 'text', text: '42' }]);
    });

    it('completes a two-round elicitation with the same handler', async () => {
      const result = await client.callTool('book', { city: 'Lisbon' });
      expect(result.content).toEqual([{ type: 'text', text: 'Booked 3 nights in Lisbon.' }]);
      expect(asked).toEqual(['How many nights in Lisbon?', 'Book 3 nights in Lisbon?']);
    });

    it('answers sampling and roots', async () => {
      expect((await client.callTool('haiku', { topic: 'ponds' })).content).toEqual([
        { type: 'text', text: 'Old pond, frog jumps in' },
      ]);
      expect((await client.callTool('roots')).content).toEqual([
        { type: 'text', text: 'file:///work/a' },
      ]);
    });

    it('reads a resource and gets a prompt', async () => {
      const read = await client.readResource('tern://notes/welcome');
      expect(read.contents).toEqual([
        { uri: 'tern://notes/welcome', mimeType: 'text/plain', text: 'Welcome to the desk.' },
      ]);
      const prompt = await client.getPrompt('greet', { name: 'Ada' });
      expect(prompt.messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } },
      ]);
    });

    it('routes progress to the request that asked for it', async () => {
      const progress: number[] = [];
      const result = await client.callTool(
        'count',
        { to: 3 },
        { onProgress: (update) => progress.push(update.progress) },
      );
      expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
      expect(progress).toEqual([1, 2, 3]);
    });

    it('cancels with notifications/cancelled (#263)', async () => {
      const controller = new AbortController();
      const call = client.callTool('wait', {}, { signal: controller.signal });
      await stderr.waitFor('wait: started');
      controller.abort();
      await expect(call).rejects.toThrow();
      await stderr.waitFor('wait: aborted');
    });

    it('hears tools/list_changed on a listen stream, demultiplexed by its id (#262)', async () => {
      const subscription = client.listen({ toolsListChanged: true });
      const events: SubscriptionEvent[] = [];
      const iterate = (async () => {
        for await (const event of subscription) {
          events.push(event);
          if (event.type === 'notification') return;
        }
      })();
      try {
        await expect
          .poll(() => events.some((event) => event.type === 'acknowledged'), { timeout: 5000 })
          .toBe(true);
        const grown = await client.callTool('grow');
        expect(grown.content).toEqual([
          { type: 'text', text: expect.stringMatching(/^added extra_\d$/) },
        ]);
        await iterate;
        expect(events.at(-1)).toMatchObject({
          type: 'notification',
          notification: { method: 'notifications/tools/list_changed' },
        });
      } finally {
        subscription.close();
      }
    });
  },
);
