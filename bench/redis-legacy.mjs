#!/usr/bin/env node
// The cost of a 2025-era elicitation answered through another instance (Redis backplane) against
// one answered on the instance that asked, and against one process with no backplane. Each row:
// `SESSIONS` sessions in parallel, each looping tools/call → elicitation/create on the call's SSE
// stream → the answer POSTed (to the same instance, or to the other one) → the result.
//
//   node bench/redis-legacy.mjs                 # 2 s warm-up, 8 s per row; writes its section of RESULTS.md
//   node bench/redis-legacy.mjs --quick         # 1 s warm-up, 3 s per row
//
// `pnpm bench` runs it after the other rows (bench/run.mjs). Instances are child processes of this
// file (`--instance`), on 127.0.0.1, stopped by PID; redis-server comes from @tern/redis/testing.
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuMicros, describeMachine, loadAverage } from './lib/proc.mjs';
import { BENCH_DIR } from './lib/processes.mjs';

const SESSIONS = 8;
const ROUNDS = 2;
const START = '<!-- redis-legacy:start -->';
const END = '<!-- redis-legacy:end -->';

/** Measures the rows and writes (or replaces) this file's section of `outFile`. */
export async function appendRedisLegacySection(outFile, timing) {
  const { startRedisServer } = await import('@tern/redis/testing');
  const redis = await startRedisServer();
  const startLoad = loadAverage();
  const started = new Date().toISOString();
  const rows = [];
  const processes = [];
  try {
    const memory = await startInstance({ MODE: 'memory' }, processes);
    const env = { MODE: 'redis', REDIS_URL: redis.url, PREFIX: `bench-${Date.now()}:` };
    const a = await startInstance({ ...env, NODE_NAME: 'a' }, processes);
    const b = await startInstance({ ...env, NODE_NAME: 'b' }, processes);
    const cases = [
      ['one process, no backplane', memory, memory, [memory]],
      ['Redis backplane, answer to the same instance', a, a, [a, b]],
      ['Redis backplane, answer through another instance', a, b, [a, b]],
    ];
    // Every instance warms up on every case first; then the rows are measured in interleaved
    // rounds, so a change of the (shared) machine's load spreads over all rows alike.
    for (const [, asks, answers, measured] of cases) await measure(asks, answers, measured, redis.pid, timing.warmupSeconds);
    const totals = cases.map(() => ({ latencies: [], elapsed: 0, cpu: 0, redisCpu: 0 }));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, [name, asks, answers, measured]] of cases.entries()) {
        process.stdout.write(`redis-legacy: round ${round + 1}, ${name} … `);
        const part = await measure(asks, answers, measured, redis.pid, timing.seconds / ROUNDS);
        const total = totals[index];
        total.latencies.push(...part.latencies);
        total.elapsed += part.elapsed;
        total.cpu += part.cpu;
        total.redisCpu += measured.length > 1 ? part.redisCpu : 0;
        process.stdout.write(`${Math.round(part.latencies.length / part.elapsed)} calls/s\n`);
      }
    }
    for (const [index, [name]] of cases.entries()) rows.push({ name, ...summarise(totals[index]) });
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await redis.stop();
  }
  const section = render(rows, { started, timing, startLoad, endLoad: loadAverage() });
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  const at = previous.indexOf(START);
  const until = previous.indexOf(END);
  const next =
    at >= 0 && until > at
      ? `${previous.slice(0, at)}${section}${previous.slice(until + END.length)}`
      : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(outFile, next);
  return rows;
}

/** SESSIONS loops for `seconds`: every call's latency, and the CPU the processes used meanwhile. */
async function measure(asks, answers, measured, redisPid, seconds) {
  const latencies = [];
  let stop = false;
  const sessions = [];
  for (let index = 0; index < SESSIONS; index += 1) sessions.push(await initialize(asks.origin));
  const cpuBefore = measured.map((instance) => cpuMicros(instance.pid));
  const redisBefore = cpuMicros(redisPid);
  const begun = performance.now();
  const loops = sessions.map(async (session) => {
    while (!stop) {
      const started = performance.now();
      await elicitationCall(asks.origin, answers.origin, session);
      if (!stop) latencies.push(performance.now() - started);
    }
  });
  await sleep(seconds * 1000);
  stop = true;
  const elapsed = (performance.now() - begun) / 1000;
  const cpu = measured.reduce((sum, instance, index) => sum + cpuMicros(instance.pid) - cpuBefore[index], 0);
  const redisCpu = cpuMicros(redisPid) - redisBefore;
  await Promise.all(loops);
  for (const session of sessions) await remove(asks.origin, session);
  return { latencies, elapsed, cpu, redisCpu };
}

function summarise({ latencies, elapsed, cpu, redisCpu }) {
  const sorted = [...latencies].sort((x, y) => x - y);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    calls: sorted.length,
    rate: sorted.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    cpuPerCall: cpu / sorted.length,
    redisCpuPerCall: redisCpu / sorted.length,
  };
}

const HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
  'MCP-Protocol-Version': '2025-11-25',
};

async function initialize(origin) {
  const response = await fetch(`${origin}/mcp`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo: { name: 'bench', version: '1' } },
    }),
  });
  await response.text();
  const session = response.headers.get('mcp-session-id');
  if (session === null) throw new Error(`initialize failed with ${response.status}`);
  await send(origin, session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  return session;
}

async function send(origin, session, message) {
  const response = await fetch(`${origin}/mcp`, {
    method: 'POST',
    headers: { ...HEADERS, 'Mcp-Session-Id': session },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(10_000),
  });
  return response;
}

async function remove(origin, session) {
  const response = await fetch(`${origin}/mcp`, {
    method: 'DELETE',
    headers: { 'Mcp-Session-Id': session, 'MCP-Protocol-Version': '2025-11-25' },
  });
  await response.text();
}

let nextId = 1;

/** One tools/call on `asks` whose elicitation is answered on `answers`; resolves with the result. */
async function elicitationCall(asks, answers, session) {
  const id = nextId++;
  const response = await send(asks, session, {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'confirm', arguments: {} },
  });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split('\n').find((line) => line.startsWith('data: '))?.slice(6);
      if (data === undefined || data.trim() === '') continue;
      const message = JSON.parse(data);
      if (message.method === 'elicitation/create') {
        const answered = await send(answers, session, {
          jsonrpc: '2.0',
          id: message.id,
          result: { action: 'accept', content: { confirm: true } },
        });
        await answered.text();
        if (answered.status !== 202) throw new Error(`the answer got ${answered.status}`);
      } else if (message.id === id) {
        if (message.error !== undefined) throw new Error(JSON.stringify(message.error));
        return message.result;
      }
    }
  }
  throw new Error('the call ended without a result');
}

async function startInstance(env, processes) {
  const child = fork(fileURLToPath(import.meta.url), ['--instance'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  processes.push(child);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('an instance did not start in 15 s')), 15_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`an instance exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid };
}

/** The instance process: a Tern server with the legacy layer, on a free loopback port. */
async function serveInstance() {
  const { McpServer } = await import('@tern/core-protocol');
  const { createLegacyLayer } = await import('@tern/legacy-compat');
  const { createNodeHandler } = await import('@tern/server-http/adapters/node');
  const { z } = await import('zod');
  const server = new McpServer(
    { name: 'bench-legacy', version: '1.0.0' },
    { requestState: { keys: [{ id: 'bench', secret: new Uint8Array(32).fill(3) }] } },
  );
  server.registerTool('confirm', { description: 'Asks once' }, async (_args, ctx) => {
    const answer = await ctx.elicit('Sure?', z.object({ confirm: z.boolean() }));
    return answer.action === 'accept' ? 'yes' : 'no';
  });
  let backplane;
  if (process.env.MODE === 'redis') {
    const { RedisConnection, RedisSessionBackplane } = await import('@tern/redis');
    const redis = await RedisConnection.connect({ url: process.env.REDIS_URL, keyPrefix: process.env.PREFIX });
    backplane = new RedisSessionBackplane(redis, { node: process.env.NODE_NAME });
  }
  // Every bench session comes from 127.0.0.1: one client, far above the default quota of 16.
  const layer = createLegacyLayer(server, { maxSessionsPerClient: 1000, ...(backplane === undefined ? {} : { backplane }) });
  const http = createServer(createNodeHandler(server, { fallback: layer }));
  http.listen(0, '127.0.0.1', () => process.send({ port: http.address().port }));
  process.once('SIGTERM', () => process.exit(0));
}

function render(rows, { started, timing, startLoad, endLoad }) {
  const base = rows.find((row) => row.name.includes('same instance'));
  const lines = [
    START,
    '## Legacy elicitation across instances (Redis backplane)',
    '',
    `A 2025-11-25 \`tools/call\` that asks once (\`elicitation/create\` on its SSE stream) and gets the answer POSTed by the client, ${SESSIONS} sessions in parallel, raw HTTP from this process; instances are separate Node processes, Redis a local \`redis-server\` 7 (\`bench/redis-legacy.mjs\`). "Through another instance": the call runs on A, the answer is POSTed to B, which forwards it over Redis pub/sub to A. CPU is the instances' utime+stime per call (all instances of the row), and redis-server's separately.`,
    '',
    `- Run: ${started}, ${timing.warmupSeconds} s warm-up per row, then ${timing.seconds} s per row measured in ${ROUNDS} interleaved rounds`,
    `- Machine: ${machine()}`,
    `- Load average before ${startLoad}, after ${endLoad} (the machine is shared: compare rows of one run)`,
    ...(Math.max(startLoad, endLoad) > describeMachine().nproc
      ? [
          '- **Preliminary:** the load average was above the number of cores, so latencies and calls/s are dominated by scheduling; CPU per call is the steadier figure. Two instances also share the work of one call (the answer POST is served by B), which is why that row can be faster than one instance.',
        ]
      : []),
    '',
    '| row | calls/s | p50 ms | p99 ms | instance CPU µs/call | redis-server CPU µs/call | p50 vs same instance |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${Math.round(row.rate).toLocaleString('en-US')} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${Math.round(row.cpuPerCall)} | ${row.name.startsWith('one process') ? '–' : Math.round(row.redisCpuPerCall)} | ${base === undefined ? '' : `${(row.p50 / base.p50).toFixed(2)}x`} |`,
    ),
    END,
  ];
  return lines.join('\n');
}

function machine() {
  const { nproc, model, memoryGiB, node, kernel } = describeMachine();
  return `${nproc} CPUs (${model}), ${memoryGiB.toFixed(1)} GiB, Node ${node}, Linux ${kernel}`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Last, so every declaration above is initialised before it runs.
if (process.argv[2] === '--instance') await serveInstance();
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const timing = values.quick ? { warmupSeconds: 1, seconds: 3 } : { warmupSeconds: 2, seconds: 8 };
  await appendRedisLegacySection(join(BENCH_DIR, 'RESULTS.md'), timing);
}
