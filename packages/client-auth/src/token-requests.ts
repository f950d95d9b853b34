/**
 * The token endpoint requests of this package, on oauth4webapi: the authorization code exchange,
 * refresh, and the other grants. One place that sends them, retries once on a DPoP nonce
 * challenge (RFC 9449 §8), and turns their failures into secret-free {@link AuthError}s.
 */
import * as oauth from 'oauth4webapi';
import { clientAuthentication, oauthClient } from './client-identity.js';
import type { ClientIdentity } from './client-identity.js';
import { AuthError, describeCause } from './errors.js';
import { oauthHttpOptions } from './http.js';
import type { HttpSettings } from './http.js';
import type { StoredTokens } from './token-store.js';

/** One token request: the server, the client, and how to send it. */
export interface TokenRequestContext {
  as: oauth.AuthorizationServer;
  identity: ClientIdentity;
  http: HttpSettings;
  dpop?: oauth.DPoPHandle | undefined;
}

/** The grant of one token request. */
export type Grant =
  | { type: 'authorization_code'; callback: URLSearchParams; redirectUri: string; codeVerifier: string; resource: string }
  | { type: 'refresh_token'; refreshToken: string; resource: string; scope?: string | undefined }
  | { type: 'client_credentials'; resource: string; scope?: string | undefined }
  | { type: string; parameters: Record<string, string> };

/**
 * Sends `grant` to the token endpoint and returns the tokens for `resource` at the issuer. The
 * error keeps no `cause`: the errors of oauth4webapi hold the response body, which may hold secrets.
 *
 * @throws AuthError `token_request_failed`, with the OAuth error code but never the body
 */
export async function requestTokens(
  context: TokenRequestContext,
  grant: Grant,
  scopesAsked: string[],
): Promise<Omit<StoredTokens, 'resource'>> {
  let response: oauth.TokenEndpointResponse;
  try {
    response = await send(context, grant);
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw wrap(context, grant, error);
    try {
      // The DPoP handle kept the server's nonce: once more, with it.
      response = await send(context, grant);
    } catch (again) {
      throw wrap(context, grant, again);
    }
  }
  const tokenType = response.token_type.toLowerCase();
  return {
    issuer: context.as.issuer,
    accessToken: response.access_token,
    tokenType: tokenType === 'dpop' ? 'dpop' : 'bearer',
    refreshToken: response.refresh_token,
    expiresAt:
      typeof response.expires_in === 'number' ? Date.now() + response.expires_in * 1000 : undefined,
    scopes:
      typeof response.scope === 'string'
        ? response.scope.split(' ').filter((scope) => scope !== '')
        : scopesAsked,
  };
}

async function send(context: TokenRequestContext, grant: Grant): Promise<oauth.TokenEndpointResponse> {
  const { as, identity, http } = context;
  const client = oauthClient(identity);
  const auth = clientAuthentication(identity, as);
  const options = { ...oauthHttpOptions(http), ...(context.dpop === undefined ? {} : { DPoP: context.dpop }) };
  if (grant.type === 'authorization_code' && 'callback' in grant) {
    const response = await oauth.authorizationCodeGrantRequest(as, client, auth, grant.callback, grant.redirectUri, grant.codeVerifier, {
      ...options,
      additionalParameters: { resource: grant.resource },
    });
    return oauth.processAuthorizationCodeResponse(as, client, response);
  }
  if (grant.type === 'refresh_token' && 'refreshToken' in grant) {
    const response = await oauth.refreshTokenGrantRequest(as, client, auth, grant.refreshToken, {
      ...options,
      additionalParameters: {
        resource: grant.resource,
        ...(grant.scope === undefined ? {} : { scope: grant.scope }),
      },
    });
    return oauth.processRefreshTokenResponse(as, client, response);
  }
  if (grant.type === 'client_credentials' && 'resource' in grant) {
    const parameters: Record<string, string> = { resource: grant.resource };
    if (grant.scope !== undefined) parameters['scope'] = grant.scope;
    const response = await oauth.clientCredentialsGrantRequest(as, client, auth, parameters, options);
    return oauth.processClientCredentialsResponse(as, client, response);
  }
  const parameters = 'parameters' in grant ? grant.parameters : {};
  const response = await oauth.genericTokenEndpointRequest(as, client, auth, grant.type, parameters, options);
  return oauth.processGenericTokenEndpointResponse(as, client, response);
}

function wrap(context: TokenRequestContext, grant: Grant, error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  return new AuthError(
    'token_request_failed',
    `The ${grant.type} token request to ${context.as.issuer} failed (${describeCause(error)})`,
  );
}
