import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** The `redis-server` binary. Default `$REDIS_SERVER`, else `redis-server` on the PATH. */
  binary?: string;
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** Milliseconds to wait for the server to accept connections. Default 10 000. */
  startTimeoutMs?: number;
}

/**
 * A real `redis-server` process on 127.0.0.1, for tests and benchmarks: no persistence, stopped by
 * its PID. `pause()` and `resume()` freeze it (SIGSTOP/SIGCONT) to play a Redis that hangs;
 * `restart()` kills it and starts it again on the same port, empty, to play a Redis that fails over.
 */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  pause(): void;
  resume(): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a `redis-server`.
 * @throws Error when the binary is missing or the server does not come up in time
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? process.env['REDIS_SERVER'] ?? 'redis-server';
  const port = options.port ?? (await freePort());
  const timeout = options.startTimeoutMs ?? 10_000;
  let child = await launch(binary, port, timeout);
  return {
    url: `redis://127.0.0.1:${String(port)}`,
    port,
    get pid() {
      return child.pid ?? -1;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    restart: async () => {
      await kill(child);
      child = await launch(binary, port, timeout);
    },
    stop: () => kill(child),
  };
}

async function launch(binary: string, port: number, timeoutMs: number): Promise<ChildProcess> {
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, [...args, '--daemonize', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => {
      reject(new Error(`could not start ${binary} (install Debian's redis-server, or set REDIS_SERVER): ${error.message}`));
    });
    child.once('exit', (code) => {
      reject(new Error(`${binary} exited with ${String(code)} before accepting connections: ${stderr}`));
    });
  });
  failed.catch(() => undefined);
  await Promise.race([failed, untilAccepting(port, timeoutMs)]);
  return child;
}

async function untilAccepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not accept connections on port ${String(port)} within ${String(timeoutMs)} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end('PING\r\n');
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
