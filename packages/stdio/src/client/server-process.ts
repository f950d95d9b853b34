import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { safeParseMessage } from '@tern/jsonrpc';
import type { JsonRpcMessage } from '@tern/jsonrpc';
import { LineSplitter } from '../framing/line-splitter.js';
import { MessageWriter } from '../framing/message-writer.js';

/** How a server process is started. @internal */
export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string | undefined;
  readonly stderr: 'inherit' | 'pipe' | 'ignore';
  readonly maxLineBytes: number;
  /** Bytes that may wait for the server to read its stdin before requests wait for room. */
  readonly maxWriteBufferBytes: number;
}

/** What a {@link ServerProcess} reports. @internal */
export interface ServerProcessEvents {
  message(message: JsonRpcMessage): void;
  /** A line on stdout that is not a JSON-RPC message (the server broke #260). */
  garbage(reason: string): void;
  /** The process is gone; `expected` when {@link ServerProcess.stop} ended it. */
  exit(code: number | null, signal: NodeJS.Signals | null, expected: boolean): void;
}

/**
 * One spawned stdio server: its stdin as a message writer, its stdout cut into messages, its
 * stderr left to the user (it is not an error, requirements.md #259). @internal
 */
export class ServerProcess {
  readonly #child: ChildProcess;
  readonly #writer: MessageWriter;
  readonly #exited: Promise<void>;
  #stopping = false;

  constructor(spec: SpawnSpec, events: ServerProcessEvents) {
    this.#child = spawn(spec.command, [...spec.args], {
      env: spec.env,
      cwd: spec.cwd,
      stdio: ['pipe', 'pipe', spec.stderr],
      windowsHide: true,
    });
    const { stdin, stdout } = this.#child;
    if (stdin === null || stdout === null) throw new TypeError('spawn gave no stdio pipes');
    this.#writer = new MessageWriter(stdin, spec.maxWriteBufferBytes);
    const splitter = new LineSplitter(
      {
        line: (bytes) => {
          const parsed = safeParseMessage(bytes);
          if (parsed.success) events.message(parsed.message);
          else events.garbage(parsed.error.message);
        },
        oversized: (limit) => events.garbage(`a message longer than ${limit} bytes was dropped`),
      },
      spec.maxLineBytes,
    );
    stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
    this.#exited = new Promise((resolve) => {
      // 'close' waits for stdio to drain; 'error' covers a command that could not start.
      let done = false;
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (done) return;
        done = true;
        events.exit(code, signal, this.#stopping);
        resolve();
      };
      this.#child.once('close', finish);
      this.#child.once('error', () => finish(null, null));
    });
  }

  /** The process id, once spawned. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** The server's stderr, when spawned with `stderr: 'pipe'`. */
  get stderr(): Readable | null {
    return this.#child.stderr;
  }

  get isAlive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null && !this.#stopping;
  }

  /** @throws TypeError when `message` is not JSON */
  send(message: object): void {
    this.#writer.write(message);
  }

  /** Bytes written to the server's stdin that it has not read yet (beyond the OS pipe). */
  get bufferedBytes(): number {
    return this.#writer.bufferedBytes;
  }

  /**
   * Calls `listener` once at most `maxWriteBufferBytes` wait for the server to read (at once when
   * that is now): a server that stops reading its stdin makes new requests wait, not pile up.
   */
  onRoom(listener: () => void): void {
    this.#writer.onRoom(listener);
  }

  /**
   * Shuts the server down as requirements.md #264 says: close its stdin, wait; then SIGTERM,
   * wait; then SIGKILL. Resolves once it is gone.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    this.#child.stdin?.end();
    if (await this.#exitsWithin(graceMs)) return;
    this.#child.kill('SIGTERM');
    if (await this.#exitsWithin(graceMs)) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  async #exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const exited = await Promise.race([this.#exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return exited;
  }
}
