// A peer that writes raw bytes to a spawned stdio program and reads the lines it answers: for
// tests of what the official clients would never send.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fixtureCommand, StderrLog } from './spawn-fixture.js';

export const MODERN_META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** A line of stdout, as the tests look at it (a string when it was not JSON). */
export interface WireMessage {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

/** A spawned fixture with its stdout split into parsed lines. */
export class RawPeer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stderr: StderrLog;
  readonly lines: (WireMessage | string)[] = [];
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  readonly #waiters: {
    test: (line: WireMessage) => boolean;
    resolve: (line: WireMessage) => void;
  }[] = [];
  #buffer = '';

  constructor(
    spec: { command: string; args: string[]; cwd: string } = fixtureCommand('tern-server'),
  ) {
    const { command, args, cwd } = spec;
    this.child = spawn(command, args, { cwd, stdio: 'pipe' });
    this.stderr = new StderrLog(this.child.stderr);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let index;
      while ((index = this.#buffer.indexOf('\n')) !== -1) {
        const line = this.#buffer.slice(0, index);
        this.#buffer = this.#buffer.slice(index + 1);
        // Anything but JSON on stdout breaks requirements.md #260: keep it visible as a string.
        let parsed: WireMessage | string;
        try {
          parsed = JSON.parse(line) as WireMessage;
        } catch {
          parsed = `NOT JSON: ${line}`;
        }
        this.lines.push(parsed);
        if (typeof parsed === 'string') continue;
        const message = parsed;
        for (const waiter of [...this.#waiters]) {
          if (!waiter.test(message)) continue;
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    this.child.stdin.on('error', () => undefined);
  }

  write(data: string | Buffer): void {
    this.child.stdin.write(data);
  }

  send(message: object): void {
    this.write(`${JSON.stringify(message)}\n`);
  }

  /** The first line (already seen or still to come) that `test` accepts; rejects after `ms`. */
  next(test: (line: WireMessage) => boolean, ms = 5000): Promise<WireMessage> {
    const seen = this.lines.find(
      (line): line is WireMessage => typeof line !== 'string' && test(line),
    );
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching line within ${String(ms)} ms; got ${JSON.stringify(this.lines)}`,
            ),
          ),
        ms,
      );
      this.#waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  /** Sends a modern `tools/call` and waits for its response. */
  async call(id: number, name: string, args: object = {}): Promise<WireMessage> {
    this.send({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args, _meta: MODERN_META },
    });
    return this.next((line) => line.id === id);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * One RawPeer on the Tern fixture for the tests of the calling `describe` block, killed after
 * them, with request ids that do not repeat; `wroteOnlyJsonRpc` checks #260 over all its lines.
 */
export function useRawPeer(): {
  readonly peer: RawPeer;
  nextId(): number;
  wroteOnlyJsonRpc(): void;
} {
  let peer: RawPeer | undefined;
  let id = 0;
  beforeAll(() => {
    peer = new RawPeer();
  });
  afterAll(() => {
    peer?.kill();
  });
  return {
    get peer(): RawPeer {
      if (peer === undefined) throw new Error('useRawPeer: the peer starts in beforeAll');
      return peer;
    },
    nextId: () => (id += 1),
    wroteOnlyJsonRpc: () => {
      for (const line of peer?.lines ?? []) expect(line).toMatchObject({ jsonrpc: '2.0' });
    },
  };
}
