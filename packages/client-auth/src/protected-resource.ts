/**
 * Protected resource metadata (RFC 9728): where to find it, and that it is about the resource the
 * client calls.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements
 */
import { AuthError } from './errors.js';
import { checkedUrl, getDocument, readJsonObject } from './http.js';
import type { HttpSettings } from './http.js';

/** The parts of a protected resource metadata document this package uses. */
export interface ResourceMetadata {
  /** The resource identifier: the `resource` parameter of authorization and token requests. */
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[] | undefined;
}

/**
 * Finds the metadata of the resource behind `endpoint`: at `resourceMetadataUrl` (the
 * `resource_metadata` of the challenge) when there is one, else at the path-aware well-known URL,
 * then at the root one (RFC 9728 §3.1, in the order the MCP authorization spec gives).
 *
 * @throws AuthError `resource_metadata` when none is found, `resource_mismatch` when the document
 *   is about another resource
 */
export async function discoverResourceMetadata(
  endpoint: URL,
  resourceMetadataUrl: string | undefined,
  http: HttpSettings,
): Promise<ResourceMetadata> {
  for (const candidate of candidates(endpoint, resourceMetadataUrl, http)) {
    const document = await readJsonObject(await getDocument(candidate, http), http);
    if (document === undefined) continue;
    const metadata = parseMetadata(document);
    if (!identifies(metadata.resource, endpoint)) {
      throw new AuthError(
        'resource_mismatch',
        `The protected resource metadata is for ${metadata.resource}, not for ${endpoint.origin}${endpoint.pathname}`,
      );
    }
    return metadata;
  }
  throw new AuthError(
    'resource_metadata',
    `No protected resource metadata found for ${endpoint.origin}${endpoint.pathname}`,
  );
}

function candidates(endpoint: URL, fromChallenge: string | undefined, http: HttpSettings): URL[] {
  const urls: URL[] = [];
  if (fromChallenge !== undefined) urls.push(checkedUrl(fromChallenge, 'resource metadata URL', http));
  const path = endpoint.pathname.replace(/\/$/, '');
  if (path !== '') urls.push(new URL(`/.well-known/oauth-protected-resource${path}`, endpoint));
  urls.push(new URL('/.well-known/oauth-protected-resource', endpoint));
  return urls;
}

function parseMetadata(document: Record<string, unknown>): ResourceMetadata {
  const { resource, authorization_servers: servers, scopes_supported: scopes } = document;
  if (typeof resource !== 'string') {
    throw new AuthError('resource_metadata', 'The protected resource metadata has no "resource"');
  }
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string')) {
    throw new AuthError(
      'resource_metadata',
      'The protected resource metadata lists no "authorization_servers"',
    );
  }
  return {
    resource,
    authorization_servers: servers,
    scopes_supported:
      Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')
        ? scopes
        : undefined,
  };
}

/**
 * True when `resource` identifies `endpoint`: same origin, and its path is the endpoint's path or
 * a parent of it on a segment boundary (RFC 8707 §2, RFC 9728 §3.3). No query, no fragment.
 */
export function identifies(resource: string, endpoint: URL): boolean {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return false;
  }
  if (url.origin !== endpoint.origin || url.search !== '' || url.hash !== '') return false;
  const parent = url.pathname.replace(/\/$/, '');
  const child = endpoint.pathname.replace(/\/$/, '');
  return parent === '' || child === parent || child.startsWith(`${parent}/`);
}
