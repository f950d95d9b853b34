import type { JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import type { Implementation, LegacyProtocolVersion, LoggingLevel } from '@tern/schema';
import type { LegacyClientCapabilities, LegacyServerCapabilities } from '@tern/schema/legacy';

/** What the client changed in a session since `initialize`; every instance applies it. */
export interface SharedSessionState {
  /** Whether the client sent `notifications/initialized`. */
  readonly initialized: boolean;
  /** The level set by `logging/setLevel`. */
  readonly logLevel?: LoggingLevel | undefined;
  /** URIs subscribed with `resources/subscribe` (already bounded by the layer's limits). */
  readonly subscriptions: readonly string[];
}

/**
 * A session as every instance sees it: what `initialize` negotiated (normalised and capped copies)
 * plus the state the client changed since. Nothing live: streams, running requests and pending
 * asks stay in the instance that holds them.
 */
export interface SharedSessionRecord {
  readonly id: string;
  readonly protocolVersion: LegacyProtocolVersion;
  readonly clientInfo: Implementation;
  readonly clientCapabilities: LegacyClientCapabilities;
  readonly serverCapabilities: LegacyServerCapabilities;
  readonly principal?: string | undefined;
  /** Whom the session counts against (principal, else peer address). */
  readonly client?: string | undefined;
  /** When `initialize` opened the session (epoch milliseconds). */
  readonly openedAt: number;
  readonly state: SharedSessionState;
}

/** The caps a {@link SessionBackplane} enforces for all instances together. */
export interface SharedSessionLimits {
  readonly maxSessions: number;
  readonly maxSessionsPerClient: number;
  /** A record without traffic or heartbeat for this long is gone. */
  readonly ttlMs: number;
}

/**
 * One message of a stream relay: `GET` with `Last-Event-ID` reached an instance ("from") other
 * than the one that holds the stream; the holder replays what was missed and goes on writing the
 * stream's events to that instance, which writes them to its SSE response.
 */
export type RelayMessage =
  | {
      readonly kind: 'resume';
      readonly relay: string;
      readonly from: string;
      readonly sessionId: string;
      readonly stream: number;
      readonly afterSeq: number;
    }
  | { readonly kind: 'event'; readonly relay: string; readonly json: string; readonly id?: string | undefined }
  | { readonly kind: 'prime'; readonly relay: string; readonly id: string; readonly retryMs: number }
  | { readonly kind: 'flush'; readonly relay: string }
  /** The holder ended the stream's connection. */
  | { readonly kind: 'end'; readonly relay: string }
  /** The client's connection on the relaying instance ended. */
  | { readonly kind: 'release'; readonly relay: string };

/** What a backplane tells an instance about sessions it may hold a copy of. */
export interface BackplaneListener {
  /** A message of a stream relay, for this instance. */
  relay(message: RelayMessage): void;
  /** The client answered, through another instance, an ask of this instance. */
  answer(sessionId: string, response: JsonRpcResponse): void;
  /** The client cancelled one of its requests, through some instance. */
  cancel(sessionId: string, requestId: JsonRpcId, reason: string | undefined): void;
  /** The client changed the session's state through some instance. */
  changed(sessionId: string, state: SharedSessionState): void;
  /** The session ended (DELETE, eviction under the cap) on some instance. */
  ended(sessionId: string): void;
}

/**
 * The seam that lets several instances serve one set of 2025-era sessions: a shared directory of
 * session records (with idle expiry and the session caps) and message routing between instances.
 * Every method may reject when the shared store is unreachable; the layer then answers 503 with
 * `Retry-After`. Without one, a layer keeps its sessions in its own process (the default).
 * `@tern/redis` ships one on Redis.
 */
export interface SessionBackplane {
  /** This instance's name, unique among the instances: it tags the ids of this instance's asks. */
  readonly node: string;
  /**
   * Stores a new session under the caps. A client at its quota, or a full table, first loses its
   * oldest session that never sent `notifications/initialized` (ended everywhere); returns which
   * limit refused it otherwise.
   */
  open(record: SharedSessionRecord, limits: SharedSessionLimits): Promise<'client' | 'server' | undefined>;
  /** The live record (traffic: its idle time starts again); `undefined` once ended or expired. */
  touch(id: string, ttlMs: number): Promise<SharedSessionRecord | undefined>;
  /** Stores the session's new state and tells every instance. */
  update(id: string, state: SharedSessionState): Promise<void>;
  /** Ends the session on every instance; `false` when it was not stored. */
  end(id: string): Promise<boolean>;
  /**
   * Sends a client's answer to the instance `node` whose ask awaits it; `false` when no instance
   * of that name listens (it is gone, so nothing waits for the answer).
   */
  answer(node: string, sessionId: string, response: JsonRpcResponse): Promise<boolean>;
  /** Sends a relay message to instance `node`; `false` when no instance of that name listens. */
  relay(node: string, message: RelayMessage): Promise<boolean>;
  /** Tells every instance that the client cancelled request `requestId` of the session. */
  cancel(sessionId: string, requestId: JsonRpcId, reason: string | undefined): Promise<void>;
  /** Starts hearing what concerns this instance; resolves with the function that stops it. */
  listen(listener: BackplaneListener): Promise<() => Promise<void>>;
}

/** The separator between the node and the number in the id of an ask sent through a backplane. */
export const ASK_ID_SEPARATOR = '~';

/** The node an ask id names (`node~number`), if it names one. */
export function askNode(id: JsonRpcId | null | undefined): string | undefined {
  if (typeof id !== 'string') return undefined;
  const at = id.lastIndexOf(ASK_ID_SEPARATOR);
  return at > 0 ? id.slice(0, at) : undefined;
}
