// The other two seams of scale-out, on the same three processes behind the round-robin proxy:
// change notifications published on one instance reach listen streams held by another
// (RedisChangeBus), and a 2025-era session of the official v1 client is served by every instance
// (RedisSessionBackplane): initialize, the eliciting tools/call, the GET stream and the client's
// answer land on different instances, and still the call completes.
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { useScaleOut } from './harness.js';
import { answerFor, officialClient, ternClient } from './legs.js';

const scale = useScaleOut();

describe('scale-out: listen and 2025-era sessions across instances', () => {
  it("Tern's listen stream on one instance hears a change published on another", async () => {
    const since = scale.mark();
    const listener = ternClient(scale.proxy.url);
    const subscription = listener.listen({ resourceSubscriptions: ['news://today'] }, { reconnect: false });
    await subscription.acknowledged;
    const announcer = ternClient(scale.proxy.url);
    const announced = await announcer.callTool('announce', { uri: 'news://today' }, { timeoutMs: 10_000 });
    const heard = await Promise.race([
      (async () => {
        for await (const event of subscription) {
          if (event.type === 'notification') return event.notification;
        }
        return undefined;
      })(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000)),
    ]);
    subscription.close();
    expect(heard).toMatchObject({ method: 'notifications/resources/updated', params: { uri: 'news://today' } });
    const listenOn = since().find((entry) => entry.method === 'subscriptions/listen')?.instance;
    const announceOn = since().find((entry) => entry.method === 'tools/call')?.instance;
    expect(listenOn).toBeDefined();
    expect(announceOn).toBeDefined();
    expect(listenOn).not.toBe(announceOn);
    expect(announced.content).toEqual([{ type: 'text', text: `Announced news://today from ${String(announceOn)}.` }]);
  });

  it('the official v2 client listens on one instance and hears a change announced through another', async () => {
    const since = scale.mark();
    const client = await officialClient(scale.proxy.url);
    const heard: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      heard.push(notification.params.uri);
    });
    const subscription = await client.listen({ resourceSubscriptions: ['news://today'] });
    try {
      expect(subscription.honoredFilter).toEqual({ resourceSubscriptions: ['news://today'] });
      await client.callTool({ name: 'announce', arguments: { uri: 'news://today' } });
      await expect.poll(() => heard, { timeout: 10_000 }).toEqual(['news://today']);
    } finally {
      await subscription.close();
      await client.close();
    }
    const listenOn = since().find((entry) => entry.method === 'subscriptions/listen')?.instance;
    const announceOn = since().find((entry) => entry.method === 'tools/call')?.instance;
    expect(listenOn).toBeDefined();
    expect(listenOn).not.toBe(announceOn);
  });

  it('the official v1 client completes an eliciting call and a task tool (blocking) and hears a change, its requests spread over the instances', async () => {
    const since = scale.mark();
    const client = new LegacyClient({ name: 'scale-out-v1', version: '1.32.2' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return answerFor(request.params.message);
    });
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updates.push(notification.params.uri);
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(scale.proxy.url)));
    try {
      const booked = await client.callTool({ name: 'book', arguments: { city: 'Lima' } }, undefined, { timeout: 20_000 });
      expect(booked).toMatchObject({ content: [{ type: 'text', text: 'Booked 2 nights in Lima.' }] });
      expect(asked).toEqual(['How many nights in Lima?', 'Book 2 nights?']);
      asked.length = 0;

      // A task tool gives a 2025-era client a blocking result, its ask sent on the session.
      const exported = await client.callTool({ name: 'export', arguments: { rows: 3 } }, undefined, { timeout: 20_000 });
      expect(exported).toMatchObject({ content: [{ type: 'text', text: expect.stringMatching(/^Exported 3 rows on /) }] });
      expect(asked).toContain('Export 3 rows?');

      await client.subscribeResource({ uri: 'news://today' });
      await client.callTool({ name: 'announce', arguments: { uri: 'news://today' } });
      await expect.poll(() => updates, { timeout: 10_000 }).toEqual(['news://today']);
    } finally {
      await client.close();
    }
    const entries = since();
    const on = (method: string) => entries.filter((entry) => entry.method === method).map((entry) => entry.instance);
    // The session was opened on one instance and used on the others: no sticky routing.
    expect(new Set(entries.map((entry) => entry.instance)).size).toBe(3);
    expect(on('initialize')).toHaveLength(1);
    // Each answer to elicitation/create was posted where the proxy sent it: at least one reached
    // another instance than the one whose handler asked (the call running at the time).
    const answers = entries.flatMap((entry, index) => {
      if (entry.method !== 'response') return [];
      const asking = entries.slice(0, index).findLast((before) => before.method === 'tools/call');
      return [{ answeredOn: entry.instance, askedOn: asking?.instance }];
    });
    expect(answers).toHaveLength(3);
    expect(answers.some(({ answeredOn, askedOn }) => answeredOn !== askedOn)).toBe(true);
    expect(entries.every((entry) => entry.status < 500)).toBe(true);
  });
});
