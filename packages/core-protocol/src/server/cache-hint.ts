import type { CacheScope } from '@tern/schema';
import { usageError } from '../errors.js';

/**
 * Caching hints put on every complete result of `server/discover`, the lists and
 * `resources/read` (requirements.md #179, #183, #188).
 */
export interface CacheHint {
  /** Freshness in milliseconds; a non-negative integer. */
  ttlMs: number;
  /** `public` results may be shared by caches across users; `private` ones may not. */
  cacheScope: CacheScope;
}

/** The default: clients must revalidate, and nothing is shared across users. */
export const NO_CACHE: CacheHint = { ttlMs: 0, cacheScope: 'private' };

/**
 * Checks a hint given by the server author.
 * @throws SdkError INVALID_USAGE when `ttlMs` is not a non-negative integer
 */
export function checkCacheHint(hint: CacheHint): CacheHint {
  if (!Number.isSafeInteger(hint.ttlMs) || hint.ttlMs < 0) {
    throw usageError(`ttlMs must be a non-negative integer, got ${hint.ttlMs}`);
  }
  return { ttlMs: hint.ttlMs, cacheScope: hint.cacheScope };
}
