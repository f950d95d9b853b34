// The official SDK 2.x client (@modelcontextprotocol/client 2.4.0) and its stdio transport against
// a Tern McpServer served with serveStdio, over real pipes, in its two negotiation modes:
// - 'legacy': the plain 2025-11-25 initialize sequence, so the process serves one legacy session;
// - 'auto': server/discover first (on a sibling process, as that SDK probes stdio), then the
//   2026-07-28 era: per-request _meta, MRTR rounds answered by the same handlers,
//   subscriptions/listen for change notifications.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCommand, StderrLog } from '../helpers/spawn-fixture.js';

describe.each([{ mode: 'legacy' as const }, { mode: 'auto' as const }])(
  'official client 2.4.0 ($mode) → serveStdio',
  ({ mode }) => {
    let client: Client;
    let stderr: StderrLog;
    const elicited: string[] = [];

    beforeEach(() => {
      elicited.length = 0;
    });

    beforeAll(async () => {
      const transport = new StdioClientTransport({
        ...fixtureCommand('tern-server'),
        stderr: 'pipe',
      });
      stderr = new StderrLog(transport.stderr);
      client = new Client(
        { name: `official-v2-${mode}`, version: '2.0.0' },
        {
          capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} },
          versionNegotiation: { mode, probe: { timeoutMs: 10_000 } },
        },
      );
      client.setRequestHandler('elicitation/create', (request) => {
        const params = request.params;
        if (params.mode === 'url') return { action: 'decline' };
        elicited.push(params.message);
        return params.message.startsWith('How many nights')
          ? { action: 'accept', content: { nights: 3 } }
          : { action: 'accept', content: { confirm: true } };
      });
      client.setRequestHandler('sampling/createMessage', () => ({
        model: 'test-model',
        role: 'assistant',
        content: { type: 'text', text: 'Old pond, frog jumps in' },
      }));
      client.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///work/a' }] }));
      await client.connect(transport);
    }, 20_000);

    afterAll(async () => {
      await client.close();
    });

    it('settles the era the mode asks for (spec/legacy.md §5.1, §5.3)', () => {
      expect(client.getProtocolEra()).toBe(mode === 'auto' ? 'modern' : 'legacy');
      expect(client.getServerVersion()).toMatchObject({
        name: 'tern-stdio-fixture',
        version: '1.0.0',
      });
    });

    it('lists and calls tools', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['add', 'book', 'haiku', 'roots', 'count', 'wait']),
      );
      const result = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
      expect(result.content).toEqual([{ type: 'text', text: '42' }]);
    });

    it('completes a two-round elicitation with the same handler', async () => {
      const result = await client.callTool({ name: 'book', arguments: { city: 'Porto' } });
      expect(result.content).toEqual([{ type: 'text', text: 'Booked 3 nights in Porto.' }]);
      expect(elicited).toEqual(['How many nights in Porto?', 'Book 3 nights in Porto?']);
    });

    it('answers sampling and roots', async () => {
      const haiku = await client.callTool({ name: 'haiku', arguments: { topic: 'ponds' } });
      expect(haiku.content).toEqual([{ type: 'text', text: 'Old pond, frog jumps in' }]);
      const roots = await client.callTool({ name: 'roots', arguments: {} });
      expect(roots.content).toEqual([{ type: 'text', text: 'file:///work/a' }]);
    });

    it('reads a resource and gets a prompt', async () => {
      const read = await client.readResource({ uri: 'tern://notes/welcome' });
      expect(read.contents).toEqual([
        { uri: 'tern://notes/welcome', mimeType: 'text/plain', text: 'Welcome to the desk.' },
      ]);
      const prompt = await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
      expect(prompt.messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } },
      ]);
    });

    it('receives progress before the result', async () => {
      const progress: number[] = [];
      const result = await client.callTool(
        { name: 'count', arguments: { to: 3 } },
        { onprogress: (update) => progress.push(update.progress) },
      );
      expect(result.content).toEqual([{ type: 'text', text: 'counted to 3' }]);
      expect(progress).toEqual([1, 2, 3]);
    });

    it('cancels the handler with notifications/cancelled (#263)', async () => {
      const controller = new AbortController();
      const call = client.callTool({ name: 'wait', arguments: {} }, { signal: controller.signal });
      await stderr.waitFor('wait: started');
      controller.abort('user gave up');
      await expect(call).rejects.toThrow();
      await stderr.waitFor('wait: aborted');
    });

    it('hears tools/list_changed from the change bus', async () => {
      const changed = new Promise<void>((resolve) => {
        client.setNotificationHandler('notifications/tools/list_changed', () => resolve());
      });
      // On 2026-07-28 change notifications come on a listen stream, demultiplexed by its id (#262).
      const subscription =
        mode === 'auto' ? await client.listen({ toolsListChanged: true }) : undefined;
      try {
        const grown = await client.callTool({ name: 'grow', arguments: {} });
        expect(grown.content).toEqual([
          { type: 'text', text: expect.stringMatching(/^added extra_\d$/) },
        ]);
        await changed;
      } finally {
        await subscription?.close();
      }
    });
  },
);
