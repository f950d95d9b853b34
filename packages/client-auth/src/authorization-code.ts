/**
 * The authorization code flow with PKCE (OAuth 2.1 §4.1, RFC 7636 S256), resource indicators
 * (RFC 8707) and the `iss` response parameter (RFC 9207), on oauth4webapi.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection
 */
import * as oauth from 'oauth4webapi';
import type { ClientIdentity } from './client-identity.js';
import { AuthError, describeCause } from './errors.js';

/**
 * Shows the user `authorizationUrl` (a browser tab, a redirect, a printed link) and resolves with
 * the URL the authorization server redirected back to, the one that carries `code` and `state`.
 */
export type AuthorizationHandler = (
  authorizationUrl: URL,
  context: { signal?: AbortSignal | undefined },
) => Promise<string | URL>;

/** One authorization request under way: what the callback is checked against. */
export interface PendingAuthorization {
  url: URL;
  clientId: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
}

/** What the authorization request asks for. */
export interface AuthorizationParameters {
  redirectUri: string;
  resource: string;
  scopes: string[] | undefined;
}

/**
 * Builds the authorization request: PKCE S256, a fresh `state`, the resource and the scopes.
 *
 * @throws AuthError `pkce_unsupported` when the server does not list S256 in
 *   `code_challenge_methods_supported` (the MCP spec forbids going on without it)
 */
export async function startAuthorization(
  as: oauth.AuthorizationServer,
  identity: ClientIdentity,
  parameters: AuthorizationParameters,
): Promise<PendingAuthorization> {
  if (as.code_challenge_methods_supported?.includes('S256') !== true) {
    throw new AuthError(
      'pkce_unsupported',
      `The authorization server ${as.issuer} does not advertise PKCE with S256`,
    );
  }
  if (typeof as.authorization_endpoint !== 'string') {
    throw new AuthError('server_metadata', `The authorization server ${as.issuer} has no authorization endpoint`);
  }
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', identity.clientId);
  url.searchParams.set('redirect_uri', parameters.redirectUri);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('resource', parameters.resource);
  if (parameters.scopes !== undefined && parameters.scopes.length > 0) {
    url.searchParams.set('scope', parameters.scopes.join(' '));
  }
  return { url, clientId: identity.clientId, state, codeVerifier, redirectUri: parameters.redirectUri };
}

/**
 * Checks the redirect back: `state`, and `iss` compared by simple string comparison with the
 * issuer (required when the server advertises `authorization_response_iss_parameter_supported`,
 * checked whenever present: RFC 9207 §2.4, SEP-2468). Returns the parameters for the code exchange.
 *
 * @throws AuthError `access_denied` when the server answered with an error,
 *   `invalid_authorization_response` for a wrong state, issuer or a missing code
 */
export function finishAuthorization(
  as: oauth.AuthorizationServer,
  pending: PendingAuthorization,
  callback: string | URL,
): URLSearchParams {
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    throw new AuthError('invalid_authorization_response', 'The authorization callback is not a URL');
  }
  try {
    return oauth.validateAuthResponse(as, { client_id: pending.clientId }, url.searchParams, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new AuthError(
        'access_denied',
        `The authorization server ${as.issuer} refused: ${error.error}${error.error_description === undefined ? '' : ` (${error.error_description})`}`,
      );
    }
    throw new AuthError(
      'invalid_authorization_response',
      `The authorization response from ${as.issuer} is invalid (${describeCause(error)}: ${error instanceof Error ? error.message : ''})`,
    );
  }
}
