// One Tern server instance of the scale-out suite, run as its own process by cluster.ts
// (`node --import tsx --conditions=@tern/source fixture-server.ts`). Every instance has the same
// requestState key ring (so any instance continues a conversation another began) and a
// RedisTaskStore on the same Redis (so any instance serves a task another runs). It listens on
// 127.0.0.1, adds `X-Tern-Instance` to every response, and prints one line `READY <port>` on
// stdout once it accepts requests.
//
// Environment: TERN_INSTANCE_ID, TERN_REDIS_URL (required); TERN_LEASE_MS (default 4000: longer
// than the suite's Redis pause, short enough for the suite to wait out the lease of a killed
// instance), TERN_POLL_INTERVAL_MS (default 50). Change notifications cross instances on a
// RedisChangeBus, and 2025-era sessions on a RedisSessionBackplane, so any instance serves any
// request of either era.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { createLegacyLayer } from '@tern/legacy-compat';
import { RedisChangeBus, RedisConnection, RedisSessionBackplane, RedisTaskStore } from '@tern/redis';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { installTasks } from '@tern/tasks';
import { z } from 'zod';
import { INSTANCE_HEADER } from './fixture-server-header.js';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};

const instanceId = env('TERN_INSTANCE_ID');
const redis = await RedisConnection.connect({
  url: env('TERN_REDIS_URL'),
  keyPrefix: 'scale-out:',
  maxReconnectDelayMs: 200,
  onError: () => undefined,
});

const server = new McpServer(
  { name: 'tern-scale-out', version: '1.0.0' },
  // The same key ring on every instance: a requestState sealed by one is opened by another.
  {
    requestState: { keys: [{ id: 'scale-out', secret: new Uint8Array(32).fill(19) }] },
    changeBus: new RedisChangeBus({ connection: redis }),
  },
);

const tasks = installTasks(server, {
  store: new RedisTaskStore({ connection: redis, commandTimeoutMs: 5000, retryAfterSeconds: 2 }),
  leaseMs: Number(env('TERN_LEASE_MS', '4000')),
  pollIntervalMs: Number(env('TERN_POLL_INTERVAL_MS', '50')),
});

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });

// Needs no shared state: keeps working while Redis is away.
server.registerTool(
  'add',
  { inputSchema: z.object({ a: z.number(), b: z.number() }) },
  ({ a, b }) => `${String(a + b)} (by ${instanceId})`,
);

// A plain call that takes `ms`: the suite kills its instance while it is in flight.
server.registerTool('slow', { inputSchema: z.object({ ms: z.number() }) }, async ({ ms }, ctx) => {
  await sleep(ms, ctx.signal);
  return `Slept ${String(ms)} ms on ${instanceId}.`;
});

// Multi-round elicitation over MRTR: each round may land on another instance.
server.registerTool(
  'book',
  { inputSchema: z.object({ city: z.string() }) },
  async ({ city }, ctx) => {
    const stay = await ctx.elicit(`How many nights in ${city}?`, z.object({ nights: z.number() }));
    if (stay.action !== 'accept') return `No booking (${stay.action}).`;
    const sure = await ctx.elicit(
      `Book ${String(stay.content.nights)} nights?`,
      z.object({ ok: z.boolean() }),
    );
    if (sure.action !== 'accept' || !sure.content.ok) return 'Nothing was booked.';
    return `Booked ${String(stay.content.nights)} nights in ${city}.`;
  },
);

// A task that asks once, then works for `steps` × `stepMs` with progress.
tasks.registerTool(
  'export',
  {
    inputSchema: z.object({
      rows: z.number(),
      steps: z.number().default(3),
      stepMs: z.number().default(50),
    }),
  },
  async ({ rows, steps, stepMs }, ctx) => {
    const ok = await ctx.elicit(`Export ${String(rows)} rows?`, z.object({ ok: z.boolean() }));
    if (ok.action !== 'accept' || !ok.content.ok) return 'Export cancelled.';
    for (let step = 1; step <= steps; step += 1) {
      await sleep(stepMs, ctx.signal);
      ctx.progress(step, steps, `Step ${String(step)}`);
    }
    // The instance that ran the handler is in the result, so the suite can tell where it ran.
    return `Exported ${String(rows)} rows on ${instanceId}.`;
  },
);

// A task that runs until it is cancelled or its instance dies.
tasks.registerTool('build', { inputSchema: z.object({}) }, async (_args, ctx) => {
  for (let step = 1; ; step += 1) {
    await sleep(100, ctx.signal);
    ctx.progress(step);
  }
});

// Publishes a change on whichever instance serves it; listeners on every instance hear it.
server.registerTool('announce', { inputSchema: z.object({ uri: z.string() }) }, ({ uri }) => {
  server.notifyResourceUpdated(uri);
  return `Announced ${uri} from ${instanceId}.`;
});
server.registerResource({ uri: 'news://today', name: 'today' }, () => ({
  contents: [{ uri: 'news://today', text: `News served by ${instanceId}.` }],
}));

const legacy = createLegacyLayer(server, { backplane: new RedisSessionBackplane(redis, { node: instanceId }) });
const mcp = createNodeHandler(server, { fallback: legacy });
const http = createServer((req, res) => {
  res.setHeader(INSTANCE_HEADER, instanceId);
  if (req.url === '/mcp') mcp(req, res);
  else res.writeHead(404).end();
});
http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${String((http.address() as AddressInfo).port)}\n`);
});

process.on('SIGTERM', () => {
  tasks.close();
  legacy.close();
  server.close();
  http.closeAllConnections();
  http.close(() => void redis.close().finally(() => process.exit(0)));
});
