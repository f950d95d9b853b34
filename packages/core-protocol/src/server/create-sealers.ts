import { usageError } from '../errors.js';
import type { StateCodecConfig } from './conversation/state-codec.js';
import { RecentJournals, recentJournalsLimits } from './conversation/recent-journals.js';
import { RequestStateSealer } from './request-state/request-state-sealer.js';
import type { McpServerOptions } from './server-options.js';
import { CURSOR_TTL_MS, DEFAULT_CONVERSATION_TTL_MS, DEFAULT_STATE_TTL_MS } from './server-options.js';

/** The sealers of one server: conversation state and cursors, each with its own derived key. */
export interface ServerSealers {
  stateSealer: RequestStateSealer;
  cursorSealer: RequestStateSealer;
  stateCodec: StateCodecConfig;
  /** The journal bound in force: the option, never more than fits in a token without a store. */
  maxJournalBytes: number;
}

/** Fixed room a sealed token needs besides its journal: prefix, IV, tag, envelope, round fields. */
const TOKEN_OVERHEAD = 512;
const DEFAULT_MAX_TOKEN_LENGTH = 64 * 1024;
/** Below this a token cannot hold a journal worth the name. */
const MIN_TOKEN_LENGTH = 1024;

/**
 * Imports the keys once for every purpose. The audience is the server's name plus the optional
 * deployment id, so a token of one server never opens on another that shares the key ring.
 *
 * @throws SdkError INVALID_USAGE (as a rejected promise) for unusable keys or options
 */
export async function createSealers(
  name: string,
  options: McpServerOptions,
  maxJournalBytes: number,
): Promise<ServerSealers> {
  const settings = options.requestState ?? {};
  if (settings.maxLength !== undefined && !(settings.maxLength >= MIN_TOKEN_LENGTH)) {
    throw usageError(`requestState.maxLength must be at least ${MIN_TOKEN_LENGTH} characters, got ${settings.maxLength}`);
  }
  const keys = settings.keys;
  const audience = options.deploymentId === undefined ? name : `${name}#${options.deploymentId}`;
  const shared = {
    ...(keys === undefined || keys.length === 0 ? {} : { keys }),
    ...(settings.maxLength === undefined ? {} : { maxTokenLength: settings.maxLength }),
    ...(settings.cipher === undefined ? {} : { cipher: settings.cipher }),
    audience,
  };
  const roundTtlMs = settings.ttlMs ?? DEFAULT_STATE_TTL_MS;
  const conversationTtlMs = settings.conversationTtlMs ?? DEFAULT_CONVERSATION_TTL_MS;
  if (!(conversationTtlMs > 0) || !Number.isFinite(conversationTtlMs)) {
    throw usageError(`requestState.conversationTtlMs must be a finite number greater than 0, got ${conversationTtlMs}`);
  }
  // With a store, the store alone decides what opens (single use, revocation).
  const recentLimits = settings.store === undefined ? recentJournalsLimits(settings.recent) : undefined;
  const recent = recentLimits === undefined ? undefined : new RecentJournals(recentLimits, Date.now);
  const stateSealer = await RequestStateSealer.create({ ...shared, ttlMs: roundTtlMs, purpose: 'request-state' });
  const cursorSealer = await RequestStateSealer.create({ ...shared, ttlMs: CURSOR_TTL_MS, purpose: 'cursor' });
  // In a token the journal is base64url inside AES-GCM: 3 bytes of JSON take 4 characters.
  const fitsInToken = Math.floor(((settings.maxLength ?? DEFAULT_MAX_TOKEN_LENGTH) * 3) / 4) - TOKEN_OVERHEAD;
  return {
    stateSealer,
    cursorSealer,
    stateCodec: { sealer: stateSealer, store: settings.store, recent, conversationTtlMs, roundTtlMs, now: Date.now },
    maxJournalBytes: settings.store === undefined ? Math.min(maxJournalBytes, fitsInToken) : maxJournalBytes,
  };
}

/** Warns, at construction, that without `requestState.keys` rounds must all reach this instance. */
export function warnWithoutStateKeys(name: string, options: McpServerOptions): void {
  const keys = options.requestState?.keys;
  if (keys !== undefined && keys.length > 0) return;
  (options.logger ?? console).warn(
    `[tern] ${name}: no requestState keys configured; a random key was generated. ` +
      'Multi-round conversations only work while every round reaches this same instance.',
  );
}
