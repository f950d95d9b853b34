import { ClientQuota } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { toLegacyNotification } from './change-notification.js';
import type { ResolvedLegacyOptions } from './legacy-layer-options.js';
import { LegacySession } from './legacy-session.js';
import type { SessionOpening } from './layer-sessions.js';
import type { SessionStore } from './session-store.js';
import { SubscriptionIndex } from './subscription-index.js';

/** How often expired sessions are swept, at most. */
const MAX_SWEEP_INTERVAL_MS = 60_000;

/**
 * The sessions of one layer: opening under the cap, finding (expired ones are ended on sight),
 * ending, the idle sweep, and the change bus feeding every session's standalone stream (a list
 * change only where the stream's caller may see what changed: `McpServer.concerns`). The bus
 * subscription and the sweep timer exist only while there are sessions, so an idle layer holds
 * nothing and keeps no process alive. @internal
 */
export class SessionRegistry {
  readonly #store: SessionStore;
  readonly #options: ResolvedLegacyOptions;
  readonly #server: McpServer;
  #unsubscribe: (() => void) | undefined;
  #sweep: ReturnType<typeof setInterval> | undefined;
  /** Sessions per client (principal, else peer address). */
  readonly #quota: ClientQuota;
  /** Sessions counted against their client's quota here (not copies of other instances' sessions). */
  readonly #counted = new WeakSet<LegacySession>();
  /** Who subscribed to what: a `resources/updated` reaches its sessions without a scan. */
  readonly #subscriptions = new SubscriptionIndex();

  constructor(store: SessionStore, options: ResolvedLegacyOptions, server: McpServer) {
    this.#store = store;
    this.#options = options;
    this.#server = server;
    this.#quota = new ClientQuota(options.maxSessionsPerClient);
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#store.size;
  }

  /**
   * Opens a session under the caps. A full table first loses expired sessions, then its oldest
   * session that never sent `notifications/initialized` and runs nothing; a client at its quota
   * loses its own oldest such session. Returns which limit refused it otherwise.
   */
  open(init: SessionOpening): LegacySession | 'client' | 'server' {
    const client = init.client;
    if (this.#quota.count(client) >= this.#quota.limit) {
      const own = this.#oldestUnconfirmed((session) => session.client === client);
      if (own === undefined) return 'client';
      this.end(own, 'The client opened too many sessions');
    }
    if (this.#store.size >= this.#options.maxSessions) this.sweep();
    if (this.#store.size >= this.#options.maxSessions) {
      const oldest = this.#oldestUnconfirmed(() => true);
      if (oldest === undefined) return 'server';
      this.end(oldest, 'The session was never confirmed and the server needed room');
    }
    const session = this.adopt(init);
    this.#quota.take(client);
    this.#counted.add(session);
    return session;
  }

  /**
   * Keeps a session without the caps: this process's copy of a session whose caps a shared store
   * holds (`SessionBackplane`).
   */
  adopt(init: SessionOpening): LegacySession {
    const session = new LegacySession({
      ...init,
      logLevel: this.#options.defaultLogLevel,
      subscriptionIndex: this.#subscriptions,
      replay: {
        maxEvents: this.#options.replayBufferEvents,
        maxBytes: this.#options.replayBufferBytes,
      },
    });
    this.#store.set(session.id, session);
    this.#started();
    return session;
  }

  /** The session stored here under this id, live or not, whoever opened it. */
  held(id: string): LegacySession | undefined {
    return this.#store.get(id);
  }

  /** Every session stored here. */
  all(): Iterable<LegacySession> {
    return this.#store.values();
  }

  /** The oldest session matching `filter` that is unconfirmed and has nothing running. */
  #oldestUnconfirmed(filter: (session: LegacySession) => boolean): LegacySession | undefined {
    let oldest: LegacySession | undefined;
    for (const session of this.#store.values()) {
      if (session.isInitialized || session.running.size > 0 || !filter(session)) continue;
      if (oldest === undefined || session.openedAt < oldest.openedAt) oldest = session;
    }
    return oldest;
  }

  /**
   * The live session with this id, opened by this principal; `undefined` for an unknown, ended or
   * expired one, or one another principal opened (all answered 404, so nothing tells them apart).
   */
  find(id: string, principal: string | undefined): LegacySession | undefined {
    const session = this.#store.get(id);
    if (session === undefined) return undefined;
    if (session.isClosed || session.isIdle(Date.now(), this.#options.idleTimeoutMs)) {
      this.end(session, 'The session expired');
      return undefined;
    }
    return session.principal === principal ? session : undefined;
  }

  /** Ends a session and forgets it. */
  end(session: LegacySession, reason: string): void {
    session.close(reason);
    if (this.#store.get(session.id) === session) {
      this.#store.delete(session.id);
      if (this.#counted.delete(session)) this.#quota.release(session.client);
    }
    if (this.#store.size === 0) this.#stopped();
  }

  /** Ends every session that has been idle for the idle timeout. */
  sweep(): void {
    const now = Date.now();
    for (const session of this.#store.values()) {
      if (session.isClosed || session.isIdle(now, this.#options.idleTimeoutMs))
        this.end(session, 'The session expired');
    }
  }

  /** Ends every session (the layer closes). */
  closeAll(reason: string): void {
    for (const session of this.#store.values()) this.end(session, reason);
    this.#stopped();
  }

  #started(): void {
    this.#unsubscribe ??= this.#server.changeBus.subscribe((event) => {
      const reached =
        event.type === 'resources/updated'
          ? this.#subscriptions.sessionsFor(event.uri)
          : this.#store.values();
      for (const session of reached) {
        if (
          this.#store.get(session.id) !== session ||
          !this.#server.concerns(event, session.listener)
        )
          continue;
        const notification = toLegacyNotification(event, session);
        if (notification === undefined) continue;
        try {
          session.sendUnrelated(JSON.stringify(notification));
        } catch (error) {
          // One broken session must not keep the change from the others, nor fail the publisher.
          this.#options.onError(error);
        }
      }
    });
    if (this.#sweep === undefined) {
      this.#sweep = setInterval(
        () => this.sweep(),
        Math.min(this.#options.idleTimeoutMs, MAX_SWEEP_INTERVAL_MS),
      );
      // Node: the sweep must not keep the process alive. Other runtimes have no unref.
      (this.#sweep as { unref?: () => void }).unref?.();
    }
  }

  #stopped(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#sweep !== undefined) clearInterval(this.#sweep);
    this.#sweep = undefined;
  }
}
