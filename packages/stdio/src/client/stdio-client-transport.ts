import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { isSdkError, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { ClientTransport, TransportSendOptions } from '@tern/core-protocol';
import { InMemoryEraStore } from '@tern/legacy-compat/options';
import type { EraStore, ServerEra } from '@tern/legacy-compat/options';
import type { JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { DEFAULT_STDIO_LIMITS } from '../server/serve-stdio-options.js';
import type { LegacyLink } from './legacy-link.js';
import { ModernLink } from './modern-link.js';
import { PeerConnection } from './peer-connection.js';
import { probeEra } from './probe-era.js';
import { serverEnvironment } from './stdio-client-options.js';
import type { StdioClientTransportOptions } from './stdio-client-options.js';
import type { SpawnSpec } from './server-process.js';
import { nonNegativeLimit, positiveLimit } from '../limits.js';

type Link = ModernLink | LegacyLink;

/** How long the probe waits by default; slow starters (`npx` downloading) need more or `era`. */
const DEFAULT_PROBE_TIMEOUT_MS = 5000;

/** One server process and, once its era is settled, the link that speaks that era. */
interface Connection {
  peer: PeerConnection;
  link: Link | undefined;
  /** The era being settled (the probe runs once even when requests arrive together). */
  linking: Promise<Link> | undefined;
}

/**
 * A client transport that starts a stdio MCP server and talks to it over its stdin and stdout,
 * in either era, for the same `McpClient` and input handlers as over HTTP. The first request
 * spawns the process and settles its era with the `server/discover` probe (#266), remembered by
 * command line (#50); `close()` shuts the server down gently, then firmly (#264).
 *
 * @example
 * ```ts
 * import { McpClient } from '@tern/core-protocol';
 * import { StdioClientTransport } from '@tern/stdio';
 *
 * const client = new McpClient(
 *   { name: 'my-agent', version: '1.0.0' },
 *   { transport: new StdioClientTransport({ command: 'npx', args: ['-y', '@acme/mcp-server'] }) },
 * );
 * const { tools } = await client.listTools();
 * ```
 */
export class StdioClientTransport implements ClientTransport {
  /** Results of different command lines never mix in a shared cache. */
  readonly cacheNamespace: string;
  readonly #options: StdioClientTransportOptions;
  readonly #spec: SpawnSpec;
  readonly #eras: EraStore;
  readonly #stderr: PassThrough | undefined;
  #connection: Promise<Connection> | undefined;
  #current: Connection | undefined;
  #era: ServerEra | undefined;
  #restarts = 0;
  #exited = false;
  #closed = false;
  #nextId = 0;

  /** @throws SdkError INVALID_USAGE for a limit or timeout that is not a positive integer */
  constructor(options: StdioClientTransportOptions) {
    for (const name of ['probeTimeoutMs', 'initializeTimeoutMs', 'shutdownTimeoutMs'] as const) {
      const value = options[name];
      if (value !== undefined) positiveLimit(name, value);
    }
    if (options.restart !== undefined && options.restart !== false && options.restart.maxRestarts !== undefined)
      nonNegativeLimit('restart.maxRestarts', options.restart.maxRestarts);
    this.#options = options;
    this.#spec = {
      command: options.command,
      args: options.args ?? [],
      env: serverEnvironment(options),
      cwd: options.cwd,
      stderr: options.stderr ?? 'inherit',
      maxLineBytes: positiveLimit('maxLineBytes', options.maxLineBytes ?? DEFAULT_STDIO_LIMITS.maxLineBytes),
      maxWriteBufferBytes: positiveLimit(
        'maxWriteBufferBytes',
        options.maxWriteBufferBytes ?? DEFAULT_STDIO_LIMITS.maxWriteBufferBytes,
      ),
    };
    this.cacheNamespace = `stdio:${JSON.stringify([options.cwd ?? '', options.command, ...this.#spec.args])}`;
    this.#eras = options.eraStore ?? new InMemoryEraStore();
    if (options.era !== undefined && options.era !== 'auto') this.#era = options.era;
    // Handed out before the first spawn, so nothing the server writes early is lost.
    this.#stderr = this.#spec.stderr === 'pipe' ? new PassThrough() : undefined;
  }

  /** The server's stderr (with `stderr: 'pipe'`), across restarts. */
  get stderr(): Readable | undefined {
    return this.#stderr;
  }

  /** The era of the server, once the first request settled it. */
  get era(): ServerEra | undefined {
    return this.#era;
  }

  /** The process id of the running server, once started. */
  get pid(): number | undefined {
    return this.#current?.peer.process.pid;
  }

  /** How often the server was started again after an unexpected exit. */
  get restarts(): number {
    return this.#restarts;
  }

  async send(request: JsonRpcRequest, options: TransportSendOptions): Promise<JsonRpcResponse> {
    const connection = await this.#connect();
    const link =
      connection.link ?? (await (connection.linking ??= this.#settleEra(connection, request)));
    return link.send(request, options);
  }

  /** Shuts the server down: closes its stdin, waits, then SIGTERM, then SIGKILL (#264). */
  async close(): Promise<void> {
    this.#closed = true;
    const connection = await this.#connection?.catch(() => undefined);
    await connection?.peer.process.stop(this.#options.shutdownTimeoutMs ?? 2000);
    this.#stderr?.end();
  }

  #connect(): Promise<Connection> {
    if (this.#closed)
      return Promise.reject(new SdkError(SdkErrorCode.ConnectionClosed, 'The transport is closed'));
    if (this.#connection !== undefined && !this.#exited) return this.#connection;
    if (this.#exited) {
      const allowed =
        this.#options.restart === undefined || this.#options.restart === false
          ? 0
          : (this.#options.restart.maxRestarts ?? 5);
      if (this.#restarts >= allowed) {
        return Promise.reject(
          new SdkError(
            SdkErrorCode.ConnectionClosed,
            `The server process exited${allowed > 0 ? ` and was restarted ${String(allowed)} times already` : ''}`,
          ),
        );
      }
      this.#restarts += 1;
    }
    this.#exited = false;
    this.#connection = Promise.resolve(this.#spawn());
    return this.#connection;
  }

  #spawn(): Connection {
    const connection = { link: undefined, linking: undefined } as Omit<
      Connection,
      'peer'
    > as Connection;
    const peer = new PeerConnection(this.#spec, {
      request: (request) => {
        if (connection.link?.era === 'legacy') connection.link.request(request);
        // A 2026-07-28 server sends no requests (#261): nothing to answer.
        else this.#warn(`ignored a request (${request.method}) from a 2026-07-28 server`);
      },
      notification: (notification) => connection.link?.notification(notification),
      exit: (reason, expected) => {
        if (connection.link?.era === 'legacy') connection.link.ended();
        if (this.#connection !== undefined && connection.peer === peer) this.#exited = true;
        if (!expected) this.#warn(reason);
      },
      warn: (message) => this.#warn(message),
    });
    connection.peer = peer;
    this.#current = connection;
    const stderr = peer.process.stderr;
    if (stderr !== null && this.#stderr !== undefined) stderr.pipe(this.#stderr, { end: false });
    return connection;
  }

  async #settleEra(connection: Connection, request: JsonRpcRequest): Promise<Link> {
    const key = this.cacheNamespace;
    let era = this.#era ?? (await this.#eras.get(key));
    const probed = era === undefined;
    if (era === undefined) {
      era = await probeEra(connection.peer, request, {
        id: this.#id('probe'),
        timeoutMs: this.#options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
      });
      await this.#eras.set(key, era);
    }
    this.#era = era;
    let target = connection;
    // Some legacy servers exit on a request before initialize (at once, or after the probe
    // timed out while they were starting): a fresh process then serves the session.
    for (let attempt = 0; ; attempt += 1) {
      if (!target.peer.isAlive && probed && !this.#closed) target = this.#respawn();
      const link = await this.#linkFor(era, target.peer);
      try {
        if (link.era === 'legacy') await link.open(request);
      } catch (error) {
        const closed = isSdkError(error) && error.code === SdkErrorCode.ConnectionClosed;
        if (closed && probed && attempt === 0) continue;
        throw error;
      }
      target.link = link;
      return link;
    }
  }

  #respawn(): Connection {
    this.#exited = false;
    const fresh = this.#spawn();
    this.#connection = Promise.resolve(fresh);
    return fresh;
  }

  async #linkFor(era: ServerEra, peer: PeerConnection): Promise<Link> {
    if (era === 'modern') return new ModernLink(peer);
    // The dual-era code loads only for a legacy server.
    const { LegacyLink } = await import('./legacy-link.js');
    return new LegacyLink(peer, {
      protocolVersion: this.#options.legacyProtocolVersion ?? '2025-11-25',
      clientInfo: this.#options.clientInfo ?? { name: 'tern-stdio-client', version: '0.0.0' },
      initializeTimeoutMs: this.#options.initializeTimeoutMs ?? 30_000,
      nextId: () => this.#id('request'),
    });
  }

  #id(kind: string): string {
    this.#nextId += 1;
    return `tern-stdio-${kind}-${String(this.#nextId)}`;
  }

  #warn(message: string): void {
    this.#options.onWarning?.(message);
  }
}
