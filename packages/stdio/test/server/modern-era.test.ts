// The 2026-07-28 era of serveStdio on the wire, written raw over real pipes: the log level is per
// request (`io.modelcontextprotocol/logLevel` in `_meta`), and listen streams share stdout, each
// notification tagged with the id of the listen request it belongs to (#262).
import { describe, expect, it } from 'vitest';
import { MODERN_META, useRawPeer } from '../helpers/raw-peer.js';
import type { WireMessage } from '../helpers/raw-peer.js';

const LOG_LEVEL = 'io.modelcontextprotocol/logLevel';
const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

describe('serveStdio in the 2026-07-28 era', () => {
  const shared = useRawPeer();

  /** Calls `name` with `meta` added to the modern `_meta`; the lines since the call, and its answer. */
  async function call(
    name: string,
    meta: Record<string, unknown> = {},
  ): Promise<{ answer: WireMessage; since: WireMessage[] }> {
    const id = shared.nextId();
    const before = shared.peer.lines.length;
    shared.peer.send({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: {}, _meta: { ...MODERN_META, ...meta } },
    });
    const answer = await shared.peer.next((line) => line.id === id && line.method === undefined);
    const since = shared.peer.lines.slice(before).filter((line) => typeof line !== 'string');
    return { answer, since };
  }

  const logs = (lines: WireMessage[]): WireMessage[] =>
    lines.filter((line) => line.method === 'notifications/message');

  it('sends a request its log messages at the level its _meta asks for, before its response', async () => {
    const { answer, since } = await call('log', { [LOG_LEVEL]: 'debug' });
    expect(answer.result).toMatchObject({ content: [{ type: 'text', text: 'logged' }] });
    expect(logs(since)).toEqual([
      {
        jsonrpc: '2.0',
        method: 'notifications/message',
        params: { level: 'info', data: { note: 'from the handler' } },
      },
    ]);
    const [log] = logs(since);
    expect(since.indexOf(log ?? answer)).toBeLessThan(since.indexOf(answer));
  });

  it('sends no log messages below the level asked for, and none when no level is asked for', async () => {
    expect(logs((await call('log', { [LOG_LEVEL]: 'warning' })).since)).toEqual([]);
    expect(logs((await call('log')).since)).toEqual([]);
  });

  it('tags the notifications of two listen streams with their own listen ids (#262)', async () => {
    const listen = (id: string, notifications: object): void => {
      shared.peer.send({
        jsonrpc: '2.0',
        id,
        method: 'subscriptions/listen',
        params: { notifications, _meta: MODERN_META },
      });
    };
    const tagged = (method: string, id: string) => (line: WireMessage) =>
      line.method === method &&
      (line.params?.['_meta'] as Record<string, unknown> | undefined)?.[SUBSCRIPTION_ID] === id;
    listen('tools-only', { toolsListChanged: true });
    listen('tools-and-prompts', { toolsListChanged: true, promptsListChanged: true });
    await shared.peer.next(tagged('notifications/subscriptions/acknowledged', 'tools-only'));
    await shared.peer.next(tagged('notifications/subscriptions/acknowledged', 'tools-and-prompts'));

    const count = (method: string, id: string): number =>
      shared.peer.lines.filter((line) => typeof line !== 'string' && tagged(method, id)(line))
        .length;
    await call('grow');
    await call('grow_prompt');
    await call('grow');
    // Each stream's notifications come in order: once the second tools change reached
    // tools-only, a prompts change for it would have come before.
    await shared.peer.next(() => count('notifications/tools/list_changed', 'tools-only') === 2);
    await shared.peer.next(
      () => count('notifications/tools/list_changed', 'tools-and-prompts') === 2,
    );
    expect(count('notifications/prompts/list_changed', 'tools-and-prompts')).toBe(1);
    expect(count('notifications/prompts/list_changed', 'tools-only')).toBe(0);
    // Every change notification carried one of the two ids.
    const untagged = shared.peer.lines.filter(
      (line) =>
        typeof line !== 'string' &&
        line.method?.endsWith('/list_changed') === true &&
        !tagged(line.method, 'tools-only')(line) &&
        !tagged(line.method, 'tools-and-prompts')(line),
    );
    expect(untagged).toEqual([]);
  });

  it('wrote nothing but JSON-RPC messages to stdout (#260)', () => {
    shared.wroteOnlyJsonRpc();
  });
});
