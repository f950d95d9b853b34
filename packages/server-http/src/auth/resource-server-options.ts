import { isScopeToken } from '@tern/core-protocol';
import type { TokenVerifier } from './token-verifier.js';
import { usageError } from '@tern/jsonrpc';

/**
 * The `authorization` option: makes the endpoint an OAuth 2.1 resource server as the MCP
 * authorization spec describes. Every request then needs `Authorization: Bearer <token>`, checked
 * by `verifier` and against `resource`, before its body is read.
 */
export interface ResourceServerOptions {
  /**
   * The canonical URI of this MCP endpoint (RFC 8707 §2, RFC 9728 `resource`), as clients reach
   * it: `'https://mcp.example.com/mcp'`. Absolute, `http(s)`, no fragment. Tokens must name it in
   * their audience; the protected resource metadata is served at the well-known path derived from
   * it (`/.well-known/oauth-protected-resource/mcp`).
   */
  resource: string;
  /** Issuer identifiers of the authorization servers (RFC 9728 `authorization_servers`); one at least. */
  authorizationServers: readonly string[];
  /** Checks each bearer token. */
  verifier: TokenVerifier;
  /**
   * Scopes every request needs, whatever it calls: a token without them gets the 403 step-up
   * challenge. They are also the `scope` of the 401 challenge. Default: none (then the 401
   * challenge names `scopesSupported`, if any).
   */
  requiredScopes?: readonly string[];
  /** `scopes_supported` of the metadata: the minimal scopes for basic use (authorization spec). */
  scopesSupported?: readonly string[];
  /** `resource_name` of the metadata, for consent screens. */
  resourceName?: string;
  /** `resource_documentation` of the metadata: a URL of human-readable documentation. */
  resourceDocumentation?: string;
  /**
   * Refuse a token whose audience does not name `resource` (RFC 8707; the authorization spec's
   * "MUST validate that access tokens were issued specifically for them"). Default `true`; turn
   * it off only when the verifier checks the audience in its own way.
   */
  checkAudience?: boolean;
  /** `Retry-After` seconds of the 503 sent when the verifier cannot check tokens. Default 5. */
  retryAfterSeconds?: number;
}

/** The metadata document of RFC 9728 §2, as served. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  bearer_methods_supported: ['header'];
  scopes_supported?: string[];
  resource_name?: string;
  resource_documentation?: string;
}

/** The options checked and what follows from them, resolved once per handler. @internal */
export interface ResourceServer {
  readonly resource: string;
  readonly verifier: TokenVerifier;
  readonly requiredScopes: readonly string[];
  /** The scopes the 401 challenge names. */
  readonly challengeScopes: readonly string[];
  readonly checkAudience: boolean;
  readonly retryAfterSeconds: number;
  /** The absolute URL of the metadata document, for `resource_metadata`. */
  readonly metadataUrl: string;
  /** Its path, to recognise requests for it. */
  readonly metadataPath: string;
  /** The document, serialised once. */
  readonly metadataJson: string;
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/**
 * The canonical form of a resource URI for comparison: scheme and host lower-cased (the spec asks
 * to accept upper case), default port dropped, no trailing slash on a path, no fragment.
 * @returns `undefined` for a value that is not an absolute http(s) URI
 */
export function canonicalResource(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}${path}${url.search}`;
}

/**
 * The path of the metadata document of `resource` (RFC 9728 §3.1: the well-known prefix inserted
 * before the resource's path), e.g. `/.well-known/oauth-protected-resource/mcp`.
 * @throws SdkError INVALID_USAGE when `resource` is not an absolute http(s) URI without a fragment
 */
export function resourceMetadataPath(resource: string): string {
  return new URL(metadataUrl(checkResource(resource))).pathname;
}

function metadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.origin}${WELL_KNOWN}${path}`;
}

function checkResource(resource: string): string {
  const canonical = typeof resource === 'string' && !resource.includes('#') ? canonicalResource(resource) : undefined;
  if (canonical === undefined || new URL(canonical).search !== '') {
    throw usageError(
      `authorization.resource must be an absolute http(s) URI without query or fragment, got ${JSON.stringify(resource)}`,
    );
  }
  return canonical;
}

/**
 * Checks and resolves the `authorization` option.
 * @throws SdkError INVALID_USAGE for a bad resource, no authorization server, a missing verifier or a bad scope
 * @throws SdkError INVALID_USAGE for a `retryAfterSeconds` that is not a positive integer
 */
export function resolveResourceServer(options: ResourceServerOptions): ResourceServer {
  const resource = checkResource(options.resource);
  if (typeof options.verifier?.verify !== 'function') {
    throw usageError('authorization.verifier must have a verify(token, context) method');
  }
  const servers = [...(options.authorizationServers ?? [])];
  if (servers.length === 0 || servers.some((server) => canonicalResource(server) === undefined)) {
    throw usageError('authorization.authorizationServers must list at least one http(s) issuer URL');
  }
  const requiredScopes = checkScopes('requiredScopes', options.requiredScopes);
  const scopesSupported = checkScopes('scopesSupported', options.scopesSupported);
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  if (!Number.isSafeInteger(retryAfterSeconds) || retryAfterSeconds < 1) {
    throw usageError(`authorization.retryAfterSeconds must be a positive integer, got ${retryAfterSeconds}`);
  }
  const url = metadataUrl(resource);
  const document: ProtectedResourceMetadata = {
    resource,
    authorization_servers: servers,
    bearer_methods_supported: ['header'],
    ...(scopesSupported.length === 0 ? {} : { scopes_supported: [...scopesSupported] }),
    ...(options.resourceName === undefined ? {} : { resource_name: options.resourceName }),
    ...(options.resourceDocumentation === undefined ? {} : { resource_documentation: options.resourceDocumentation }),
  };
  return {
    resource,
    verifier: options.verifier,
    requiredScopes,
    challengeScopes: requiredScopes.length > 0 ? requiredScopes : scopesSupported,
    checkAudience: options.checkAudience !== false,
    retryAfterSeconds,
    metadataUrl: url,
    metadataPath: new URL(url).pathname,
    metadataJson: JSON.stringify(document),
  };
}

function checkScopes(name: string, scopes: readonly string[] | undefined): readonly string[] {
  for (const scope of scopes ?? []) {
    if (!isScopeToken(scope)) {
      throw usageError(`authorization.${name}: ${JSON.stringify(scope)} is not an RFC 6749 scope token`);
    }
  }
  return Object.freeze([...(scopes ?? [])]);
}
