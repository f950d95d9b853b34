/**
 * Bearer-token authentication of one request (RFC 6750 §2.1, the MCP authorization spec's token
 * handling): the token only from the `Authorization` header, checked by the verifier, for this
 * resource, not expired, with the scopes every request needs. Runs before the body is read.
 */
import type { AuthInfo } from '@tern/core-protocol';
import type { HttpRequestInfo } from '../exchange.js';
import { insufficientScope, invalidRequest, invalidToken, missingToken, verifierUnavailable } from './challenge.js';
import { canonicalResource } from './resource-server-options.js';
import type { ResourceServer } from './resource-server-options.js';
import { isTokenVerificationError } from './token-verifier.js';
import type { VerifiedToken } from './token-verifier.js';

/** `Bearer` and a b64token (RFC 6750 §2.1); the scheme is case-insensitive (RFC 9110 §11.1). */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Whether the query carries `access_token` (RFC 6750 §2.3, which the MCP spec forbids), encoded or not. */
function hasQueryToken(path: string): boolean {
  const start = path.indexOf('?');
  return start !== -1 && new URLSearchParams(path.slice(start + 1)).has('access_token');
}

/** Thrown by a verifier that does not keep its contract; carries nothing of the token. @internal */
class TokenVerifierFault extends Error {
  override readonly name = 'TokenVerifierFault';
}

/**
 * Authenticates one request.
 * @throws McpHttpError 400 (malformed header, token in the query), 401 (missing or invalid
 *   token), 403 (scopes every request needs), 503 (verifier unavailable)
 * @throws TokenVerifierFault when the verifier throws something else (answered 500)
 */
export async function authenticateBearer(
  server: ResourceServer,
  request: HttpRequestInfo,
  signal?: AbortSignal,
): Promise<AuthInfo> {
  if (hasQueryToken(request.path)) {
    throw invalidRequest(server, 'access tokens are not accepted in the URI query');
  }
  const header = request.header('authorization');
  if (header === undefined || header.trim() === '') throw missingToken(server);
  // Two Authorization fields arrive joined with ", ", which no b64token contains.
  const match = BEARER.exec(header.trim());
  if (match === null) throw invalidRequest(server, 'the Authorization header must be one Bearer token');
  const token = match[1] ?? '';
  const verified = await verify(server, token, signal);
  checkToken(server, verified);
  const missing = server.requiredScopes.filter((scope) => !verified.scopes.includes(scope));
  if (missing.length > 0) throw insufficientScope(server, server.requiredScopes);
  return {
    principal: verified.subject,
    scopes: verified.scopes,
    ...(verified.clientId === undefined ? {} : { clientId: verified.clientId }),
    ...(verified.expiresAt === undefined ? {} : { expiresAt: verified.expiresAt }),
    ...(verified.extra === undefined ? {} : { extra: verified.extra }),
  };
}

async function verify(server: ResourceServer, token: string, signal: AbortSignal | undefined): Promise<VerifiedToken> {
  try {
    return await server.verifier.verify(token, { resource: server.resource, ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (isTokenVerificationError(error)) {
      if (error.kind === 'unavailable') throw verifierUnavailable(server);
      throw invalidToken(server, error.message);
    }
    // The error may quote the token or its claims: only its name goes on to onError.
    const name = error instanceof Error ? error.name : typeof error;
    throw new TokenVerifierFault(`The token verifier threw an unexpected ${name}`);
  }
}

/** What the transport checks itself, whatever the verifier did: subject, expiry, audience. */
function checkToken(server: ResourceServer, verified: VerifiedToken): void {
  if (typeof verified?.subject !== 'string' || verified.subject === '' || !Array.isArray(verified.scopes)) {
    throw new TokenVerifierFault('The token verifier returned no subject or scopes');
  }
  if (verified.expiresAt !== undefined && verified.expiresAt * 1000 <= Date.now()) {
    throw invalidToken(server, 'the access token expired');
  }
  if (!server.checkAudience) return;
  const audience: readonly unknown[] = Array.isArray(verified.audience) ? verified.audience : [];
  if (!audience.some((entry) => typeof entry === 'string' && canonicalResource(entry) === server.resource)) {
    throw invalidToken(server, 'the access token was not issued for this resource');
  }
}
