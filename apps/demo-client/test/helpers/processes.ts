// The demo server and the demo client as real processes (from their TypeScript sources, with
// tsx), for tests that run them end to end. Each is stopped by its PID.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const appsDir = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

/** A running process whose output is collected as it arrives. */
export interface Running {
  readonly child: ChildProcess;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches `pattern` (rejects after `timeoutMs` or when the process ends). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stop(): void;
}

export function run(app: 'demo-server' | 'demo-client', args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ['--conditions=@tern/source', '--import', tsx, `${appsDir}${app}/src/main.ts`, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const changed = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const listener of changed) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const listener of changed) listener();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${pattern} within ${timeoutMs} ms in:\n${out}\n${err}`)), timeoutMs);
        const check = (): void => {
          const match = pattern.exec(out);
          if (match !== null) done(match);
          else if (ended) done(new Error(`${app} ended without ${pattern}:\n${out}\n${err}`));
        };
        function done(outcome: RegExpExecArray | Error): void {
          clearTimeout(timer);
          changed.delete(check);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        }
        changed.add(check);
        check();
      }),
    stop: () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    },
  };
}
