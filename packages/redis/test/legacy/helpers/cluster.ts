// Three (or more) Tern servers with the legacy layer, each on its own node:http listener on
// 127.0.0.1, sharing nothing but Redis (and, as the Redis change bus would, one change bus).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryChangeBus, McpServer } from '@tern/core-protocol';
import type { ChangeBus } from '@tern/core-protocol';
import { closeSseStream, createLegacyLayer } from '@tern/legacy-compat';
import type { LegacyLayer, LegacyLayerOptions } from '@tern/legacy-compat';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { z } from 'zod';
import { RedisConnection, RedisSessionBackplane } from '../../../src/index.js';

const STATE_KEY = { id: 'legacy-test', secret: new Uint8Array(32).fill(7) };

/** One instance: its own server, layer, Redis connection and listener. */
export interface Instance {
  readonly name: string;
  readonly origin: string;
  readonly server: McpServer;
  readonly layer: LegacyLayer;
  /** How often the `hold` tool started on this instance. */
  readonly held: { count: number };
  /** Reasons the `hold` tool's signal was aborted with, on this instance. */
  readonly aborted: unknown[];
  /** Unexpected failures the layer reported (Redis unreachable, …). */
  readonly errors: unknown[];
  close(): Promise<void>;
}

export interface ClusterOptions {
  readonly redisUrl: string;
  /** A key prefix of the cluster's own, so tests do not see each other's sessions. */
  readonly keyPrefix: string;
  readonly legacy?: LegacyLayerOptions;
  readonly commandTimeoutMs?: number;
}

/** Starts instances A, B and C (or the names given). */
export async function startCluster(
  options: ClusterOptions,
  names: readonly string[] = ['A', 'B', 'C'],
): Promise<Instance[]> {
  const bus = new InMemoryChangeBus();
  return Promise.all(names.map((name) => startInstance(name, options, bus)));
}

async function startInstance(name: string, options: ClusterOptions, bus: ChangeBus): Promise<Instance> {
  const errors: unknown[] = [];
  const aborted: unknown[] = [];
  const held = { count: 0 };
  const redis = await RedisConnection.connect({
    url: options.redisUrl,
    keyPrefix: options.keyPrefix,
    maxReconnectDelayMs: 200,
    onError: (error) => errors.push(error),
  });
  const server = new McpServer(
    { name: `legacy-${name}`, version: '1.0.0' },
    { requestState: { keys: [STATE_KEY] }, changeBus: bus, onError: (error) => errors.push(error) },
  );
  server.registerTool(
    'book',
    { description: 'Books a room after asking', inputSchema: z.object({ room: z.string() }) },
    async ({ room }, ctx) => {
      const answer = await ctx.elicit(`Book ${room}?`, z.object({ confirm: z.boolean() }));
      const booked = answer.action === 'accept' && answer.content.confirm;
      return `${booked ? 'Booked' : 'Not booked'} ${room} on ${name}`;
    },
  );
  // Drops its connection first (2025-11-25 SSE polling): the client resumes with Last-Event-ID.
  server.registerTool('later', { description: 'Asks after the client reconnected' }, async (_args, ctx) => {
    const closed = closeSseStream(ctx);
    const answer = await ctx.elicit('Still there?', z.object({ confirm: z.boolean() }));
    return `closed=${String(closed)} ${answer.action} on ${name}`;
  });
  server.registerTool('hold', { description: 'Runs until aborted' }, async (_args, ctx) => {
    held.count += 1;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        aborted.push(ctx.signal.reason);
        resolve();
      });
    });
    return 'held';
  });
  const layer = createLegacyLayer(server, {
    ...options.legacy,
    backplane: new RedisSessionBackplane(redis, {
      node: `node-${name}`,
      commandTimeoutMs: options.commandTimeoutMs ?? 1000,
    }),
    onError: (error) => errors.push(error),
  });
  const http = createServer(createNodeHandler(server, { fallback: layer }));
  http.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    name,
    origin: `http://127.0.0.1:${String(port)}`,
    server,
    layer,
    held,
    aborted,
    errors,
    close: async () => {
      layer.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await redis.close();
    },
  };
}

/** Where one HTTP request of a client landed. */
export interface Landing {
  readonly instance: string;
  readonly http: string;
  /** The JSON-RPC method, `response` for an answer, `''` for a body-less request. */
  readonly rpc: string;
  /** The `Last-Event-ID` of a GET that resumes a stream. */
  readonly lastEventId?: string | undefined;
}

/** Picks the instance (by index) for one request. */
export type Route = (http: string, rpc: string) => number;

/** Round robin over the instances, whatever the request. */
export function roundRobin(count: number): Route {
  let next = 0;
  return () => {
    const index = next % count;
    next += 1;
    return index;
  };
}

/**
 * A `fetch` for a client transport that sends each request to the instance `route` picks, as a
 * load balancer would, and records where each landed. The client is given any instance's URL.
 */
export function routedFetch(
  instances: readonly Instance[],
  route: Route,
  landings: Landing[],
): typeof fetch {
  return async (input, init) => {
    const http = init?.method ?? 'GET';
    const rpc = rpcOf(init?.body);
    const instance = instances[route(http, rpc)];
    if (instance === undefined) throw new Error('the route picked no instance');
    const lastEventId = new Headers(init?.headers).get('last-event-id') ?? undefined;
    landings.push({ instance: instance.name, http, rpc, lastEventId });
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(new URL(url.pathname + url.search, instance.origin), init);
  };
}

function rpcOf(body: unknown): string {
  if (typeof body !== 'string') return '';
  const message = JSON.parse(body) as { method?: string };
  return message.method ?? 'response';
}
