import type { Readable, Writable } from 'node:stream';
import type { LegacyLayerOptions } from '@tern/legacy-compat';
import { nonNegativeLimit, positiveLimit } from '../limits.js';

/** The legacy-session options that mean something on stdio. */
export type StdioLegacyOptions = Pick<
  LegacyLayerOptions,
  'versions' | 'askTimeoutMs' | 'maxAskAttempts' | 'maxInputRounds' | 'defaultLogLevel' | 'onError'
>;

/** Options of {@link serveStdio}. Every limit has a default ({@link DEFAULT_STDIO_LIMITS}). */
export interface ServeStdioOptions {
  /** Where messages come from. Default `process.stdin`. */
  stdin?: Readable;
  /** Where messages go, and nothing else (requirements.md #260). Default `process.stdout`. */
  stdout?: Writable;
  /** Where diagnostics go (refused input, a stray response). Default `process.stderr`. */
  stderr?: Writable;
  /**
   * Longest message accepted, in bytes. A longer line is skipped up to its newline and answered
   * with a `-32600` error (id `null`); the server keeps serving. Default 8 MiB.
   */
  maxLineBytes?: number;
  /**
   * Most requests running at once. Requests read past it wait their turn, in order, while the
   * server keeps reading: the client's answers to the server's asks and its cancellations still
   * get through. Once more than this many wait too, the server stops reading stdin until one
   * ends. Default 64.
   */
  maxConcurrentRequests?: number;
  /**
   * Most bytes waiting to be written to stdout before the server stops reading stdin (a host
   * that reads slowly, or not at all for a while). Reading resumes once the buffer is back at the
   * limit; nothing is dropped. Requests already running still finish, so the buffer can exceed
   * the limit by their output (at most `maxConcurrentRequests` responses). Default 1 MiB.
   */
  maxWriteBufferBytes?: number;
  /**
   * How long requests that already run may take to finish once stdin ended or a signal came,
   * in milliseconds; what still runs then is aborted (requirements.md #264). Listen streams end at
   * once. Default 2000.
   */
  shutdownGraceMs?: number;
  /**
   * Serve 2025-era clients that open with `initialize` (2025-11-25, 2025-06-18, 2025-03-26), with
   * these options; `false` answers `initialize` with an error naming the supported versions.
   * Default `{}`.
   */
  legacy?: StdioLegacyOptions | false;
  /**
   * Close on SIGTERM and SIGINT. Default `true` when serving the process's own stdin.
   */
  handleSignals?: boolean;
  /**
   * Call `process.exit` once closed (stdin EOF, a signal, `close()`), so that timers the
   * application left running do not keep a host waiting (requirements.md #264). Default `true`
   * when serving the process's own stdin.
   */
  exitProcess?: boolean;
  /**
   * Send `console.log`, `console.info` and `console.debug` to stderr while serving, so that a
   * stray log line cannot corrupt stdout (requirements.md #260). Default `true` when serving the
   * process's own stdout.
   */
  redirectConsole?: boolean;
}

/** The defaults of {@link ServeStdioOptions}' limits. */
export const DEFAULT_STDIO_LIMITS = {
  maxLineBytes: 8 * 1024 * 1024,
  maxConcurrentRequests: 64,
  maxWriteBufferBytes: 1024 * 1024,
  shutdownGraceMs: 2000,
} as const;

/** @internal */
export interface ResolvedStdioOptions {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly maxLineBytes: number;
  readonly maxConcurrentRequests: number;
  readonly maxWriteBufferBytes: number;
  readonly shutdownGraceMs: number;
  readonly legacy: StdioLegacyOptions | false;
  readonly handleSignals: boolean;
  readonly exitProcess: boolean;
  readonly redirectConsole: boolean;
}

/**
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 * @internal
 */
export function resolveStdioOptions(options: ServeStdioOptions): ResolvedStdioOptions {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const own = stdin === process.stdin;
  return {
    stdin,
    stdout,
    stderr: options.stderr ?? process.stderr,
    maxLineBytes: positiveLimit(
      'maxLineBytes',
      options.maxLineBytes ?? DEFAULT_STDIO_LIMITS.maxLineBytes,
    ),
    maxConcurrentRequests: positiveLimit(
      'maxConcurrentRequests',
      options.maxConcurrentRequests ?? DEFAULT_STDIO_LIMITS.maxConcurrentRequests,
    ),
    maxWriteBufferBytes: positiveLimit(
      'maxWriteBufferBytes',
      options.maxWriteBufferBytes ?? DEFAULT_STDIO_LIMITS.maxWriteBufferBytes,
    ),
    shutdownGraceMs: nonNegativeLimit(
      'shutdownGraceMs',
      options.shutdownGraceMs ?? DEFAULT_STDIO_LIMITS.shutdownGraceMs,
    ),
    legacy: options.legacy ?? {},
    handleSignals: options.handleSignals ?? own,
    exitProcess: options.exitProcess ?? own,
    redirectConsole: options.redirectConsole ?? stdout === process.stdout,
  };
}
