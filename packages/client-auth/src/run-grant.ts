/**
 * Obtains new tokens at an authorization server with the grant the provider is configured for.
 */
import type * as oauth from 'oauth4webapi';
import { finishAuthorization, startAuthorization } from './authorization-code.js';
import type { AuthorizationHandler } from './authorization-code.js';
import { resolveClient } from './client-identity.js';
import type { ClientIdentityOptions } from './client-identity.js';
import { AuthError } from './errors.js';
import type { HttpSettings } from './http.js';
import type { StoredTokens, TokenStore } from './token-store.js';
import { requestTokens } from './token-requests.js';

/** What a JWT-bearer assertion is made for. */
export interface AssertionContext {
  /** The authorization server the assertion is for (its audience). */
  issuer: string;
  /** The resource the token is for. */
  resource: string;
  scopes: string[] | undefined;
  signal?: AbortSignal | undefined;
}

/** The RFC 7523 grant type. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * How an `OAuthProvider` obtains tokens:
 * - `'authorization_code'` (default): a user authorizes in a browser (PKCE, resource, `iss`).
 * - `{ type: 'client_credentials' }`: a machine client with a secret or a private key
 *   (the MCP client credentials extension).
 * - `{ type: 'jwt_bearer', assertion }`: an RFC 7523 assertion, e.g. a workload identity token
 *   (workload identity federation) or an identity assertion from an enterprise IdP
 *   ({@link identityAssertionGrant}). A refused assertion is not retried.
 */
export type GrantOption =
  | 'authorization_code'
  | { type: 'client_credentials' }
  | { type: 'jwt_bearer'; assertion: (context: AssertionContext) => string | Promise<string> };

/** What {@link runGrant} needs besides the options. */
export interface GrantContext {
  as: oauth.AuthorizationServer;
  store: TokenStore;
  resource: string;
  scopes: string[] | undefined;
  http: HttpSettings;
  dpop: oauth.DPoPHandle | undefined;
}

/** The options {@link runGrant} reads. */
export interface GrantOptions extends ClientIdentityOptions {
  grant?: GrantOption;
  redirectUri?: string;
  authorize?: AuthorizationHandler;
}

/** Runs the configured grant; returns the tokens and the client id they were issued to. */
export async function runGrant(
  options: GrantOptions,
  context: GrantContext,
): Promise<{ tokens: Omit<StoredTokens, 'resource'>; clientId: string }> {
  const grant = options.grant ?? 'authorization_code';
  const { as, resource, scopes, http } = context;
  const authorizationCode = grant === 'authorization_code';
  const grantType = authorizationCode ? 'authorization_code' : grant.type === 'jwt_bearer' ? JWT_BEARER_GRANT : grant.type;
  const identity = await resolveClient(options, {
    as,
    store: context.store,
    redirectUri: authorizationCode ? options.redirectUri : undefined,
    grantTypes: authorizationCode ? ['authorization_code', 'refresh_token'] : [grantType],
    http,
  });
  const request = { as, identity, http, dpop: context.dpop };
  const scope = scopes === undefined || scopes.length === 0 ? {} : { scope: scopes.join(' ') };
  if (!authorizationCode && grant.type === 'client_credentials') {
    const tokens = await requestTokens(request, { type: 'client_credentials', resource, ...scope }, scopes ?? []);
    return { tokens, clientId: identity.clientId };
  }
  if (!authorizationCode) {
    const assertion = await grant.assertion({ issuer: as.issuer, resource, scopes, signal: http.signal });
    const tokens = await requestTokens(
      request,
      { type: JWT_BEARER_GRANT, parameters: { assertion, resource, ...scope } },
      scopes ?? [],
    );
    return { tokens, clientId: identity.clientId };
  }
  const { redirectUri, authorize } = options;
  if (redirectUri === undefined || authorize === undefined) {
    throw new AuthError('invalid_configuration', 'The authorization code grant needs redirectUri and authorize');
  }
  const pending = await startAuthorization(as, identity, { redirectUri, resource, scopes });
  let callback: string | URL;
  try {
    callback = await authorize(pending.url, { signal: http.signal });
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('interaction_failed', `The authorization step did not complete: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parameters = finishAuthorization(as, pending, callback);
  const tokens = await requestTokens(
    request,
    { type: 'authorization_code', callback: parameters, redirectUri, codeVerifier: pending.codeVerifier, resource },
    scopes ?? [],
  );
  return { tokens, clientId: identity.clientId };
}
