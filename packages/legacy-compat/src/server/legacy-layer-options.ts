import type { LegacyProtocolVersion, LoggingLevel } from '@tern/schema';
import { LEGACY_PROTOCOL_VERSIONS } from '@tern/schema';
import type { SessionBackplane } from './session-backplane.js';
import type { SessionStore } from './session-store.js';
import { usageError } from '@tern/jsonrpc';

/** Options of {@link createLegacyLayer}. Every limit has a default ({@link DEFAULT_LEGACY_LIMITS}). */
export interface LegacyLayerOptions {
  /**
   * The legacy revisions served, newest first. An `initialize` asking for another version gets the
   * first one (spec: answer with the latest version the server supports). Default: `2025-11-25`,
   * `2025-06-18`, `2025-03-26`.
   */
  versions?: readonly LegacyProtocolVersion[];
  /** Where sessions live. Default: an in-memory store for this process. */
  store?: SessionStore;
  /**
   * Shares sessions with other instances of the server (`@tern/redis` ships one): any instance
   * serves any request of a session, answers and cancellations reach the instance that awaits
   * them, and the caps, idle expiry and DELETE hold for all instances together. While it is
   * unreachable, requests of sessions get 503 with `Retry-After`. Default: none (this process
   * alone; `store` keeps this process's copies either way).
   */
  backplane?: SessionBackplane;
  /**
   * Most sessions open at once. An `initialize` beyond it is refused with HTTP 503 and a JSON-RPC
   * `-32603` error (after expired sessions were swept), so memory stays bounded. Default 1000.
   */
  maxSessions?: number;
  /**
   * Most sessions one client holds: its principal (`auth.principal`), else its peer address.
   * Past it, the client's oldest session that never sent `notifications/initialized` is ended to
   * make room; without one, `initialize` gets 429 with `Retry-After`. Default 16.
   */
  maxSessionsPerClient?: number;
  /**
   * Largest `clientInfo` plus `capabilities` of an `initialize`, in characters of JSON; a larger
   * one is refused with 400 `-32602`. What the session keeps is a normalised copy (known fields
   * only). Default 8192.
   */
  maxClientDescriptionLength?: number;
  /**
   * Most requests of one session running at once. A request beyond it is answered at once with
   * `-32603` and `data.limit: 'client'` (a single request: HTTP 429 with `Retry-After`). Default 32.
   */
  maxRequestsPerSession?: number;
  /** Most server-to-client requests of one session awaiting an answer at once. Default 16. */
  maxPendingAsksPerSession?: number;
  /**
   * Characters of requests (their JSON params) that may wait for the client's answer to an ask,
   * per client. A pending ask keeps its request alive until it is answered or times out; past the
   * budget the ask fails at once (`-32603`, `data.limit: 'client'`). Default 16 MiB.
   */
  maxPendingAskBytesPerClient?: number;
  /** The same budget for the whole layer (`data.limit: 'server'`). Default 64 MiB. */
  maxPendingAskBytes?: number;
  /** Most URIs one session may subscribe to with `resources/subscribe` (-32602 beyond). Default 64. */
  maxSubscriptionsPerSession?: number;
  /** Longest URI of `resources/subscribe`, in characters (-32602 beyond). Default 1024. */
  maxSubscriptionUriLength?: number;
  /**
   * A session with no request in flight and no open stream expires after this many milliseconds
   * without traffic; later requests with its id get 404 (the client re-initializes). Default
   * 30 minutes.
   */
  idleTimeoutMs?: number;
  /**
   * How long a server-to-client request (`elicitation/create`, `sampling/createMessage`,
   * `roots/list`) waits for the client's answer before the ask fails and the client gets
   * `notifications/cancelled` for it. Default 5 minutes.
   */
  askTimeoutMs?: number;
  /**
   * How often an answer that the ask refuses (content breaking the requested schema) is asked
   * again before the request fails with `-32602`. Default 3 attempts in total.
   */
  maxAskAttempts?: number;
  /**
   * Rounds of `input_required` bridged for handlers registered with `requestState: 'manual'`
   * (each round's input requests become real requests to the client). Default 10.
   */
  maxInputRounds?: number;
  /** Events kept per session for `Last-Event-ID` resumption, oldest dropped first. Default 100. */
  replayBufferEvents?: number;
  /** Characters of events kept per session for resumption. Default 262 144 (256 Ki). */
  replayBufferBytes?: number;
  /**
   * `retry` (milliseconds) sent with the priming event of every 2025-11-25 stream: how long the
   * client waits before it reconnects with `Last-Event-ID` after the server closed a stream.
   * `0` leaves the field out. Default 1000.
   */
  retryMs?: number;
  /** Interval of SSE keep-alive comments on open legacy streams; `0` turns them off. Default 15 000. */
  keepAliveMs?: number;
  /**
   * Most events queued for one connection whose reader applies backpressure; beyond it (or
   * {@link maxQueuedBytes}) the connection is dropped. Its events stay in the replay buffer, so the
   * client can resume. Default 1000.
   */
  maxQueuedEvents?: number;
  /** Most characters queued for one backpressured connection. Default 8 MiB. */
  maxQueuedBytes?: number;
  /**
   * The log level of a session until the client sends `logging/setLevel`. Default: none, so
   * handlers' `ctx.log` reaches a legacy client only after it asked for a level.
   */
  defaultLogLevel?: LoggingLevel;
  /** Sees unexpected failures of the layer (never sent to the client). */
  onError?: (error: unknown) => void;
}

/** The default of every limit of {@link LegacyLayerOptions}. */
export const DEFAULT_LEGACY_LIMITS = {
  maxSessions: 1000,
  maxSessionsPerClient: 16,
  maxClientDescriptionLength: 8192,
  maxRequestsPerSession: 32,
  maxPendingAsksPerSession: 16,
  maxPendingAskBytesPerClient: 16 * 1024 * 1024,
  maxPendingAskBytes: 64 * 1024 * 1024,
  maxSubscriptionsPerSession: 64,
  maxSubscriptionUriLength: 1024,
  idleTimeoutMs: 30 * 60 * 1000,
  askTimeoutMs: 5 * 60 * 1000,
  maxAskAttempts: 3,
  maxInputRounds: 10,
  replayBufferEvents: 100,
  replayBufferBytes: 256 * 1024,
  retryMs: 1000,
  keepAliveMs: 15_000,
  maxQueuedEvents: 1000,
  maxQueuedBytes: 8 * 1024 * 1024,
} as const;

/** Limits after defaults and checks. @internal */
export type LegacyLimits = { -readonly [TKey in keyof typeof DEFAULT_LEGACY_LIMITS]: number };

/** Options after defaults and checks. @internal */
export interface ResolvedLegacyOptions extends LegacyLimits {
  readonly versions: readonly LegacyProtocolVersion[];
  readonly defaultLogLevel: LoggingLevel | undefined;
  readonly onError: (error: unknown) => void;
}

/** Limits that may be 0 (off). */
const MAY_BE_ZERO = new Set<string>(['retryMs', 'keepAliveMs']);

/**
 * Applies the defaults and checks every limit once, so a misconfigured layer fails when it is
 * built.
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer, or an unknown or empty version list
 */
export function resolveLegacyOptions(options: LegacyLayerOptions): ResolvedLegacyOptions {
  const limits = {} as LegacyLimits;
  for (const key of Object.keys(DEFAULT_LEGACY_LIMITS) as (keyof LegacyLimits)[]) {
    const value = options[key] ?? DEFAULT_LEGACY_LIMITS[key];
    const minimum = MAY_BE_ZERO.has(key) ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw usageError(
        `${key} must be an integer of at least ${minimum}, got ${String(value)}`,
      );
    }
    limits[key] = value;
  }
  const versions = options.versions ?? LEGACY_PROTOCOL_VERSIONS;
  if (
    versions.length === 0 ||
    versions.some((version) => !LEGACY_PROTOCOL_VERSIONS.includes(version))
  ) {
    throw usageError(
      `versions must list some of ${LEGACY_PROTOCOL_VERSIONS.join(', ')}, got ${versions.join(', ') || 'none'}`,
    );
  }
  return {
    ...limits,
    versions: [...versions],
    defaultLogLevel: options.defaultLogLevel,
    onError: options.onError ?? (() => undefined),
  };
}
