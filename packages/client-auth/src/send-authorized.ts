/**
 * Sends one request to the MCP endpoint with the current access token: `Authorization: Bearer`,
 * or a DPoP-bound token with its proof (RFC 9449 §7), through oauth4webapi. Redirects are never
 * followed, so a token never leaves for another origin.
 */
import * as oauth from 'oauth4webapi';
import { AuthError } from './errors.js';
import { oauthHttpOptions } from './http.js';
import type { HttpSettings } from './http.js';
import type { StoredTokens } from './token-store.js';

/** One authorized request. */
export interface AuthorizedRequest {
  endpoint: URL;
  init: RequestInit;
  tokens: StoredTokens | undefined;
  dpop: oauth.DPoPHandle | undefined;
  http: HttpSettings;
}

/**
 * The response to `request`: a challenge comes back as the response (the caller reads it).
 *
 * @throws AuthError `cross_origin_redirect` when the server redirects to another origin
 */
export async function sendAuthorized(request: AuthorizedRequest): Promise<Response> {
  const { endpoint, init, tokens, http } = request;
  let response: Response;
  if (tokens === undefined) {
    response = await http.fetch(endpoint.href, { ...init, redirect: 'manual' });
  } else {
    try {
      response = await oauth.protectedResourceRequest(
        tokens.accessToken,
        init.method ?? 'GET',
        endpoint,
        new Headers(init.headers),
        (init.body as string | null | undefined) ?? null,
        { ...oauthHttpOptions(http), ...(request.dpop === undefined ? {} : { DPoP: request.dpop }) },
      );
    } catch (error) {
      if (!(error instanceof oauth.WWWAuthenticateChallengeError)) throw error;
      response = error.response;
    }
  }
  checkRedirect(endpoint, response);
  return response;
}

function checkRedirect(endpoint: URL, response: Response): void {
  // A browser hides where a manual redirect goes: refuse it as if it left the origin.
  const opaque = response.type === 'opaqueredirect';
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  if (!opaque && location === null) return;
  const target = location === null ? undefined : parseUrl(location, endpoint);
  if (target?.origin === endpoint.origin) return;
  throw new AuthError(
    'cross_origin_redirect',
    `The MCP endpoint ${endpoint.origin}${endpoint.pathname} redirected to ${target?.origin ?? 'another origin'}; not following`,
  );
}

function parseUrl(value: string, base: URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}
