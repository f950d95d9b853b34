/**
 * The refusals of a resource server (RFC 6750 §3, the MCP authorization spec's error handling):
 * each one an {@link McpHttpError} with its status, `WWW-Authenticate` challenge and a JSON-RPC
 * body without `id` (the body is not read yet), so every adapter answers them identically.
 */
import { InsufficientScopeError } from '@tern/core-protocol';
import { InternalError, InvalidRequestError } from '@tern/jsonrpc';
import type { HttpHeaders } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';
import type { ResourceServer } from './resource-server-options.js';

/** RFC 6750 §3 error codes. */
type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

interface ChallengeParts {
  readonly error?: BearerError;
  readonly description?: string;
  readonly scopes?: readonly string[];
}

/** A quoted-string of RFC 9110 §5.6.4. */
function quote(value: string): string {
  return `"${value.replaceAll(/["\\]/g, (char) => `\\${char}`)}"`;
}

/**
 * The `WWW-Authenticate` value: `Bearer` with `error`, `error_description`, `resource_metadata`
 * and `scope`, in that order, each present only when known.
 */
export function bearerChallenge(server: ResourceServer | undefined, parts: ChallengeParts): string {
  const params: string[] = [];
  if (parts.error !== undefined) params.push(`error=${quote(parts.error)}`);
  if (parts.description !== undefined) params.push(`error_description=${quote(parts.description)}`);
  if (server !== undefined) params.push(`resource_metadata=${quote(server.metadataUrl)}`);
  const scopes = parts.scopes ?? [];
  if (scopes.length > 0) params.push(`scope=${quote(scopes.join(' '))}`);
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}

function challengeHeaders(server: ResourceServer | undefined, parts: ChallengeParts): HttpHeaders {
  return { 'WWW-Authenticate': bearerChallenge(server, parts) };
}

/** 401 for a request without a token: no `error` code (RFC 6750 §3.1). */
export function missingToken(server: ResourceServer): McpHttpError {
  return new McpHttpError(401, {
    error: new InvalidRequestError('Unauthorized: an access token is required'),
    headers: challengeHeaders(server, { scopes: server.challengeScopes }),
  });
}

/** 401 for a token that is malformed, forged, expired, revoked or for another resource. */
export function invalidToken(server: ResourceServer, description: string): McpHttpError {
  return new McpHttpError(401, {
    error: new InvalidRequestError(`Unauthorized: ${description}`),
    headers: challengeHeaders(server, { error: 'invalid_token', description, scopes: server.challengeScopes }),
  });
}

/** 400 for an `Authorization` header that is not one well-formed bearer credential. */
export function invalidRequest(server: ResourceServer, description: string): McpHttpError {
  return new McpHttpError(400, {
    error: new InvalidRequestError(`Bad Request: ${description}`),
    headers: challengeHeaders(server, { error: 'invalid_request', description }),
  });
}

/** 503 with `Retry-After` when the token cannot be checked right now (keys or introspection down). */
export function verifierUnavailable(server: ResourceServer): McpHttpError {
  return new McpHttpError(503, {
    error: new InternalError('Service Unavailable: the access token cannot be checked right now'),
    headers: { 'Retry-After': String(server.retryAfterSeconds) },
  });
}

/** 403 step-up: the token lacks `scopes`, all of which the operation needs. */
export function insufficientScope(server: ResourceServer, scopes: readonly string[]): McpHttpError {
  return new McpHttpError(403, {
    error: new InsufficientScopeError(scopes),
    headers: scopeChallenge(server, scopes, true).headers,
  });
}

/**
 * The headers and status of a dispatched `InsufficientScopeError` response: 403 with the step-up
 * challenge, or 401 when the request carried no credentials at all (an anonymous caller of an
 * `authenticate` hook).
 */
export function scopeChallenge(
  server: ResourceServer | undefined,
  scopes: readonly string[],
  authenticated: boolean,
): { status: number; headers: HttpHeaders } {
  if (!authenticated) return { status: 401, headers: challengeHeaders(server, { scopes }) };
  return {
    status: 403,
    headers: challengeHeaders(server, {
      error: 'insufficient_scope',
      description: 'The access token lacks scopes this operation needs',
      scopes,
    }),
  };
}
