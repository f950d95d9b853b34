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
import { answerFor, ternClient } from './legs.js';

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

  it('the official v1 client completes an eliciting call and hears a change, its requests spread over the instances', async () => {
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
    const calls = on('tools/call');
    expect(calls.some((instance) => instance !== on('initialize')[0])).toBe(true);
    // The two answers to elicitation/create were posted where the proxy sent them: at least one
    // reached another instance than the one whose handler asked (the first call's).
    const answers = on('response');
    expect(answers).toHaveLength(2);
    expect(answers.some((instance) => instance !== calls[0])).toBe(true);
    expect(entries.every((entry) => entry.status < 500)).toBe(true);
  });
});
