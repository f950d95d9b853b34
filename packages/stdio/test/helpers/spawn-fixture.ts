// How the tests start a program of test/fixtures: Node with the TypeScript loader, resolving the
// workspace packages to their sources (the @tern/source condition), from the package directory.
import type { Stream } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The package directory (where tsx and the official SDKs resolve). */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The command, arguments and directory that run `test/fixtures/<name>.ts` over stdio. */
export function fixtureCommand(name: string): { command: string; args: string[]; cwd: string } {
  return {
    command: process.execPath,
    args: [
      '--conditions=@tern/source',
      '--import',
      'tsx',
      fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url)),
    ],
    cwd: PACKAGE_DIR,
  };
}

/** The command that runs the `tern-stdio` bin from its sources with `args`. */
export function binCommand(args: string[]): { command: string; args: string[]; cwd: string } {
  return {
    command: process.execPath,
    args: [
      '--conditions=@tern/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('../../src/bin/tern-stdio.ts', import.meta.url)),
      ...args,
    ],
    cwd: PACKAGE_DIR,
  };
}

/** Collects what a child writes to stderr, and waits for a line containing some text. */
export class StderrLog {
  text = '';
  readonly #waiters: { needle: string; resolve: () => void }[] = [];

  constructor(stream: Stream | null | undefined) {
    stream?.on('data', (chunk: Buffer) => {
      this.text += chunk.toString('utf8');
      for (const waiter of [...this.#waiters]) {
        if (!this.text.includes(waiter.needle)) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  }

  /** Resolves once stderr contained `needle`; rejects after `ms`. */
  waitFor(needle: string, ms = 5000): Promise<void> {
    if (this.text.includes(needle)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`stderr never showed "${needle}"; it was:\n${this.text}`)),
        ms,
      );
      this.#waiters.push({ needle, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}
