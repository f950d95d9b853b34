/**
 * The demo server (apps/demo-server) in authorization mode as a process, from its TypeScript
 * sources (tsx), serving a given build of this page at /app/ (`DEMO_WEB_CLIENT_DIR`), with its
 * development authorization server next to it. Stopped by its PID.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const DEMO_SERVER = fileURLToPath(new URL('../../../demo-server/', import.meta.url));

export interface DemoServerProcess {
  /** The demo's origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** The development authorization server's issuer. */
  readonly issuer: string;
  stop(): Promise<void>;
}

/** Starts it on free ports and resolves once it printed its addresses (at most `timeoutMs`). */
export function startDemoServer(pageDir: string, timeoutMs = 60_000): Promise<DemoServerProcess> {
  const tsx = createRequire(`${DEMO_SERVER}package.json`).resolve('tsx');
  const child = spawn(process.execPath, ['--conditions=@tern/source', '--import', tsx, `${DEMO_SERVER}src/main.ts`], {
    env: { ...process.env, DEMO_AUTH: '1', PORT: '0', DEMO_AUTH_PORT: '0', DEMO_WEB_CLIENT_DIR: pageDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    await exited;
  };
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`the demo server did not start:\n${out}${err}`))), timeoutMs);
    void exited.then(() => reject(new Error(`the demo server ended:\n${out}${err}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out)?.[1];
      const issuer = /auth {7}(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (origin === undefined || issuer === undefined) return;
      clearTimeout(timer);
      resolve({ origin, issuer, stop });
    });
  });
}
