/**
 * The seam between the transport and whoever checks access tokens: a JWT verifier, RFC 7662
 * introspection (`@tern/server-auth` ships both), or the application's own.
 */

/** What a verifier learned from a valid token. Nothing here is ever logged by the transport. */
export interface VerifiedToken {
  /** The principal the token speaks for (`sub`). Becomes `ctx.auth.principal`. */
  readonly subject: string;
  /** The OAuth client the token was issued to (`client_id`, `azp`), when known. */
  readonly clientId?: string;
  /** Granted scopes. */
  readonly scopes: readonly string[];
  /**
   * The resources the token was issued for (`aud`, or introspection's `aud`). The transport
   * refuses a token whose audience does not name this server (RFC 8707), unless `checkAudience`
   * is off.
   */
  readonly audience: readonly string[];
  /** Expiry in seconds since the epoch (`exp`), when known; an expired token is refused. */
  readonly expiresAt?: number;
  /** The issuer (`iss`), when known. */
  readonly issuer?: string;
  /** Anything else the application wants in `ctx.auth.extra` (claims, token id). */
  readonly extra?: Record<string, unknown>;
}

/** What a verifier is told about the request. */
export interface TokenVerificationContext {
  /** The canonical URI of this MCP server (RFC 8707), the audience a token must name. */
  readonly resource: string;
  /** Aborted when the client goes away. */
  readonly signal?: AbortSignal;
}

/** Checks one bearer token. */
export interface TokenVerifier {
  /**
   * Resolves with what the token grants, or rejects with {@link TokenVerificationError}: kind
   * `'invalid_token'` for a token that is malformed, forged, expired, revoked or for another
   * resource (answered 401), `'unavailable'` when the token cannot be checked right now (keys or
   * introspection unreachable; answered 503 with `Retry-After`). Anything else it throws answers
   * 500. Never put the token or its claims into the error.
   */
  verify(token: string, context: TokenVerificationContext): Promise<VerifiedToken>;
}

/** Why a token was not accepted. */
export type TokenVerificationFailure = 'invalid_token' | 'unavailable';

/**
 * A token verifier's refusal. `description` goes to the client in `error_description`: keep it
 * generic, never a claim or part of the token.
 */
export class TokenVerificationError extends Error {
  override readonly name: string = 'TokenVerificationError';
  readonly kind: TokenVerificationFailure;

  constructor(kind: TokenVerificationFailure, description: string) {
    super(description);
    this.kind = kind;
  }
}

/** True when `value` is a {@link TokenVerificationError}, also across duplicate installs. */
export function isTokenVerificationError(value: unknown): value is TokenVerificationError {
  if (value instanceof TokenVerificationError) return true;
  if (!(value instanceof Error) || value.name !== 'TokenVerificationError') return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'invalid_token' || kind === 'unavailable';
}
