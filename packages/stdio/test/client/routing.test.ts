// What shares one stdout, routed to where it belongs by StdioClientTransport, in both eras against
// the Tern stdio server: two listen streams open at once on one process, each getting only its
// own notifications (#262, by subscription id in the 2026-07-28 era, by the emulated streams'
// filters in a 2025-era session), and log messages at the level a call asked for (the per-request
// `_meta` log level, or `logging/setLevel` for a 2025-era session).
import { McpClient } from '@tern/core-protocol';
import type { Subscription, SubscriptionEvent } from '@tern/core-protocol';
import type { LoggingMessageNotificationParams } from '@tern/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StdioClientTransport } from '../../src/index.js';
import { MODERN_META } from '../helpers/raw-peer.js';
import { fixtureCommand } from '../helpers/spawn-fixture.js';

/** The notification methods a subscription delivers, as they arrive. */
function collect(subscription: Subscription): { methods: string[]; acknowledged: () => boolean } {
  const methods: string[] = [];
  let acknowledged = false;
  void (async () => {
    for await (const event of subscription as AsyncIterable<SubscriptionEvent>) {
      if (event.type === 'acknowledged') acknowledged = true;
      if (event.type === 'notification') methods.push(event.notification.method);
    }
  })();
  return { methods, acknowledged: () => acknowledged };
}

describe.each(['modern', 'legacy'] as const)('StdioClientTransport routing (%s era)', (era) => {
  let transport: StdioClientTransport;
  let client: McpClient;

  beforeAll(() => {
    transport = new StdioClientTransport({
      ...fixtureCommand('tern-server'),
      era,
      stderr: 'ignore',
    });
    client = new McpClient({ name: 'routing', version: '1.0.0' }, { transport });
  });

  afterAll(async () => {
    await transport.close();
  });

  it('keeps two listen streams on one process apart (#262)', async () => {
    const toolsOnly = client.listen({ toolsListChanged: true });
    const toolsAndPrompts = client.listen({ toolsListChanged: true, promptsListChanged: true });
    const first = collect(toolsOnly);
    const second = collect(toolsAndPrompts);
    try {
      // The first request spawns the fixture, which may take seconds on a loaded machine.
      await expect.poll(() => first.acknowledged() && second.acknowledged(), { timeout: 15_000 }).toBe(true);
      await client.callTool('grow');
      await client.callTool('grow_prompt');
      await client.callTool('grow');
      const tools = 'notifications/tools/list_changed';
      const prompts = 'notifications/prompts/list_changed';
      // In order per stream: once the second tools change arrived, nothing else came before it.
      await expect.poll(() => first.methods.length, { timeout: 5000 }).toBe(2);
      await expect.poll(() => second.methods.length, { timeout: 5000 }).toBe(3);
      expect(first.methods).toEqual([tools, tools]);
      expect(second.methods).toEqual([tools, prompts, tools]);
      expect(transport.era).toBe(era);
    } finally {
      toolsOnly.close();
      toolsAndPrompts.close();
    }
  });

  it('gives a call the log messages at the level it asked for, and none below it', async () => {
    const heard: LoggingMessageNotificationParams[] = [];
    const logged = await client.callTool(
      'log',
      {},
      { logLevel: 'info', onLog: (message) => heard.push(message) },
    );
    expect(logged.content).toEqual([{ type: 'text', text: 'logged' }]);
    expect(heard).toEqual([{ level: 'info', data: { note: 'from the handler' } }]);

    const quiet: LoggingMessageNotificationParams[] = [];
    await client.callTool(
      'log',
      {},
      { logLevel: 'error', onLog: (message) => quiet.push(message) },
    );
    // A later call that does log shows the quiet one's messages would have arrived by now.
    const after: LoggingMessageNotificationParams[] = [];
    await client.callTool(
      'log',
      {},
      { logLevel: 'debug', onLog: (message) => after.push(message) },
    );
    expect(after).toHaveLength(1);
    expect(quiet).toEqual([]);
  });
});

describe('StdioClientTransport demultiplexing below the client core (#262)', () => {
  it('hands each listen request only the notifications tagged with its id', async () => {
    const transport = new StdioClientTransport({
      ...fixtureCommand('tern-server'),
      era: 'modern',
      stderr: 'ignore',
    });
    const controller = new AbortController();
    const heard: Record<string, string[]> = { a: [], b: [] };
    const meta = MODERN_META;
    const listen = (id: string, notifications: object): void => {
      void transport
        .send(
          {
            jsonrpc: '2.0',
            id,
            method: 'subscriptions/listen',
            params: { notifications, _meta: meta },
          },
          {
            signal: controller.signal,
            onNotification: (notification) => {
              const tag = (notification.params?.['_meta'] as Record<string, unknown> | undefined)?.[
                'io.modelcontextprotocol/subscriptionId'
              ];
              heard[id]?.push(`${notification.method} for ${String(tag)}`);
            },
          },
        )
        .catch(() => undefined);
    };
    const grow = (id: string, name: string) =>
      transport.send(
        { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {}, _meta: meta } },
        { signal: new AbortController().signal },
      );
    try {
      listen('a', { toolsListChanged: true });
      listen('b', { promptsListChanged: true });
      const acknowledged = 'notifications/subscriptions/acknowledged';
      await expect
        .poll(() => heard['a']?.length === 1 && heard['b']?.length === 1, { timeout: 5000 })
        .toBe(true);
      await grow('g1', 'grow');
      await grow('g2', 'grow_prompt');
      await expect
        .poll(() => (heard['a']?.length ?? 0) + (heard['b']?.length ?? 0), { timeout: 5000 })
        .toBe(4);
      expect(heard).toEqual({
        a: [`${acknowledged} for a`, 'notifications/tools/list_changed for a'],
        b: [`${acknowledged} for b`, 'notifications/prompts/list_changed for b'],
      });
    } finally {
      controller.abort();
      await transport.close();
    }
  });
});
