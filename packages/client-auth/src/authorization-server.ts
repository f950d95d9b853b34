/**
 * Authorization server metadata (RFC 8414, OpenID Connect Discovery 1.0): the well-known URLs in
 * the order the MCP authorization spec gives, and the issuer check.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-metadata-discovery
 */
import * as oauth from 'oauth4webapi';
import { AuthError, describeCause } from './errors.js';
import { checkedUrl, getDocument } from './http.js';
import type { HttpSettings } from './http.js';

/**
 * The well-known URLs of `issuer`'s metadata: for an issuer with a path, RFC 8414 with the path
 * inserted, OpenID with the path inserted, OpenID with the path appended; without a path, RFC 8414
 * then OpenID.
 */
export function metadataUrls(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/$/, '');
  if (path === '') {
    return [
      new URL('/.well-known/oauth-authorization-server', issuer),
      new URL('/.well-known/openid-configuration', issuer),
    ];
  }
  return [
    new URL(`/.well-known/oauth-authorization-server${path}`, issuer),
    new URL(`/.well-known/openid-configuration${path}`, issuer),
    new URL(`${path}/.well-known/openid-configuration`, issuer),
  ];
}

/**
 * Fetches and checks the metadata of the authorization server `issuer`. Its `issuer` must be
 * `issuer`, character for character (RFC 8414 §3.3); its endpoints must be secure URLs.
 *
 * @throws AuthError `server_metadata` when none is found, `issuer_mismatch`, `insecure_url`
 */
export async function discoverAuthorizationServer(
  issuer: string,
  http: HttpSettings,
): Promise<oauth.AuthorizationServer> {
  const issuerUrl = checkedUrl(issuer, 'authorization server', http);
  for (const url of metadataUrls(issuerUrl)) {
    const response = await getDocument(url, http);
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      continue;
    }
    let metadata: oauth.AuthorizationServer;
    try {
      metadata = await oauth.processDiscoveryResponse(issuerUrl, response);
    } catch (error) {
      if ((error as { code?: unknown }).code === oauth.JSON_ATTRIBUTE_COMPARISON) {
        throw new AuthError('issuer_mismatch', `The metadata at ${url.href} names another issuer than ${issuer}`);
      }
      throw new AuthError(
        'server_metadata',
        `The authorization server metadata at ${url.href} is unusable (${describeCause(error)})`,
        { cause: error },
      );
    }
    // oauth4webapi compares normalized URLs; RFC 8414 §3.3 wants the identical string.
    if (metadata.issuer !== issuer) {
      throw new AuthError(
        'issuer_mismatch',
        `The metadata at ${url.href} names the issuer ${JSON.stringify(metadata.issuer)}, not ${JSON.stringify(issuer)}`,
      );
    }
    for (const key of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint'] as const) {
      const endpoint = metadata[key];
      if (typeof endpoint === 'string') checkedUrl(endpoint, `${key} of ${issuer}`, http);
    }
    return metadata;
  }
  throw new AuthError('server_metadata', `No authorization server metadata found for ${issuer}`);
}
