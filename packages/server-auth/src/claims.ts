/**
 * Reading the claims of an access token (a JWT payload, RFC 9068, or an introspection response,
 * RFC 7662) into what the transport needs. Both use the same claim names.
 */
import { canonicalResource, TokenVerificationError } from '@tern/server-http';
import type { VerifiedToken } from '@tern/server-http';

/** The claims both token formats share. */
export interface TokenClaims {
  readonly sub?: unknown;
  readonly aud?: unknown;
  readonly exp?: unknown;
  readonly iss?: unknown;
  readonly scope?: unknown;
  readonly scp?: unknown;
  readonly client_id?: unknown;
  readonly azp?: unknown;
}

const strings = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
};

/** `scope` (space-separated, RFC 9068 §2.2.3, RFC 7662) or `scp` (a list, as some servers send). */
function scopesOf(claims: TokenClaims): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter((scope) => scope !== '');
  return strings(claims.scp).flatMap((scope) => scope.split(' ')).filter((scope) => scope !== '');
}

/**
 * The verified token the claims describe, once the audience names `resource`.
 * @throws TokenVerificationError `invalid_token` without `sub`, or for another resource
 */
export function readClaims(claims: TokenClaims, resource: string): VerifiedToken {
  if (typeof claims.sub !== 'string' || claims.sub === '') {
    throw new TokenVerificationError('invalid_token', 'the access token names no subject');
  }
  const audience = strings(claims.aud);
  const wanted = canonicalResource(resource);
  if (!audience.some((entry) => canonicalResource(entry) === wanted)) {
    throw new TokenVerificationError('invalid_token', 'the access token was not issued for this resource');
  }
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : typeof claims.azp === 'string' ? claims.azp : undefined;
  return {
    subject: claims.sub,
    scopes: scopesOf(claims),
    audience,
    ...(clientId === undefined ? {} : { clientId }),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
    ...(typeof claims.iss === 'string' ? { issuer: claims.iss } : {}),
  };
}
