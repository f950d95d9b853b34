/**
 * Enterprise-managed authorization (the MCP extension, SEP-990): the client exchanges the user's
 * ID token from the enterprise IdP for an Identity Assertion JWT Authorization Grant (ID-JAG,
 * RFC 8693 token exchange), then presents it to the MCP authorization server as an RFC 7523
 * JWT-bearer grant.
 */
import * as oauth from 'oauth4webapi';
import { AuthError, describeCause } from './errors.js';
import { checkedUrl, oauthHttpOptions } from './http.js';
import type { HttpSettings } from './http.js';
import type { AssertionContext, GrantOption } from './run-grant.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag';

/** The enterprise IdP and the user's session there. */
export interface IdentityAssertionOptions {
  /** The IdP's issuer identifier. */
  idpIssuer: string;
  /** The IdP's token endpoint. */
  idpTokenEndpoint: string;
  /** This client's id at the IdP. */
  idpClientId: string;
  /** This client's secret at the IdP, if it has one (sent as `client_secret_post`). */
  idpClientSecret?: string | undefined;
  /** The user's ID token from the IdP (a fresh one per call, when it is a function). */
  idToken: string | (() => string | Promise<string>);
  /** The `fetch` for the IdP. Default: the global one. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Allow `http:` on loopback addresses. Default `true`. */
  allowLoopbackHttp?: boolean;
}

/** The `grant` option for enterprise-managed authorization. */
export function identityAssertionGrant(options: IdentityAssertionOptions): GrantOption {
  return { type: 'jwt_bearer', assertion: (context) => requestIdJag(options, context) };
}

/**
 * Exchanges the ID token for an ID-JAG for `context.issuer` and `context.resource`.
 *
 * @throws AuthError `token_request_failed`, `insecure_url`
 */
export async function requestIdJag(options: IdentityAssertionOptions, context: AssertionContext): Promise<string> {
  const http: HttpSettings = {
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    allowLoopbackHttp: options.allowLoopbackHttp ?? true,
    maxDocumentBytes: 1024 * 1024,
    signal: context.signal,
  };
  const idp: oauth.AuthorizationServer = {
    issuer: options.idpIssuer,
    token_endpoint: checkedUrl(options.idpTokenEndpoint, 'IdP token endpoint', http).href,
  };
  const client: oauth.Client = { client_id: options.idpClientId };
  const auth = options.idpClientSecret === undefined ? oauth.None() : oauth.ClientSecretPost(options.idpClientSecret);
  const idToken = typeof options.idToken === 'function' ? await options.idToken() : options.idToken;
  const parameters: Record<string, string> = {
    requested_token_type: ID_JAG,
    subject_token: idToken,
    subject_token_type: ID_TOKEN,
    audience: context.issuer,
    resource: context.resource,
  };
  if (context.scopes !== undefined && context.scopes.length > 0) parameters['scope'] = context.scopes.join(' ');
  try {
    const response = await oauth.genericTokenEndpointRequest(idp, client, auth, TOKEN_EXCHANGE, parameters, oauthHttpOptions(http));
    const result = await oauth.processGenericTokenEndpointResponse(idp, client, response, {
      recognizedTokenTypes: { n_a: () => undefined },
    });
    if (result['issued_token_type'] !== ID_JAG) {
      throw new AuthError('token_request_failed', `The IdP ${options.idpIssuer} did not issue an ID-JAG`);
    }
    return result.access_token;
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('token_request_failed', `The token exchange at the IdP ${options.idpIssuer} failed (${describeCause(error)})`);
  }
}
