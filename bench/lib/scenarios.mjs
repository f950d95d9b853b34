// The servers and scenarios of `pnpm bench`, and how one row (one scenario on one server) runs.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { openStreams } from './listen-client.mjs';
import { cpuMicros, loadAverage, memory, sample } from './proc.mjs';
import { runDriver, startServer } from './processes.mjs';
import { ECHO, PROGRESS, readRpcBody } from './requests.mjs';

/** The servers, in report order. `kind` groups them for ratios; `adapter` pairs them. */
export const SERVERS = [
  {
    name: 'bare-node',
    label: 'bare node:http, fixed answer (ceiling)',
    kind: 'bare',
    adapter: 'node',
  },
  {
    name: 'bare-express',
    label: 'bare Express 5 + express.json(), fixed answer (floor)',
    kind: 'bare',
    adapter: 'express',
  },
  {
    name: 'official-express',
    label: 'official SDK v2, Express',
    kind: 'official',
    adapter: 'express',
  },
  { name: 'official-node', label: 'official SDK v2, node:http', kind: 'official', adapter: 'node' },
  { name: 'tern-express', label: 'Tern, Express', kind: 'tern', adapter: 'express' },
  { name: 'tern-node', label: 'Tern, node:http', kind: 'tern', adapter: 'node' },
];

const NOT_MCP = 'a bare server answers a fixed result: it has no MCP behaviour to exercise';

/** The logical MRTR calls: the tool, its arguments, how many rounds, how the answer starts. */
const BOOK = { tool: 'book', args: { city: 'Lisbon' }, rounds: 3, expect: 'Booked' };
const SURVEY = { tool: 'survey', args: { topic: 'bench' }, rounds: 10, expect: 'Survey total' };
/** The one-round `echo` call, sent by the MRTR driver: the reference of the MRTR rows. */
const ECHO_CALL = { tool: 'echo', args: { text: 'hello bench' }, rounds: 1, expect: 'hello bench' };

/** The scenario the MRTR rows are also divided by: the one-round call sent by the MRTR driver. */
export const MRTR_REFERENCE = 'mrtr1-32';

/** The scenarios, in report order. */
export const SCENARIOS = [
  {
    id: 'call-1',
    title: 'one-round tools/call, 1 connection',
    mode: 'autocannon',
    request: ECHO,
    connections: 1,
    check: checkEcho,
  },
  {
    id: 'call-32',
    title: 'one-round tools/call, 32 connections',
    mode: 'autocannon',
    request: ECHO,
    connections: 32,
    check: checkEcho,
  },
  // The MRTR driver is a Node http client, not autocannon: the same one-round call through it
  // costs the server more CPU per request (fewer requests per event-loop turn). Dividing the
  // MRTR rows by this row compares like with like; the bare servers answer it too.
  {
    id: MRTR_REFERENCE,
    title: 'one-round tools/call sent by the MRTR driver (the MRTR rows\' reference), 32 calls in flight',
    mode: 'mrtr',
    mrtr: ECHO_CALL,
    connections: 32,
  },
  {
    id: 'mrtr-1',
    title: 'three-round MRTR call (two elicitations, sealed state), 1 call in flight',
    mode: 'mrtr',
    mrtr: BOOK,
    connections: 1,
    bare: NOT_MCP,
  },
  {
    id: 'mrtr-32',
    title: 'three-round MRTR call (two elicitations, sealed state), 32 calls in flight',
    mode: 'mrtr',
    mrtr: BOOK,
    connections: 32,
    bare: NOT_MCP,
  },
  {
    id: 'mrtr10-32',
    title: 'ten-round MRTR call (nine elicitations, sealed state), 32 calls in flight',
    mode: 'mrtr',
    mrtr: SURVEY,
    connections: 32,
    bare: NOT_MCP,
    official:
      "Tern's replay only: the official server's write-once handlers carry their own state, so there is no replay whose growth to measure",
  },
  {
    id: 'progress-32',
    title: 'tools/call streaming 10 progress notifications over SSE, 32 connections',
    mode: 'autocannon',
    request: PROGRESS,
    connections: 32,
    check: checkProgress,
    bare: NOT_MCP,
  },
  // The bare servers hold a plain SSE response per stream: the floor of what a stream costs.
  {
    id: 'listen-1000',
    title: '1,000 idle subscriptions/listen streams, one notification fanned out',
    mode: 'listen',
    streams: 1000,
    fanouts: 5,
  },
];

/** One POST, answered in full. */
function postOnce(url, { headers, body }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.setEncoding('utf8');
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            contentType: res.headers['content-type'] ?? '',
            text: chunks.join(''),
          }),
        );
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

async function checkEcho(url) {
  const reply = await postOnce(url, ECHO);
  const { response } = readRpcBody(reply.contentType, reply.text);
  const text = response?.result?.content?.[0]?.text;
  if (reply.status !== 200 || text !== 'hello bench') {
    throw new Error(`echo answered HTTP ${reply.status}: ${reply.text.slice(0, 300)}`);
  }
}

async function checkProgress(url) {
  const reply = await postOnce(url, PROGRESS);
  const { response, notifications } = readRpcBody(reply.contentType, reply.text);
  const progress = notifications.filter((message) => message.method === 'notifications/progress');
  const text = response?.result?.content?.[0]?.text;
  if (
    reply.status !== 200 ||
    !reply.contentType.includes('text/event-stream') ||
    progress.length !== 10 ||
    text !== 'done'
  ) {
    throw new Error(
      `progress answered HTTP ${reply.status} (${reply.contentType}) with ${progress.length} progress notifications: ${reply.text.slice(0, 300)}`,
    );
  }
}

/** The figures of a measured window, from the two /proc samples around it. */
function windowFigures(before, after, serverPid, driverPid) {
  const seconds = (after.at - before.at) / 1000;
  const server = after.cpu[serverPid] - before.cpu[serverPid];
  const driver = driverPid === undefined ? 0 : after.cpu[driverPid] - before.cpu[driverPid];
  const tasks = after.machine.tasks - before.machine.tasks;
  return {
    windowSeconds: seconds,
    serverCpuMicros: server,
    serverCores: server / 1e6 / seconds,
    clientCores: driver / 1e6 / seconds,
    // Every other process meanwhile (other builds and tests, the harness itself).
    otherCores: Math.max(0, tasks - server - driver) / 1e6 / seconds,
    // Interrupt and softirq time (mostly the loopback TCP stack), charged to no process.
    interruptCores: (after.machine.interrupts - before.machine.interrupts) / 1e6 / seconds,
  };
}

async function loadRow(server, scenario, timing) {
  const url = server.url;
  await scenario.check?.(url);
  let before;
  let after;
  const result = await runDriver(
    {
      mode: scenario.mode,
      url,
      request: scenario.request,
      mrtr: scenario.mrtr,
      connections: scenario.connections,
      warmupSeconds: timing.warmupSeconds,
      seconds: timing.seconds,
    },
    (mark, driverPid) => {
      if (mark === 'start') before = { ...sample([server.pid, driverPid]), driverPid };
      else after = sample([server.pid, driverPid]);
    },
    (timing.warmupSeconds + timing.seconds) * 1000 + 60_000,
  );
  const figures = windowFigures(before, after, server.pid, before.driverPid);
  if (scenario.mode === 'mrtr' && result.roundsPerCall !== scenario.mrtr.rounds) {
    throw new Error(
      `an MRTR call took ${result.roundsPerCall} rounds, not ${scenario.mrtr.rounds}`,
    );
  }
  return {
    rps: result.rps,
    completed: result.completed,
    latency: result.latency,
    errors: result.errors,
    non2xx: result.non2xx,
    firstError: result.firstError,
    cpuMicrosPerRequest:
      result.completed > 0 ? figures.serverCpuMicros / result.completed : Number.NaN,
    ...(scenario.mode === 'mrtr' ? { httpRequestsPerCall: result.roundsPerCall } : {}),
    ...figures,
  };
}

async function listenRow(server, scenario) {
  const baseline = await server.ask({ type: 'stats', gc: true });
  const client = await openStreams(server.url, scenario.streams);
  // Let the keep-alive timers and buffers settle before reading memory.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const loaded = await server.ask({ type: 'stats', gc: true });
  const perStream = (field) => (field(loaded) - field(baseline)) / scenario.streams;
  const cpuBefore = cpuMicros(server.pid);
  const fanouts = [];
  for (let level = 1; level <= scenario.fanouts; level += 1) {
    fanouts.push(await client.waitForChange(level, () => server.ask({ type: 'notify', count: 1 })));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cpuAfter = cpuMicros(server.pid);
  client.closeAll();
  // The server must let go of every stream once its client left: how long it takes (bounded).
  const closedAt = performance.now();
  let releasedAfterMs;
  let stillSubscribed;
  for (let attempt = 0; attempt < 200 && releasedAfterMs === undefined; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stats = await server.ask({ type: 'stats' });
    stillSubscribed = stats.counters.busListeners - baseline.counters.busListeners;
    if (stillSubscribed === 0) releasedAfterMs = performance.now() - closedAt;
  }
  const sorted = [...fanouts].sort((a, b) => a - b);
  return {
    streams: scenario.streams,
    rssPerStream: perStream((stats) => stats.proc.rss),
    heapPerStream: perStream((stats) => stats.memory.heapUsed + stats.memory.external),
    fanoutLastMs: {
      median: sorted[Math.floor(sorted.length / 2)],
      max: sorted.at(-1),
      all: fanouts,
    },
    // Includes the 100 ms pauses' idle time, which costs nothing.
    cpuMicrosPerDelivery: (cpuAfter - cpuBefore) / (scenario.fanouts * scenario.streams),
    releasedAfterMs,
    stillSubscribed,
  };
}

/**
 * Runs one row: starts the server, checks it answers the scenario correctly, measures, reads its
 * peak RSS and stops it by PID. Never throws: a failure is reported in the row.
 */
export async function runRow(serverInfo, scenario, timing, { profileDir } = {}) {
  const row = { server: serverInfo.name, scenario: scenario.id, loadAverageBefore: loadAverage() };
  if (serverInfo.kind === 'bare' && scenario.bare !== undefined)
    return { ...row, status: 'n/a', reason: scenario.bare };
  if (serverInfo.kind === 'official' && scenario.official !== undefined)
    return { ...row, status: 'n/a', reason: scenario.official };
  const nodeFlags = [];
  if (scenario.mode === 'listen') nodeFlags.push('--expose-gc');
  if (profileDir !== undefined) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
    nodeFlags.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  }
  let server;
  try {
    server = await startServer(serverInfo.name, { nodeFlags });
    const figures =
      scenario.mode === 'listen'
        ? await listenRow(server, scenario)
        : await loadRow(server, scenario, timing);
    const { hwm } = memory(server.pid);
    return { ...row, status: 'ok', ...figures, peakRss: hwm, loadAverageAfter: loadAverage() };
  } catch (error) {
    return {
      ...row,
      status: 'failed',
      reason: String(error?.message ?? error).split('\n')[0],
      output: server?.output.join('').slice(-2000),
    };
  } finally {
    await server?.stop();
  }
}

/** The profile `node --cpu-prof` wrote into `dir`, if any. */
export function profileIn(dir) {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  return file === undefined ? undefined : join(dir, file);
}
