// The stdio rows of `pnpm bench`: Tern's serveStdio and the official SDK v2's serveStdio, each a
// fresh child process spawned with pipes, driven by this process (the host side of stdio) with
// a fixed number of one-round tools/call requests in flight. Server CPU comes from /proc, as for
// the HTTP rows; the process is stopped by closing its stdin, then by PID.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cpuMicros, memory } from './proc.mjs';
import { BENCH_DIR, within } from './processes.mjs';
import { meta } from './requests.mjs';

export const STDIO_SERVERS = [
  { name: 'official-stdio', label: 'official SDK v2, serveStdio' },
  { name: 'tern-stdio', label: 'Tern, serveStdio' },
];

const IN_FLIGHT = 32;

function echoLine(id) {
  const params = { name: 'echo', arguments: { text: 'hello bench' }, _meta: meta() };
  return `${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params })}\n`;
}

/** A spawned stdio server and a way to send a request and await its response by id. */
function startStdioServer(name) {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'servers', `${name}.mjs`)], {
    cwd: BENCH_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pending = new Map();
  let buffer = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let index;
    while ((index = buffer.indexOf('\n')) !== -1) {
      const message = JSON.parse(buffer.slice(0, index));
      buffer = buffer.slice(index + 1);
      const settle = pending.get(message.id);
      if (settle !== undefined) {
        pending.delete(message.id);
        settle(message);
      }
    }
  });
  child.stdin.on('error', () => undefined);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid,
    stderr: () => stderr,
    call(id) {
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.stdin.write(echoLine(id));
      });
    },
    async stop() {
      child.stdin.end();
      try {
        await within(exited, 2000, 'no exit');
      } catch {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** One row: warm-up, then `timing.seconds` with IN_FLIGHT requests always outstanding. */
async function runStdioRow(info, timing) {
  const server = startStdioServer(info.name);
  try {
    let id = 0;
    const first = await within(server.call((id += 1)), 15_000, 'the server did not answer');
    if (first.result?.content?.[0]?.text !== 'hello bench') {
      throw new Error(`echo answered ${JSON.stringify(first).slice(0, 300)}`);
    }
    const latencies = [];
    let measuring = false;
    let completed = 0;
    let stopAt = performance.now() + timing.warmupSeconds * 1000;
    const worker = async () => {
      while (performance.now() < stopAt) {
        const started = performance.now();
        await server.call((id += 1));
        if (measuring) {
          latencies.push(performance.now() - started);
          completed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const cpuBefore = cpuMicros(server.pid);
    const clientBefore = process.cpuUsage();
    const startedAt = performance.now();
    measuring = true;
    stopAt = startedAt + timing.seconds * 1000;
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - startedAt) / 1000;
    const serverMicros = cpuMicros(server.pid) - cpuBefore;
    const client = process.cpuUsage(clientBefore);
    latencies.sort((a, b) => a - b);
    return {
      server: info.name,
      label: info.label,
      status: 'ok',
      rps: completed / seconds,
      completed,
      latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
      cpuMicrosPerRequest: serverMicros / completed,
      serverCores: serverMicros / 1e6 / seconds,
      clientCores: (client.user + client.system) / 1e6 / seconds,
      peakRss: memory(server.pid).hwm,
    };
  } catch (error) {
    return {
      server: info.name,
      label: info.label,
      status: 'failed',
      reason: String(error?.message ?? error),
      output: server.stderr(),
    };
  } finally {
    await server.stop();
  }
}

/** Runs every stdio row, reporting each as it ends. */
export async function runStdioRows(timing, report) {
  const rows = [];
  for (const info of STDIO_SERVERS) {
    const row = await runStdioRow(info, timing);
    report(row);
    rows.push(row);
  }
  return rows;
}

/** The report section of the stdio rows. */
export function renderStdioSection(rows) {
  if (rows.length === 0) return '';
  const official = rows.find((row) => row.server === 'official-stdio' && row.status === 'ok');
  const lines = [
    '## stdio: one-round tools/call, 32 requests in flight',
    '',
    'The same 2026-07-28 `tools/call` of `echo` written as newline-delimited JSON-RPC to the stdin',
    "of a fresh server process, 32 requests always outstanding, answers read from its stdout: Tern's",
    "`serveStdio` (`@tern/stdio`, built) against the official SDK v2's `serveStdio`",
    '(`@modelcontextprotocol/server/stdio`, the same tools). The bench process is the host: its CPU',
    'is the "client cores" column.',
    '',
    '| server | req/s | p50 ms | p99 ms | server CPU µs/req | client cores | peak RSS MB | Tern/official req/s | Tern/official CPU/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if (row.status !== 'ok') {
      lines.push(`| ${row.label} | failed: ${row.reason} | | | | | | | |`);
      continue;
    }
    const ratio = (value, base) =>
      official === undefined || row === official ? '' : `${(value / base).toFixed(2)}x`;
    lines.push(
      `| ${row.label} | ${Math.round(row.rps)} | ${row.latency.p50.toFixed(2)} | ${row.latency.p99.toFixed(2)} | ${Math.round(row.cpuMicrosPerRequest)} | ${row.clientCores.toFixed(2)} | ${(row.peakRss / 1048576).toFixed(1)} | ${ratio(row.rps, official?.rps)} | ${ratio(row.cpuMicrosPerRequest, official?.cpuMicrosPerRequest)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
