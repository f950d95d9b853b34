// Starting and stopping the processes of a run: servers (`node <file>` with PORT, bound to
// 127.0.0.1, stopped by PID) and load drivers. Every wait is bounded.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A free TCP port on 127.0.0.1 (bound and released at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Rejects after `ms` with `message`, unless `promise` settles first. */
export function within(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every child this run started and has not stopped yet: stopped by PID on an interrupt. */
const running = new Set();

function stopAllAndExit(signal) {
  for (const child of running) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.once('SIGINT', stopAllAndExit);
process.once('SIGTERM', stopAllAndExit);

/**
 * Starts `node [nodeFlags] servers/<name>.mjs` with PORT set and an IPC side channel, and waits
 * until it listens.
 *
 * @returns {Promise<ServerProcess>}
 */
export async function startServer(name, { nodeFlags = [], env = {}, log } = {}) {
  const port = await freePort();
  // A bench server by name, or (for experiments) any server file by absolute path.
  const file = isAbsolute(name) ? name : join(BENCH_DIR, 'servers', `${name}.mjs`);
  const child = spawn(process.execPath, [...nodeFlags, file], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
    log?.(chunk.toString());
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const server = new ServerProcess(name, child, port, output);
  try {
    await within(
      new Promise((resolve, reject) => {
        child.on('message', function onReady(message) {
          if (message?.type !== 'ready') return;
          child.off('message', onReady);
          resolve();
        });
        child.once('exit', (code) =>
          reject(new Error(`${name} exited with ${code} before listening:\n${output.join('')}`)),
        );
      }),
      15_000,
      `${name} did not listen within 15 s`,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** A running bench server. */
export class ServerProcess {
  #nextId = 0;
  #pending = new Map();

  constructor(name, child, port, output) {
    this.name = name;
    this.child = child;
    this.pid = child.pid;
    this.port = port;
    this.url = `http://127.0.0.1:${port}/mcp`;
    this.output = output;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.on('message', (message) => {
      const pending = this.#pending.get(message?.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message);
      else pending.reject(new Error(message.error));
    });
  }

  /** Sends a side-channel message and waits (bounded) for its answer. */
  ask(message, timeoutMs = 30_000) {
    this.#nextId += 1;
    const id = this.#nextId;
    const answer = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    this.child.send({ ...message, id });
    return within(
      answer,
      timeoutMs,
      `${this.name} did not answer ${message.type} within ${timeoutMs} ms`,
    );
  }

  /** Stops the server by PID: SIGTERM (it exits normally, writing a CPU profile if asked), then SIGKILL. */
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      process.kill(this.pid, 'SIGTERM');
      try {
        await within(this.exited, 10_000, 'no exit');
      } catch {
        process.kill(this.pid, 'SIGKILL');
        await this.exited;
      }
    }
    running.delete(this.child);
  }
}

/**
 * Runs the load driver with `config`. `onMark('start' | 'end')` is called at the edges of the
 * measured window (the harness samples /proc there) with the driver's PID.
 */
export async function runDriver(config, onMark, timeoutMs) {
  const child = spawn(
    process.execPath,
    [join(BENCH_DIR, 'lib', 'driver.mjs'), JSON.stringify(config)],
    {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  running.add(child);
  try {
    return await within(
      new Promise((resolve, reject) => {
        child.on('message', (message) => {
          if (message.type === 'start' || message.type === 'end') {
            onMark(message.type, child.pid);
            child.send({ type: `${message.type}-ack` });
          } else if (message.type === 'result') resolve(message.result);
          else if (message.type === 'error') reject(new Error(message.error));
        });
        child.once('exit', (code) => {
          if (code !== 0) reject(new Error(`the driver exited with ${code}`));
        });
      }),
      timeoutMs,
      `the driver did not finish within ${timeoutMs} ms`,
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    running.delete(child);
  }
}
