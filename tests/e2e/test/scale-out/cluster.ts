// Starts the scale-out suite's Tern instances as real processes (fixture-server.ts under tsx),
// each on its own loopback port, and stops, kills and restarts them by PID. Every wait is bounded.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('fixture-server.ts', import.meta.url));
const E2E_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** How many instances. Default 3. */
  size?: number;
  redisUrl: string;
  /** Extra environment of every instance (TERN_LEASE_MS, TERN_POLL_INTERVAL_MS, ...). */
  env?: Record<string, string>;
  /** Milliseconds an instance may take to print READY. Default 60 000 (tsx compiles on start). */
  startTimeoutMs?: number;
}

/** One running (or killed) instance. */
export interface Instance {
  readonly id: string;
  /** The port, or `undefined` while the instance is down. */
  readonly port: number | undefined;
  readonly pid: number | undefined;
  /** SIGKILL, as a crash would: no shutdown, no lease released. Resolves once it exited. */
  kill(): Promise<void>;
  /** Starts the instance again (on a new port) after a kill. */
  restart(): Promise<void>;
}

export interface Cluster {
  readonly instances: readonly Instance[];
  /** Stops every instance still running (SIGTERM, then SIGKILL after 3 s), by PID. */
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const size = options.size ?? 3;
  const instances = Array.from(
    { length: size },
    (_, index) => new FixtureInstance(`i${String(index + 1)}`, options),
  );
  try {
    await Promise.all(instances.map((instance) => instance.restart()));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    throw error;
  }
  return {
    instances,
    stop: async () => void (await Promise.all(instances.map((instance) => instance.stop()))),
  };
}

class FixtureInstance implements Instance {
  readonly id: string;
  readonly #options: ClusterOptions;
  #child: ChildProcess | undefined;
  #port: number | undefined;

  constructor(id: string, options: ClusterOptions) {
    this.id = id;
    this.#options = options;
  }

  get port(): number | undefined {
    return this.#port;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  async restart(): Promise<void> {
    if (this.#child !== undefined) throw new Error(`${this.id} is running`);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@tern/source', FIXTURE],
      {
        cwd: E2E_ROOT,
        env: {
          ...process.env,
          ...this.#options.env,
          TERN_INSTANCE_ID: this.id,
          TERN_REDIS_URL: this.#options.redisUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.#child = child;
    child.once('exit', () => {
      if (this.#child === child) {
        this.#child = undefined;
        this.#port = undefined;
      }
    });
    this.#port = await readyPort(child, this.id, this.#options.startTimeoutMs ?? 60_000);
  }

  kill(): Promise<void> {
    return this.#signal('SIGKILL', 0);
  }

  stop(): Promise<void> {
    return this.#signal('SIGTERM', 3000);
  }

  async #signal(signal: NodeJS.Signals, escalateAfterMs: number): Promise<void> {
    const child = this.#child;
    if (child?.exitCode !== null || child.signalCode !== null) return;
    this.#port = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid ?? -1, signal);
    if (escalateAfterMs > 0) {
      const timer = setTimeout(() => child.kill('SIGKILL'), escalateAfterMs);
      await exited;
      clearTimeout(timer);
    } else {
      await exited;
    }
  }
}

/** Resolves with the port of `READY <port>` on the child's stdout; rejects on exit or timeout. */
function readyPort(child: ChildProcess, id: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`instance ${id} ${why}: ${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${String(timeoutMs)} ms`), timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const ready = /READY (\d+)/.exec(stdout);
      if (ready !== null) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${String(code ?? signal)}) before READY`));
  });
}
