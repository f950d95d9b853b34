import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import { abortRunning } from './layer-sessions.js';
import type { LayerSessions, SessionOpening } from './layer-sessions.js';
import type { ResolvedLegacyOptions } from './legacy-layer-options.js';
import type { LegacySession } from './legacy-session.js';
import { askNode } from './session-backplane.js';
import type { BackplaneListener, SessionBackplane, SharedSessionRecord } from './session-backplane.js';
import type { SessionRegistry } from './session-registry.js';
import { toEnvelopeCapabilities } from './capabilities.js';
import type { EventPosition, StreamConnection } from './event-stream.js';
import { StreamRelays } from './stream-relay.js';

/** Longest wait between two heartbeats of the sessions busy in this process. */
const MAX_HEARTBEAT_MS = 60_000;

/**
 * The sessions of a layer that shares them with other instances through a {@link SessionBackplane}.
 * The backplane's record is the truth (caps, idle expiry, DELETE); this process keeps a copy of
 * each session it serves, with the live parts that cannot move (its running requests, their
 * streams and asks, the GET stream). While a copy is busy, a heartbeat keeps the record from
 * expiring; an idle copy is dropped by the local sweep and made again on the next request.
 * Answers and cancellations the client posts elsewhere reach this process through the backplane,
 * and so does a stream's resumption (`Last-Event-ID`) on another instance.
 * @internal
 */
export class SharedSessions implements LayerSessions {
  readonly #registry: SessionRegistry;
  readonly #backplane: SessionBackplane;
  readonly #options: ResolvedLegacyOptions;
  readonly #heartbeatMs: number;
  readonly #relays: StreamRelays;
  #listening: Promise<() => Promise<void>> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(registry: SessionRegistry, backplane: SessionBackplane, options: ResolvedLegacyOptions) {
    this.#registry = registry;
    this.#backplane = backplane;
    this.#options = options;
    this.#relays = new StreamRelays(backplane, options.retryMs, options.onError);
    this.#heartbeatMs = Math.max(1, Math.min(Math.floor(options.idleTimeoutMs / 3), MAX_HEARTBEAT_MS));
  }

  get size(): number {
    return this.#registry.size;
  }

  /** A record lives this long after its last traffic or heartbeat: never less than the idle timeout. */
  get #ttlMs(): number {
    return this.#options.idleTimeoutMs + this.#heartbeatMs;
  }

  async open(init: SessionOpening): Promise<LegacySession | 'client' | 'server'> {
    await this.#listen();
    const record: SharedSessionRecord = {
      id: init.id,
      protocolVersion: init.protocolVersion,
      clientInfo: init.clientInfo,
      clientCapabilities: init.clientCapabilities,
      serverCapabilities: init.serverCapabilities,
      principal: init.principal,
      client: init.client,
      openedAt: Date.now(),
      state: { initialized: false, logLevel: this.#options.defaultLogLevel, subscriptions: [] },
    };
    const refused = await this.#backplane.open(record, {
      maxSessions: this.#options.maxSessions,
      maxSessionsPerClient: this.#options.maxSessionsPerClient,
      ttlMs: this.#ttlMs,
    });
    return refused ?? this.#adopt(record);
  }

  async find(id: string, principal: string | undefined): Promise<LegacySession | undefined> {
    await this.#listen();
    const record = await this.#backplane.touch(id, this.#ttlMs);
    const held = this.#registry.held(id);
    if (record === undefined) {
      if (held !== undefined) this.#registry.end(held, 'The session expired');
      return undefined;
    }
    if (record.principal !== principal) return undefined;
    if (held === undefined || held.isClosed) return this.#adopt(record);
    held.applyState(record.state);
    return held;
  }

  async end(session: LegacySession, reason: string): Promise<void> {
    await this.#backplane.end(session.id);
    this.#registry.end(session, reason);
  }

  async answer(session: LegacySession, response: JsonRpcResponse): Promise<void> {
    if (session.deliverAnswer(response)) return;
    const node = askNode(response.id);
    // An answer for this node that nothing awaits (timed out, cancelled) is ignored, as on one instance.
    if (node !== undefined && node !== this.#backplane.node)
      await this.#backplane.answer(node, session.id, response);
  }

  async cancel(session: LegacySession, requestId: JsonRpcId, reason: string | undefined): Promise<void> {
    abortRunning(session, requestId, reason);
    await this.#backplane.cancel(session.id, requestId, reason);
  }

  async resume(
    session: LegacySession,
    position: EventPosition & { node: string },
    connection: StreamConnection,
  ): Promise<boolean> {
    return this.#relays.resume(session, position, connection);
  }

  closeAll(reason: string): void {
    this.#relays.close();
    this.#registry.closeAll(reason);
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    const listening = this.#listening;
    this.#listening = undefined;
    listening?.then((stop) => stop()).catch(this.#options.onError);
  }

  #adopt(record: SharedSessionRecord): LegacySession {
    const session = this.#registry.adopt({
      id: record.id,
      protocolVersion: record.protocolVersion,
      clientInfo: record.clientInfo,
      clientCapabilities: record.clientCapabilities,
      envelopeCapabilities: toEnvelopeCapabilities(record.protocolVersion, record.clientCapabilities),
      serverCapabilities: record.serverCapabilities,
      principal: record.principal,
      client: record.client,
      openedAt: record.openedAt,
      askNode: this.#backplane.node,
      onStateChange: (changed) => this.#backplane.update(changed.id, changed.state),
    });
    session.applyState(record.state);
    return session;
  }

  /** Listens to the backplane once (again after a failure) and starts the heartbeat. */
  async #listen(): Promise<void> {
    this.#listening ??= this.#backplane.listen(this.#listener);
    try {
      await this.#listening;
    } catch (error) {
      this.#listening = undefined;
      throw error;
    }
    if (this.#heartbeat === undefined) {
      this.#heartbeat = setInterval(() => this.#beat(), this.#heartbeatMs);
      // Node: the heartbeat must not keep the process alive. Other runtimes have no unref.
      (this.#heartbeat as { unref?: () => void }).unref?.();
    }
  }

  /** Keeps the records of the sessions busy here alive; ends the copies whose record is gone. */
  #beat(): void {
    for (const session of this.#registry.all()) {
      if (session.isClosed || !session.isBusy) continue;
      this.#backplane.touch(session.id, this.#ttlMs).then((record) => {
        if (record === undefined) this.#registry.end(session, 'The session expired');
      }, this.#options.onError);
    }
  }

  readonly #listener: BackplaneListener = {
    relay: (message) => {
      this.#relays.handle(message, (sessionId) => this.#registry.held(sessionId));
    },
    answer: (sessionId, response) => {
      this.#registry.held(sessionId)?.deliverAnswer(response);
    },
    cancel: (sessionId, requestId, reason) => {
      const held = this.#registry.held(sessionId);
      if (held !== undefined) abortRunning(held, requestId, reason);
    },
    changed: (sessionId, state) => {
      this.#registry.held(sessionId)?.applyState(state);
    },
    ended: (sessionId) => {
      const held = this.#registry.held(sessionId);
      if (held !== undefined) this.#registry.end(held, 'The session ended');
    },
  };
}
