// 2025-era sessions served by three instances that share only Redis (a real redis-server): the
// official v1 client (@modelcontextprotocol/sdk 1.32.2, StreamableHTTPClientTransport, elicitation
// over SSE) with each request sent to a chosen instance, and raw HTTP for DELETE, expiry, the caps
// and Redis going away. spec/legacy.md §6 (sessions), 2025-11-25 transports "Session Management".
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { SdkError } from '@tern/jsonrpc';
import { RedisConnection, RedisSessionBackplane } from '../../src/index.js';
import { startRedisServer } from '../../src/testing/index.js';
import type { RedisServer } from '../../src/testing/index.js';
import { roundRobin, routedFetch, startCluster } from './helpers/cluster.js';
import type { ClusterOptions, Instance, Landing, Route } from './helpers/cluster.js';
import { initialize, openStream, ping, post, remove } from './helpers/raw.js';

const POLL = { timeout: 8000, interval: 50 };

describe('RedisSessionBackplane: one set of 2025-era sessions on three instances', () => {
  let cluster: Instance[] = [];
  const clients: Client[] = [];
  const servers: RedisServer[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await Promise.all(cluster.map((instance) => instance.close()));
    cluster = [];
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  const start = async (options: Partial<ClusterOptions> = {}): Promise<Instance[]> => {
    cluster = await startCluster({ redisUrl: inject('redisUrl'), keyPrefix: `t-${randomUUID()}:`, ...options });
    return cluster;
  };

  /** The three instances' base URLs. */
  const origins = async (options: Partial<ClusterOptions> = {}): Promise<[string, string, string]> => {
    const [a, b, c] = (await start(options)).map((instance) => instance.origin);
    if (a === undefined || b === undefined || c === undefined) throw new Error('three instances expected');
    return [a, b, c];
  };

  /** The official v1 client, every request sent where `route` says. */
  const connect = async (route: Route, landings: Landing[]) => {
    const client = new Client({ name: 'v1-client', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    const changes = { count: 0 };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes.count += 1;
    });
    const url = new URL(`${cluster[0]?.origin ?? ''}/mcp`);
    await client.connect(new StreamableHTTPClientTransport(url, { fetch: routedFetch(cluster, route, landings) }));
    clients.push(client);
    return { client, asked, changes };
  };

  /** initialize and the answer on A, the tool call on B, the GET stream on C. */
  const spread: Route = (http, rpc) => (http === 'GET' ? 2 : rpc === 'tools/call' ? 1 : 0);

  it('serves initialize on A, an eliciting tools/call on B, the GET stream on C and the answer posted to A', async () => {
    const [a, , c] = await start();
    const landings: Landing[] = [];
    const { client, asked, changes } = await connect(spread, landings);

    const result = await client.callTool({ name: 'book', arguments: { room: 'Lovelace' } });

    expect(result).toMatchObject({ content: [{ type: 'text', text: 'Booked Lovelace on B' }] });
    expect(asked).toEqual(['Book Lovelace?']);
    expect(landings).toEqual(
      expect.arrayContaining([
        { instance: 'A', http: 'POST', rpc: 'initialize' },
        { instance: 'B', http: 'POST', rpc: 'tools/call' },
        { instance: 'C', http: 'GET', rpc: '' },
        { instance: 'A', http: 'POST', rpc: 'response' },
      ]),
    );
    // A change published on A reaches the session once, on the GET stream C holds.
    await expect.poll(() => c?.layer.sessionCount, POLL).toBe(1);
    a?.server.notifyToolsListChanged();
    await expect.poll(() => changes.count, POLL).toBe(1);
    await sleep(100);
    expect(changes.count).toBe(1);
    expect(cluster.flatMap((instance) => instance.errors)).toEqual([]);
  });

  it('resumes a stream of B on C (Last-Event-ID): C relays what B replays and writes from then on', async () => {
    await start({ legacy: { retryMs: 50 } });
    const landings: Landing[] = [];
    const { client, asked } = await connect(spread, landings);

    const result = await client.callTool({ name: 'later', arguments: {} });

    expect(result).toMatchObject({ content: [{ type: 'text', text: 'closed=true accept on B' }] });
    expect(asked).toEqual(['Still there?']);
    // The client resumed the call's stream with a GET that landed on C, naming B's stream.
    expect(landings).toContainEqual({
      instance: 'C',
      http: 'GET',
      rpc: '',
      lastEventId: expect.stringMatching(/^node-B~\d+-\d+$/),
    });
    expect(landings).toContainEqual({ instance: 'A', http: 'POST', rpc: 'response' });
    expect(cluster.flatMap((instance) => instance.errors)).toEqual([]);
  });

  it('completes eliciting calls with every request on the next instance, round robin', async () => {
    await start();
    const landings: Landing[] = [];
    const { client, asked } = await connect(roundRobin(3), landings);

    const results = [];
    for (const room of ['Hopper', 'Turing', 'Noether', 'Curie'])
      results.push(await client.callTool({ name: 'book', arguments: { room } }));

    expect(results.map((result) => (result.content as { text: string }[])[0]?.text)).toEqual([
      expect.stringMatching(/^Booked Hopper on [ABC]$/),
      expect.stringMatching(/^Booked Turing on [ABC]$/),
      expect.stringMatching(/^Booked Noether on [ABC]$/),
      expect.stringMatching(/^Booked Curie on [ABC]$/),
    ]);
    expect(asked).toHaveLength(4);
    // Each answer was posted to another instance than the call that asked for it.
    const calls = landings.filter((landing) => landing.rpc === 'tools/call');
    const answers = landings.filter((landing) => landing.rpc === 'response');
    expect(answers).toHaveLength(4);
    expect(answers.some((answer, index) => answer.instance !== calls[index]?.instance)).toBe(true);
    expect(new Set(landings.map((landing) => landing.instance))).toEqual(new Set(['A', 'B', 'C']));
  });

  it('aborts a request on B when the client posts notifications/cancelled to A', async () => {
    const [, b] = await start();
    const landings: Landing[] = [];
    const { client } = await connect(spread, landings);
    const controller = new AbortController();

    const call = client.callTool({ name: 'hold', arguments: {} }, undefined, { signal: controller.signal });
    await expect.poll(() => b?.held.count, POLL).toBe(1);
    controller.abort('The user changed their mind');

    await expect(call).rejects.toThrow();
    await expect.poll(() => b?.aborted, POLL).toEqual(['The user changed their mind']);
    expect(landings).toContainEqual({ instance: 'A', http: 'POST', rpc: 'notifications/cancelled' });
  });

  it('ends the session on every instance when DELETE reaches one of them', async () => {
    const [a, b, c] = await origins();
    const session = await initialize(a);
    const stream = new AbortController();
    const get = await openStream(c, session, stream);
    expect(get.status).toBe(200);
    const running = post(b, session, { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'hold', arguments: {} } });
    await expect.poll(() => cluster[1]?.held.count, POLL).toBe(1);

    expect(await remove(a, session)).toBe(200);

    // B aborts the request (a cancelled request gets no response), C's GET stream ends.
    expect((await running).status).toBe(202);
    expect(cluster[1]?.aborted).toHaveLength(1);
    await expect(get.text()).resolves.toBeTypeOf('string');
    for (const origin of [a, b, c]) expect((await ping(origin, session)).status).toBe(404);
    expect(await remove(b, session)).toBe(404);
  });

  it('expires an idle session on every instance, but not one kept busy on another instance', async () => {
    const [a, b, c] = await origins({ legacy: { idleTimeoutMs: 1500 } });
    const idle = await initialize(a);
    const busy = await initialize(a);
    const stream = new AbortController();
    expect((await openStream(c, busy, stream)).status).toBe(200);

    // The record lives the idle timeout plus one heartbeat (500 ms) after its last traffic.
    await sleep(2600);

    expect((await ping(b, idle)).status).toBe(404);
    expect((await ping(c, idle)).status).toBe(404);
    expect((await ping(b, busy)).status).toBe(200);
    stream.abort();
  });

  it('holds the session cap for all instances together', async () => {
    const [a, b, c] = await origins({ legacy: { maxSessions: 2 } });
    const first = await initialize(a);
    await initialize(b);

    const refused = await post(c, undefined, {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: -32603, data: { limit: 'server' } } });

    expect(await remove(b, first)).toBe(200);
    await expect(initialize(c)).resolves.toBeTypeOf('string');
  });

  it("ends a client's oldest unconfirmed session, opened on another instance, when it reaches its quota", async () => {
    const [a, b, c] = await origins({ legacy: { maxSessionsPerClient: 1 } });
    const unconfirmed = await initialize(a, false);
    const confirmed = await initialize(b);

    expect((await ping(c, unconfirmed)).status).toBe(404);
    expect((await ping(c, confirmed)).status).toBe(200);
    await expect(initialize(a)).rejects.toThrow(/initialize failed: 429/);
  });

  it('answers 503 with Retry-After while Redis hangs or is down, never hanging, and serves again after', async () => {
    const redis = await startRedisServer();
    servers.push(redis);
    const [a, b, c] = await origins({ redisUrl: redis.url, commandTimeoutMs: 400 });
    const session = await initialize(a);

    redis.pause();
    const hung = await ping(b, session);
    expect(hung.status).toBe(503);
    expect(hung.headers.get('retry-after')).toBe('5');
    redis.resume();
    await expect.poll(async () => (await ping(b, session)).status, POLL).toBe(200);

    await redis.stop();
    const down = await post(c, session, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      id: 2,
      error: { code: -32603, message: 'The session store is unreachable; try again shortly' },
    });
    await expect(initialize(a)).rejects.toThrow(/initialize failed: 503/);

    // A Redis that comes back empty (failover without persistence) has lost the session: 404.
    await redis.restart();
    await expect.poll(async () => (await ping(c, session)).status, POLL).toBe(404);
    const fresh = await initialize(a);
    expect((await ping(b, fresh)).status).toBe(200);
    // Pub/sub came back too, without a restart of any instance: an answer posted to A reaches B.
    const { client } = await connect(spread, []);
    await expect(client.callTool({ name: 'book', arguments: { room: 'Franklin' } })).resolves.toMatchObject({
      content: [{ type: 'text', text: 'Booked Franklin on B' }],
    });
  });

  it('refuses a node name that cannot be part of an ask or event id', async () => {
    const redis = await RedisConnection.connect({ url: inject('redisUrl') });
    try {
      expect(() => new RedisSessionBackplane(redis, { node: 'node b' })).toThrow(SdkError);
      expect(() => new RedisSessionBackplane(redis, { node: 'node~b' })).toThrow(/node must be 1 to 64/);
      expect(new RedisSessionBackplane(redis).node).toMatch(/^[0-9a-f]{16}$/);
    } finally {
      await redis.close();
    }
  });
});
