import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier, VerifiedToken } from '@tern/server-http';
import { readClaims } from './claims.js';
import type { TokenClaims } from './claims.js';
import { TokenCache } from './token-cache.js';

/** Options of {@link introspectionVerifier}. */
export interface IntrospectionVerifierOptions {
  /** The authorization server's introspection endpoint (its metadata's `introspection_endpoint`). */
  endpoint: string | URL;
  /** This resource server's client id at the authorization server (`client_secret_basic`). */
  clientId: string;
  /** Its client secret. */
  clientSecret: string;
  /**
   * How long an active answer is reused, in ms: never past the token's `exp`, and a token
   * without `exp` is never cached. Revocation takes effect within this time. Default 60 000; `0`
   * asks on every request.
   */
  cacheMaxMs?: number;
  /** Most answers cached (the oldest are dropped first). Default 1000. */
  cacheMaxEntries?: number;
  /** Timeout of one introspection request, in ms. Default 5000. */
  timeoutMs?: number;
}

/** `application/x-www-form-urlencoded` encoding of a client credential (RFC 6749 §2.3.1). */
const formEncode = (value: string): string => encodeURIComponent(value).replaceAll('%20', '+');

/**
 * A verifier that asks the authorization server about each token (RFC 7662 introspection): for
 * opaque tokens, or when revocation must take effect quickly. Active answers are cached for at
 * most `cacheMaxMs` and never past the token's `exp`; the cache is keyed by a SHA-256 digest, so
 * it holds no token. `active: false` refuses the token (401); an endpoint that cannot be reached,
 * times out or answers other than 200 with JSON makes it "unavailable" (503 with `Retry-After`).
 * The audience must name this server's resource (RFC 8707).
 *
 * @example
 * ```ts
 * const verifier = introspectionVerifier({
 *   endpoint: 'https://auth.example.com/token/introspection',
 *   clientId: 'mcp-server',
 *   clientSecret: 'from-your-secret-store',
 * });
 * ```
 */
export function introspectionVerifier(options: IntrospectionVerifierOptions): TokenVerifier {
  const endpoint = new URL(options.endpoint);
  const cacheMaxMs = options.cacheMaxMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!Number.isSafeInteger(cacheMaxMs) || cacheMaxMs < 0) throw new RangeError('cacheMaxMs must be a non-negative integer');
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new RangeError('timeoutMs must be a positive integer');
  const cache = new TokenCache(options.cacheMaxEntries ?? 1000);
  const credentials = `Basic ${btoa(`${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`)}`;

  const introspect = async (token: string, signal: AbortSignal | undefined): Promise<TokenClaims & { active?: unknown }> => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          authorization: credentials,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        signal: signal === undefined ? AbortSignal.timeout(timeoutMs) : AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch {
      throw unavailable();
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw unavailable();
    }
    try {
      const body: unknown = await response.json();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unavailable();
      return body;
    } catch {
      throw unavailable();
    }
  };

  return {
    async verify(token, context) {
      const key = await TokenCache.keyOf(token);
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const answer = await introspect(token, context.signal);
      if (answer.active !== true) throw new TokenVerificationError('invalid_token', 'the access token is not active');
      const verified: VerifiedToken = readClaims(answer, context.resource);
      if (verified.expiresAt !== undefined) {
        cache.set(key, verified, Math.min(Date.now() + cacheMaxMs, verified.expiresAt * 1000));
      }
      return verified;
    },
  };
}

function unavailable(): TokenVerificationError {
  return new TokenVerificationError('unavailable', 'the introspection endpoint cannot be reached');
}
