// The listen-topic seam: extensions add notification kinds to subscriptions/listen under their own
// key of params.notifications (requirements.md #73, #74: the ack carries what is honoured).
import { McpServer, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { ListenTopic } from '@tern/core-protocol';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

function newServer(): McpServer {
  return new McpServer(
    { name: 'topics', version: '1.0.0' },
    { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(3) }] }, logger: { warn: () => undefined } },
  );
}

function openListen(server: McpServer, notifications: Record<string, unknown>) {
  const sent: JsonRpcNotification[] = [];
  const abort = new AbortController();
  const response = server.handle(
    {
      jsonrpc: '2.0',
      id: 7,
      method: 'subscriptions/listen',
      params: {
        notifications,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    },
    { notify: (notification) => sent.push(notification), signal: abort.signal },
  );
  return { sent, response, stop: () => abort.abort() };
}

/** A topic that sends one `notifications/test/tick` per call of the returned `tick`. */
function tickTopic() {
  const log: string[] = [];
  let send: ((method: string, params: Record<string, unknown>) => void) | undefined;
  const topic: ListenTopic<string[]> = {
    value: z.array(z.string()),
    honour: (names) => {
      log.push(`honour ${names.join(',')}`);
      const agreed = names.filter((name) => name !== 'refused');
      return agreed.length === 0 ? undefined : agreed;
    },
    open: (names, write) => {
      log.push(`open ${names.join(',')}`);
      send = write;
      return () => log.push('stop');
    },
  };
  return { topic, log, tick: (n: number) => send?.('notifications/test/tick', { n }) };
}

describe('registerListenTopic', () => {
  it('acknowledges what the topic honours, delivers what it sends with the subscription id, and stops it with the stream', async () => {
    const server = newServer();
    const { topic, log, tick } = tickTopic();
    server.registerListenTopic('ticks', topic);
    const stream = openListen(server, { ticks: ['a', 'refused', 'b'] });
    await expect.poll(() => log).toContain('open a,b');
    expect(stream.sent[0]).toMatchObject({
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { ticks: ['a', 'b'] }, _meta: { 'io.modelcontextprotocol/subscriptionId': 7 } },
    });
    tick(1);
    expect(stream.sent[1]).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/test/tick',
      params: { n: 1, _meta: { 'io.modelcontextprotocol/subscriptionId': 7 } },
    });
    stream.stop();
    await expect(stream.response).resolves.toMatchObject({ result: { resultType: 'complete' } });
    expect(log).toEqual(['honour a,refused,b', 'open a,b', 'stop']);
    tick(2);
    expect(stream.sent).toHaveLength(2);
  });

  it('does not call a topic the request does not name, and leaves out one that honours nothing', async () => {
    const server = newServer();
    const { topic, log } = tickTopic();
    server.registerListenTopic('ticks', topic);
    const quiet = openListen(server, {});
    await expect.poll(() => quiet.sent.length).toBe(1);
    expect(quiet.sent[0]?.params?.['notifications']).toEqual({});
    const refused = openListen(server, { ticks: ['refused'] });
    await expect.poll(() => refused.sent.length).toBe(1);
    expect(refused.sent[0]?.params?.['notifications']).toEqual({});
    quiet.stop();
    refused.stop();
    await Promise.all([quiet.response, refused.response]);
    expect(log).toEqual(['honour refused']);
  });

  it('answers -32602 when the value breaks the schema, and a refusal thrown by honour as it was thrown', async () => {
    const server = newServer();
    server.registerListenTopic('ticks', tickTopic().topic);
    server.registerListenTopic('strict', {
      value: z.boolean(),
      honour: () => {
        throw new SdkError(SdkErrorCode.InvalidUsage, 'never');
      },
      open: () => () => undefined,
    });
    await expect(openListen(server, { ticks: 'a' }).response).resolves.toMatchObject({
      error: { code: -32602, message: expect.stringContaining('notifications.ticks') },
    });
    const refused = await openListen(server, { strict: true }).response;
    expect(refused).toMatchObject({ error: { code: -32603 } });
  });

  it('refuses the keys of the core filter, duplicates and malformed topics with SdkError INVALID_USAGE', () => {
    const server = newServer();
    const { topic } = tickTopic();
    expect(() => server.registerListenTopic('toolsListChanged', topic)).toThrow(SdkError);
    server.registerListenTopic('ticks', topic);
    expect(() => server.registerListenTopic('ticks', topic)).toThrow(/already registered/);
    expect(() => server.registerListenTopic('other', { ...topic, open: undefined } as never)).toThrow(/needs a zod value schema/);
    expect(() => server.registerListenTopic('', topic)).toThrow(expect.objectContaining({ code: SdkErrorCode.InvalidUsage }));
  });
});
