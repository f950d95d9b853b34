import type { ServerCapabilities } from '@tern/schema';
import type { AccessOptions } from './access-policy.js';
import type { CacheHint } from './cache-hint.js';
import type { ChangeBus } from './change-bus.js';
import type { ConversationStore } from './conversation/conversation-store.js';
import type { RecentJournalsLimits } from './conversation/recent-journals.js';
import type { Divergence } from './conversation/replay-channel.js';
import type { RequestStateKey } from './request-state/request-state-sealer.js';
import type { StateCipher } from './request-state/state-cipher.js';
import type { CacheTarget } from './server-runtime.js';
import { usageError } from '../errors.js';

/** Where the server reports things an operator should know. */
export interface ServerLogger {
  warn(message: string): void;
}

/**
 * Something worth knowing that is not an error. `answer-diverged`: on replay a handler asked
 * something else under a key whose recorded answer was given to another question; the answer was
 * not applied and the new question went out under `wireKey` (docs/mrtr.md).
 */
export type ServerDiagnostic = { type: 'answer-diverged'; method: string; target: string } & Divergence;

/** Options of {@link McpServer}. Every limit has a default. */
export interface McpServerOptions {
  /** Guidance for the model, returned by `server/discover`. */
  instructions?: string;
  /** Capabilities to advertise on top of those derived from what is registered. */
  capabilities?: ServerCapabilities;
  /**
   * Sealing of `requestState`. Configure `keys` (at least 32 random bytes each; the first seals,
   * all open) on every instance of a deployment. Without keys the server generates one at start
   * and warns once: conversations then only work while they hit the same instance.
   */
  requestState?: {
    keys?: readonly RequestStateKey[];
    /** How long a sealed state stays valid. Default 15 minutes. */
    ttlMs?: number;
    /** Largest sealed state accepted or produced, in characters. Default 65536. */
    maxLength?: number;
    /**
     * Longest a whole conversation may last, from the end of its first round, whatever the
     * per-round `ttlMs`. Default 1 hour.
     */
    conversationTtlMs?: number;
    /**
     * Keep journals on the server, behind a short sealed handle: single-use state, large
     * journals, revocation. Default: none (the journal travels sealed in `requestState`).
     */
    store?: ConversationStore;
    /**
     * Journals of the rounds this instance sealed last, kept in memory by their token: a round
     * that comes back to this instance skips decrypting and parsing its state (docs/mrtr.md,
     * "What a round costs"). The outcome is the same either way. `false` keeps none; ignored with
     * a `store`. Default `{ maxEntries: 1024, maxChars: 4 MiB }` (characters of token kept).
     */
    recent?: Partial<RecentJournalsLimits> | false;
    /**
     * The AES-256-GCM implementation behind the tokens. Default: `node:crypto` where the runtime
     * has it, else WebCrypto (docs/mrtr.md, "What a round costs"). Tokens are the same either way.
     */
    cipher?: StateCipher;
  };
  /**
   * Names this deployment in every sealed token (with the server's name), so that a token of one
   * deployment never opens on another that shares the key ring. Default: none (the name alone).
   */
  deploymentId?: string;
  /** Hears of things worth knowing that are not errors (see {@link ServerDiagnostic}). */
  onDiagnostic?: (event: ServerDiagnostic) => void;
  limits?: {
    /** Most `input_required` rounds in one conversation. Default 10. */
    maxRounds?: number;
    /** Most input requests in one round. Default 16. */
    maxAsksPerRound?: number;
    /** Items per page of every list. Default 100. */
    pageSize?: number;
    /** Most `subscriptions/listen` streams open at once. Default 1000. */
    maxListenStreams?: number;
    /**
     * Most listen streams one client holds at once: its principal (`auth.principal`), else its
     * peer address when the transport knows it. Beyond it the client gets `-32603` with
     * `data.limit: 'client'` (HTTP 429 with `Retry-After`). Default 16.
     */
    maxListenStreamsPerClient?: number;
    /** Most URIs in the `resourceSubscriptions` of one listen filter (-32602 beyond). Default 32. */
    maxListenResourceUris?: number;
    /** Longest URI in a listen filter, in characters (-32602 beyond). Default 1024. */
    maxListenUriLength?: number;
    /**
     * Longest string `id` of a listen request, in characters: it is kept for the life of the
     * stream and sent with every notification (-32602 beyond). Default 128.
     */
    maxListenIdLength?: number;
    /** Progress notifications allowed in a burst per request. Default 10. */
    progressBurst?: number;
    /** Progress notifications per second per request after the burst. Default 20. */
    progressPerSecond?: number;
    /** Longest wait at the end of a round for `ctx.once` steps still running, in ms. Default 10 000. */
    onceSettleMs?: number;
    /**
     * Largest journal (recorded answers and `once` results, in JSON bytes) of one conversation.
     * Answers that would not fit are refused when they arrive (`-32602`, reason `too-large`).
     * Default 48 KiB, and never more than fits in `requestState.maxLength` without a store.
     */
    maxJournalBytes?: number;
  };
  /** Caching hints per result kind. Default for all: `{ ttlMs: 0, cacheScope: 'private' }`. */
  cache?: Partial<Record<CacheTarget, CacheHint>>;
  /** Put `io.modelcontextprotocol/serverInfo` in every result's `_meta`. Default true. */
  includeServerInfo?: boolean;
  /**
   * Advertise the (deprecated) `logging` capability and let `ctx.log` send messages to clients
   * that ask for them. Default true; `false` turns `ctx.log` into a no-op (requirements.md #195, #196).
   */
  logging?: boolean;
  /** Carries change notifications to listen streams. Default: an in-memory bus. */
  changeBus?: ChangeBus;
  /**
   * Sees every error a handler threw, with the request it belongs to, before it is turned into
   * a wire error (where unexpected errors become a generic `-32603`). The abort that ends a
   * request the client cancelled is not an error and is not reported.
   */
  onError?: (error: unknown, request: { method: string; id?: string | number }) => void;
  /**
   * Scope rules for registrations (`scopes` on tools, prompts, resources, templates): a default
   * for registrations without their own, and whether lists hide what the caller may not use.
   * Scopes come from `ctx.auth.scopes`, which the transport fills from a verified token.
   */
  authorization?: AccessOptions;
  /** Where operator warnings go. Default: `console`. */
  logger?: ServerLogger;
}

/** The defaults of every limit. */
export const DEFAULT_LIMITS: {
  maxRounds: number;
  maxAsksPerRound: number;
  pageSize: number;
  maxListenStreams: number;
  maxListenStreamsPerClient: number;
  maxListenResourceUris: number;
  maxListenUriLength: number;
  maxListenIdLength: number;
  progressBurst: number;
  progressPerSecond: number;
  onceSettleMs: number;
  maxJournalBytes: number;
} = {
  maxRounds: 10,
  maxAsksPerRound: 16,
  pageSize: 100,
  maxListenStreams: 1000,
  maxListenStreamsPerClient: 16,
  maxListenResourceUris: 32,
  maxListenUriLength: 1024,
  maxListenIdLength: 128,
  progressBurst: 10,
  progressPerSecond: 20,
  onceSettleMs: 10_000,
  maxJournalBytes: 48 * 1024,
};

/** Default lifetime of a whole conversation. */
export const DEFAULT_CONVERSATION_TTL_MS = 60 * 60 * 1000;

/** Default lifetime of a sealed `requestState`. */
export const DEFAULT_STATE_TTL_MS = 15 * 60 * 1000;

/** Lifetime of a pagination cursor. */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

/** Builds the capabilities a server advertises. */
export function deriveCapabilities(
  registered: {
    tools: boolean;
    resources: boolean;
    prompts: boolean;
    completions: boolean;
    logging: boolean;
    /** Extensions registered with `registerExtension`, by id. */
    extensions?: Record<string, Record<string, unknown>>;
  },
  extra: ServerCapabilities | undefined,
): ServerCapabilities {
  const extensions = { ...extra?.extensions, ...registered.extensions };
  return {
    ...(registered.tools ? { tools: { listChanged: true } } : {}),
    ...(registered.resources ? { resources: { subscribe: true, listChanged: true } } : {}),
    ...(registered.prompts ? { prompts: { listChanged: true } } : {}),
    ...(registered.completions ? { completions: {} } : {}),
    ...(registered.logging ? { logging: {} } : {}),
    ...extra,
    ...(Object.keys(extensions).length === 0 ? {} : { extensions: extensions as ServerCapabilities['extensions'] }),
  };
}

/**
 * Checks the limits once, when the server is built, so a misconfigured server fails at start
 * instead of on every request.
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer (a positive number for rates)
 */
export function resolveLimits(limits: McpServerOptions['limits']): typeof DEFAULT_LIMITS {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    const valid = name === 'progressPerSecond' ? value > 0 && Number.isFinite(value) : Number.isSafeInteger(value) && value > 0;
    if (!valid) throw usageError(`limits.${name} must be a positive ${name === 'progressPerSecond' ? 'number' : 'integer'}, got ${value}`);
  }
  return resolved;
}
