// Cold start: the wall time from spawning a fresh server process to the first `tools/call`
// answered, for Tern and the official SDK v2 with the same tools (bench/servers/*), over node:http
// and over stdio, with the bare node:http server as the floor (Node's own start-up). Each server
// is started `runs` times, the servers interleaved so that a burst of load on the shared machine
// hits all of them alike; the figures are medians. Besides the wall time, the server's own CPU
// time up to the answer (from /proc, less sensitive to the other processes of a loaded machine)
// and its RSS then.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { isAbsolute, join } from 'node:path';
import { cpuMicros, memory } from './proc.mjs';
import { BENCH_DIR, freePort, within } from './processes.mjs';
import { ECHO } from './requests.mjs';

export const COLD_SERVERS = [
  { name: 'bare-node', transport: 'http', label: 'bare node:http (floor: Node start-up)' },
  { name: 'official-node', transport: 'http', label: 'official SDK v2, node:http' },
  { name: 'tern-node', transport: 'http', label: 'Tern, node:http' },
  { name: 'official-stdio', transport: 'stdio', label: 'official SDK v2, serveStdio' },
  { name: 'tern-stdio', transport: 'stdio', label: 'Tern, serveStdio' },
];

const TIMEOUT_MS = 20_000;

/** A bench server by name, or any server file by absolute path (the bundled variants). */
const serverFile = (name) => (isAbsolute(name) ? name : join(BENCH_DIR, 'servers', `${name}.mjs`));

/** POSTs the echo call once (no keep-alive) and resolves with the parsed JSON-RPC response. */
function postEcho(port) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: ECHO.headers,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(ECHO.body);
  });
}

/** Reads the server's CPU and RSS while it still runs (after the answer, before the stop). */
function readings(pid) {
  return { cpuMs: cpuMicros(pid) / 1000, rss: memory(pid).rss };
}

/** One cold start over HTTP: spawn, wait for the IPC ready signal, send the first call. */
async function coldHttp(name) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [serverFile(name)], {
    cwd: BENCH_DIR,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await within(
      new Promise((resolve, reject) => {
        child.on('message', (message) => message?.type === 'ready' && resolve());
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      }),
      TIMEOUT_MS,
      `${name} did not listen within ${TIMEOUT_MS} ms`,
    );
    const listening = performance.now();
    const response = await within(postEcho(port), TIMEOUT_MS, `${name} did not answer`);
    const answered = performance.now();
    return {
      response,
      listenMs: listening - started,
      firstCallMs: answered - started,
      ...readings(child.pid),
    };
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/** One cold start over stdio: spawn and write the call at once (the pipe holds it until read). */
async function coldStdio(name) {
  const started = performance.now();
  const child = spawn(process.execPath, [serverFile(name)], {
    cwd: BENCH_DIR,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  child.stdin.on('error', () => undefined);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const line = new Promise((resolve, reject) => {
      let buffer = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        const end = buffer.indexOf('\n');
        if (end !== -1) resolve(buffer.slice(0, end));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    const body = JSON.parse(ECHO.body);
    child.stdin.write(`${JSON.stringify(body)}\n`);
    const response = JSON.parse(await within(line, TIMEOUT_MS, `${name} did not answer`));
    const answered = performance.now();
    return { response, firstCallMs: answered - started, ...readings(child.pid) };
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/** One cold start of `server`; throws unless the answer is the echo's. */
export async function coldStart(server) {
  const run = server.transport === 'http' ? coldHttp : coldStdio;
  const sample = await run(server.file ?? server.name);
  const text = sample.response?.result?.content?.[0]?.text;
  // The bare server answers a fixed result; the MCP servers must echo the argument.
  if (!server.name.endsWith('bare-node') && text !== 'hello bench')
    throw new Error(`${server.name} answered ${JSON.stringify(sample.response).slice(0, 300)}`);
  delete sample.response;
  return sample;
}

export function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `runs` cold starts of each server, interleaved, and returns one row per server with the
 * medians (and the minimum of the first-call time, the figure least touched by load).
 */
export async function runColdStarts({ runs, servers = COLD_SERVERS, log = () => undefined }) {
  const samples = new Map(servers.map((server) => [server.name, []]));
  const failures = new Map();
  for (let index = 0; index < runs; index += 1) {
    for (const server of servers) {
      if (failures.has(server.name)) continue;
      try {
        samples.get(server.name).push(await coldStart(server));
      } catch (error) {
        failures.set(server.name, String(error?.message ?? error));
      }
    }
    log(`cold start ${index + 1}/${runs}`);
  }
  return servers.map((server) => {
    const list = samples.get(server.name);
    if (failures.has(server.name))
      return { ...server, status: 'failed', reason: failures.get(server.name) };
    return {
      ...server,
      status: 'ok',
      runs: list.length,
      firstCallMs: median(list.map((sample) => sample.firstCallMs)),
      firstCallMinMs: Math.min(...list.map((sample) => sample.firstCallMs)),
      listenMs: median(list.map((sample) => sample.listenMs)),
      cpuMs: median(list.map((sample) => sample.cpuMs)),
      rss: median(list.map((sample) => sample.rss)),
    };
  });
}
