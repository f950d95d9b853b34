import type { EraStore, ServerEra } from '@tern/legacy-compat';
import type { Implementation, LegacyProtocolVersion } from '@tern/schema';

/** Options of {@link StdioClientTransport}. */
export interface StdioClientTransportOptions {
  /** The program to run, e.g. `node` or `npx`. */
  command: string;
  /** Its arguments. */
  args?: readonly string[];
  /**
   * Environment variables of the server, added to a safe subset of this process's environment
   * (`PATH`, `HOME`, `USER`, `LANG`, `TERM`, `SHELL`, `TMPDIR` and their Windows counterparts), so
   * that secrets in this process's environment do not leak to every server it starts.
   */
  env?: Record<string, string>;
  /** Pass this process's whole environment instead of the safe subset. Default `false`. */
  inheritEnv?: boolean;
  /** The server's working directory. Default: this process's. */
  cwd?: string;
  /**
   * The server's stderr: `'inherit'` (shown in this process's stderr), `'pipe'` (read it from
   * {@link StdioClientTransport.stderr}) or `'ignore'`. stderr output is never taken as an error
   * (requirements.md #259). Default `'inherit'`.
   */
  stderr?: 'inherit' | 'pipe' | 'ignore';
  /** Skip detection and use this era. Default `'auto'`: probe with `server/discover` first (#266). */
  era?: 'auto' | ServerEra;
  /**
   * Where detected eras are remembered, by command line (#50), so that a restarted server or a
   * second transport for the same command is not probed again. Default: one store per transport.
   */
  eraStore?: EraStore;
  /**
   * How long the probe waits for an answer before the server counts as legacy, in ms. The clock
   * starts at spawn: a server that takes longer to start (`npx` fetching a package) needs more,
   * or a fixed `era`. Default 5000.
   */
  probeTimeoutMs?: number;
  /** The version asked for in `initialize` of a legacy server. Default `'2025-11-25'`. */
  legacyProtocolVersion?: LegacyProtocolVersion;
  /** Client identity for `initialize` when the first request carries none. */
  clientInfo?: Implementation;
  /** How long `initialize` may take, in ms. Default 30 000. */
  initializeTimeoutMs?: number;
  /** Longest message accepted from the server, in bytes; longer ones are dropped. Default 8 MiB. */
  maxLineBytes?: number;
  /**
   * Bytes that may wait for the server to read its stdin. Past it, new requests wait (their
   * `signal` and timeouts still apply) instead of growing memory. Default 1 MiB.
   */
  maxWriteBufferBytes?: number;
  /**
   * Each step of the shutdown (close stdin and wait, then SIGTERM and wait, then SIGKILL), in ms
   * (#264). Default 2000.
   */
  shutdownTimeoutMs?: number;
  /**
   * Start the server again when it exits unexpectedly (#265): requests that were running fail
   * with `CONNECTION_CLOSED` (the client core's listen streams then send `subscriptions/listen`
   * again), and the next request starts a new process. At most `maxRestarts` times. Default: off.
   */
  restart?: { maxRestarts?: number } | false;
  /** Things worth telling an operator: a server that wrote garbage to stdout, an unexpected exit. */
  onWarning?: (message: string) => void;
}

/** Variables passed to servers by default (the rest of the environment may hold secrets). */
export const SAFE_ENV_VARS: readonly string[] =
  process.platform === 'win32'
    ? [
        'APPDATA',
        'HOMEDRIVE',
        'HOMEPATH',
        'LOCALAPPDATA',
        'PATH',
        'PATHEXT',
        'PROCESSOR_ARCHITECTURE',
        'SYSTEMDRIVE',
        'SYSTEMROOT',
        'TEMP',
        'USERNAME',
        'USERPROFILE',
        'PROGRAMFILES',
      ]
    : ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER', 'LANG', 'TMPDIR'];

/** The environment a server starts with. @internal */
export function serverEnvironment(options: StdioClientTransportOptions): Record<string, string> {
  const env: Record<string, string> = {};
  const source = process.env;
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value.startsWith('()')) continue; // exported shell functions
    if (options.inheritEnv === true || SAFE_ENV_VARS.includes(key)) env[key] = value;
  }
  return { ...env, ...options.env };
}
