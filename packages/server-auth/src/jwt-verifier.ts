import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier } from '@tern/server-http';
import { readClaims } from './claims.js';

/** Options of {@link jwtVerifier}. */
export interface JwtVerifierOptions {
  /** The issuer (`iss`) tokens must carry, exactly as the authorization server's metadata says. */
  issuer: string;
  /** The URL of the issuer's JSON Web Key Set (its metadata's `jwks_uri`). */
  jwksUri: string | URL;
  /**
   * Signature algorithms accepted. Default `['RS256', 'PS256', 'ES256', 'EdDSA']`: asymmetric
   * only, so an HMAC token "signed" with the public key, and `alg: none`, are refused.
   */
  algorithms?: readonly string[];
  /**
   * The `typ` header required (RFC 9068 §2.1: `at+jwt`, which keeps ID tokens and other JWTs of
   * the issuer from passing as access tokens). Default `'at+jwt'`; `null` accepts any `typ`.
   */
  tokenType?: string | null;
  /**
   * Clock skew tolerated on `nbf` (a token "not valid yet" by a few seconds of drift), in seconds.
   * Default 30. It does not extend `exp`: the transport refuses a token once `exp` has passed.
   */
  clockToleranceSeconds?: number;
  /** How long fetched keys are trusted before they are fetched again, in ms. Default 10 minutes. */
  keysMaxAgeMs?: number;
  /**
   * Least time between two fetches caused by an unknown `kid` (key rotation), in ms, so forged
   * `kid`s cannot make the server hammer the issuer. Default 30 000.
   */
  keysCooldownMs?: number;
  /** Timeout of one key-set fetch, in ms. Default 5000. */
  keysTimeoutMs?: number;
}

const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Failures of the key set itself: the token cannot be checked right now. */
class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

/**
 * A verifier of JWT access tokens (RFC 9068) against the issuer's JWKS, on `jose`. Keys are
 * fetched on first use and cached (`keysMaxAgeMs`); a token signed with a key the cache does not
 * know triggers one refetch (at most every `keysCooldownMs`), so the issuer can rotate keys
 * without a restart. Checks signature and algorithm, `typ`, `iss`, `exp`/`nbf`, `sub`, and that
 * `aud` names this server's resource (RFC 8707). A key set that cannot be fetched makes the
 * token "unavailable" (503 with `Retry-After`), never "invalid".
 *
 * @example
 * ```ts
 * const verifier = jwtVerifier({
 *   issuer: 'https://auth.example.com',
 *   jwksUri: 'https://auth.example.com/jwks',
 * });
 * ```
 */
export function jwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_ALGORITHMS)];
  if (algorithms.length === 0 || algorithms.some((alg) => alg === 'none' || alg.startsWith('HS'))) {
    throw new TypeError('jwtVerifier: algorithms must be asymmetric signature algorithms (no none, no HS*)');
  }
  const keys = createRemoteJWKSet(new URL(options.jwksUri), {
    cacheMaxAge: options.keysMaxAgeMs ?? 600_000,
    cooldownDuration: options.keysCooldownMs ?? 30_000,
    timeoutDuration: options.keysTimeoutMs ?? 5000,
  });
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      // No key for this kid/alg, even after a refetch: the token's fault. Anything else (network,
      // timeout, a key set that is not JSON) is the key set's.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeysUnavailable('The key set could not be fetched');
    }
  };
  const tokenType = options.tokenType === undefined ? 'at+jwt' : options.tokenType;
  return {
    async verify(token, context) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: options.issuer,
          algorithms,
          clockTolerance: options.clockToleranceSeconds ?? 30,
          ...(tokenType === null ? {} : { typ: tokenType }),
          requiredClaims: ['sub', 'exp', 'aud'],
        }));
      } catch (error) {
        throw refusal(error);
      }
      return readClaims(payload, context.resource);
    },
  };
}

/** A verification failure as the transport needs it; jose's errors carry claims, so none is kept. */
function refusal(error: unknown): TokenVerificationError {
  if (error instanceof KeysUnavailable) {
    return new TokenVerificationError('unavailable', 'the signing keys cannot be fetched');
  }
  if (error instanceof errors.JWTExpired) return new TokenVerificationError('invalid_token', 'the access token expired');
  return new TokenVerificationError('invalid_token', 'the access token is invalid');
}
