import * as z from 'zod/mini';
import { completeResultShape } from './base.js';

/**
 * Values of `cacheScope`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/caching
 */
export const CacheScope = {
  /** No user-specific data: shared caches may serve it to anyone. */
  Public: 'public',
  /** May only be reused for the same credentials. */
  Private: 'private',
} as const;
/** A `cacheScope` value. */
export type CacheScope = (typeof CacheScope)[keyof typeof CacheScope];

/** Validates `cacheScope` (strict). */
export const CacheScopeSchema = z.enum([CacheScope.Public, CacheScope.Private]);

/** Validates `ttlMs`: a non-negative integer number of milliseconds. */
export const TtlMsSchema = z.int().check(z.minimum(0));

/**
 * The methods whose complete results must carry `ttlMs` and `cacheScope`.
 * Results of MRTR retries (requests carrying `inputResponses` or `requestState`) must never be
 * cached, whatever their hints say.
 */
export const CACHEABLE_METHODS = [
  'server/discover',
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
] as const;
/** A method whose complete result is cacheable. */
export type CacheableMethod = (typeof CACHEABLE_METHODS)[number];

/** @internal The caching hints, mixed into every cacheable result. */
export const cacheableShape = {
  ...completeResultShape,
  /** Freshness hint in milliseconds (like `max-age`); `0` means immediately stale. */
  ttlMs: TtlMsSchema,
  /** Who may reuse the cached result. */
  cacheScope: CacheScopeSchema,
};

/** A complete result that carries the caching hints `ttlMs` and `cacheScope` (both required). */
export const CacheableResultSchema = z.looseObject(cacheableShape);
/** A result with caching hints. */
export type CacheableResult = z.infer<typeof CacheableResultSchema>;
