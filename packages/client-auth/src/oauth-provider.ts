/**
 * {@link OAuthProvider}: OAuth for MCP clients, as the `authProvider` of `StreamableHttpTransport`
 * and `DualEraTransport`. It answers the server's challenges: discovery, client identity, the
 * authorization code flow (or another grant), refresh, step-up, within bounded retries.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */
import type { AuthProvider, FetchLike } from '@tern/core-protocol';
import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from './authorization-server.js';
import type { AuthorizationHandler } from './authorization-code.js';
import type { ClientIdentityOptions } from './client-identity.js';
import { AuthError } from './errors.js';
import { checkedUrl } from './http.js';
import type { HttpSettings } from './http.js';
import { discoverResourceMetadata } from './protected-resource.js';
import { coversScopes, selectScopes } from './scopes.js';
import { runGrant } from './run-grant.js';
import type { GrantOption } from './run-grant.js';
import { sendAuthorized } from './send-authorized.js';
import { MemoryTokenStore } from './token-store.js';
import type { StoredTokens, TokenStore } from './token-store.js';
import { requestTokens } from './token-requests.js';
import { oauthChallenge, scopesOf } from './www-authenticate.js';
import type { Challenge } from './www-authenticate.js';

/** Options of {@link OAuthProvider}. */
export interface OAuthProviderOptions extends ClientIdentityOptions {
  /**
   * How tokens are obtained. Default `'authorization_code'` (needs `redirectUri` and `authorize`);
   * the others are for machines: see {@link GrantOption}.
   */
  grant?: GrantOption;
  /** The redirect URI registered for the authorization code flow. */
  redirectUri?: string;
  /** Shows the user the authorization URL and resolves with the redirect back. */
  authorize?: AuthorizationHandler;
  /** Where tokens and registered clients are kept. Default: a new {@link MemoryTokenStore}. */
  store?: TokenStore;
  /** Ask for `offline_access` (a refresh token) when the server lists it. Default `true`. */
  offlineAccess?: boolean;
  /** Most authorizations one request may trigger before it fails. Default 2. */
  maxAuthorizations?: number;
  /** Allow `http:` on loopback addresses, for development. Default `true`. */
  allowLoopbackHttp?: boolean;
  /** Most bytes of a metadata document. Default 1 MiB. */
  maxDocumentBytes?: number;
  /**
   * DPoP (RFC 9449): `true` makes an ES256 key for this provider when the authorization server
   * supports DPoP; a key pair uses that key. Default `false`.
   */
  dpop?: boolean | CryptoKeyPair;
  /** Refresh this long before a token expires, in ms. Default 30 000. */
  expirySkewMs?: number;
}

/** What one authorization learned, kept for the next request to the same endpoint. */
interface Discovered {
  resource: string;
  resourceScopes: string[] | undefined;
  as: oauth.AuthorizationServer;
}

/**
 * OAuth 2.1 for MCP clients, an {@link AuthProvider}.
 *
 * @example
 * ```ts
 * import { OAuthProvider } from '@tern/client-auth';
 * import { StreamableHttpTransport } from '@tern/client-http';
 *
 * const authProvider = new OAuthProvider({
 *   redirectUri: 'http://127.0.0.1:8765/callback',
 *   clientMetadataUrl: 'https://app.example.com/oauth/client.json',
 *   authorize: async (url) => openBrowserAndWaitForRedirect(url),
 * });
 * const transport = new StreamableHttpTransport({ url: 'https://mcp.example.com/mcp', authProvider });
 * declare function openBrowserAndWaitForRedirect(url: URL): Promise<string>;
 * ```
 */
export class OAuthProvider implements AuthProvider {
  readonly #options: OAuthProviderOptions;
  readonly #store: TokenStore;
  readonly #discovered = new Map<string, Discovered>();
  #dpop: Promise<CryptoKeyPair> | undefined;
  /** Authorizations run one at a time, so parallel requests share one flow. */
  #queue: Promise<unknown> = Promise.resolve();
  #key: string | undefined;
  /** Counts the authorizations of this provider: a new one may be another account. */
  #generation = 0;

  constructor(options: OAuthProviderOptions = {}) {
    const grant = options.grant ?? 'authorization_code';
    if (grant === 'authorization_code' && (options.redirectUri === undefined || options.authorize === undefined)) {
      throw new AuthError('invalid_configuration', 'The authorization code grant needs redirectUri and authorize');
    }
    this.#options = options;
    this.#store = options.store ?? new MemoryTokenStore();
  }

  /**
   * The key that separates private cache entries: the issuer and the number of the authorization
   * the tokens came from (a refresh keeps it, a new authorization changes it). Never a token.
   */
  get authorizationKey(): string | undefined {
    return this.#key;
  }

  /** Forgets the tokens of `endpoint` (a sign-out); registered clients stay. */
  async signOut(endpoint: string | URL): Promise<void> {
    const key = endpointKey(new URL(endpoint));
    this.#discovered.delete(key);
    this.#key = undefined;
    await this.#store.deleteTokens(key);
  }

  async fetch(url: string, init: RequestInit, next: FetchLike): Promise<Response> {
    const endpoint = new URL(url);
    const key = endpointKey(endpoint);
    const http = this.#http(next, init.signal ?? undefined);
    const limit = this.#options.maxAuthorizations ?? 2;
    let authorizations = 0;
    let nonceRetried = false;
    const attempt = { refreshTried: false };
    // Bounded: every turn either returns, throws, or spends one authorization or the one nonce retry.
    for (;;) {
      const tokens = await this.#usableTokens(key, http);
      if (tokens !== undefined) checkedUrl(endpoint, 'MCP endpoint', http);
      // Tokens from a store filled by an earlier run: a key of their own.
      if (tokens !== undefined && this.#key === undefined) this.#key = `${tokens.issuer} #0`;
      const dpop = tokens?.tokenType === 'dpop' ? await this.#dpopHandle() : undefined;
      const response = await sendAuthorized({ endpoint, init, tokens, dpop, http });
      if (response.status !== 401 && response.status !== 403) return response;
      const challenge = oauthChallenge(response);
      if (challenge === undefined) return response;
      if (challenge.params['error'] === 'use_dpop_nonce' && dpop !== undefined && !nonceRetried) {
        nonceRetried = true;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      if (response.status === 403 && challenge.params['error'] !== 'insufficient_scope') return response;
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 403 && tokens !== undefined && coversScopes(tokens.scopes, scopesOf(challenge) ?? [])) {
        throw new AuthError(
          'insufficient_scope',
          `The server refuses the scopes it asked for (${challenge.params['scope'] ?? 'none named'}); not authorizing again`,
        );
      }
      authorizations += 1;
      if (authorizations > limit) {
        throw new AuthError('too_many_attempts', `The server still refused after ${limit} authorizations (HTTP ${response.status})`);
      }
      await this.#serialized(() => this.#authorize({ endpoint, key, challenge, status: response.status, failed: tokens, http, attempt }));
    }
  }

  async #authorize(input: {
    endpoint: URL;
    key: string;
    challenge: Challenge;
    status: number;
    failed: StoredTokens | undefined;
    http: HttpSettings;
    attempt: { refreshTried: boolean };
  }): Promise<void> {
    const { endpoint, key, challenge, http } = input;
    // Another request's authorization may have replaced the tokens that failed.
    const current = await this.#store.getTokens(key);
    if (current !== undefined && current.accessToken !== input.failed?.accessToken) return;
    const resourceMetadata = await discoverResourceMetadata(endpoint, challenge.params['resource_metadata'], http);
    const issuer = resourceMetadata.authorization_servers[0] ?? '';
    const as = await discoverAuthorizationServer(issuer, http);
    const discovered: Discovered = { resource: resourceMetadata.resource, resourceScopes: resourceMetadata.scopes_supported, as };
    this.#discovered.set(key, discovered);
    // Tokens of another authorization server (it changed: SEP-2352) are of no use any more.
    const previous = current?.issuer === as.issuer ? current : undefined;
    if (current !== undefined && previous === undefined) await this.#store.deleteTokens(key);
    if (input.status === 401 && previous?.refreshToken !== undefined && !input.attempt.refreshTried) {
      input.attempt.refreshTried = true;
      if (await this.#tryRefresh({ key, tokens: previous, discovered, http })) return;
    }
    const scopes = selectScopes({
      challenged: scopesOf(challenge),
      resourceScopes: resourceMetadata.scopes_supported,
      previous: previous?.scopes.filter((scope) => scope !== 'offline_access') ?? [],
      serverScopes: as.scopes_supported,
      offlineAccess: this.#options.offlineAccess ?? true,
    });
    const tokens = await runGrant(this.#options, {
      as,
      store: this.#store,
      resource: resourceMetadata.resource,
      scopes,
      http,
      dpop: await this.#dpopFor(as),
    });
    this.#generation += 1;
    this.#key = `${as.issuer} ${tokens.clientId} #${this.#generation}`;
    await this.#store.setTokens(key, { ...tokens.tokens, resource: resourceMetadata.resource });
  }

  /** Tokens to send: the stored ones, refreshed first when they expired and can be refreshed. */
  async #usableTokens(key: string, http: HttpSettings): Promise<StoredTokens | undefined> {
    const tokens = await this.#store.getTokens(key);
    if (tokens?.expiresAt === undefined) return tokens;
    if (tokens.expiresAt - (this.#options.expirySkewMs ?? 30_000) > Date.now()) return tokens;
    const discovered = this.#discovered.get(key);
    if (tokens.refreshToken === undefined || discovered?.as.issuer !== tokens.issuer) return tokens;
    return this.#serialized(async () => {
      const latest = await this.#store.getTokens(key);
      if (latest !== undefined && latest.accessToken !== tokens.accessToken) return latest;
      await this.#tryRefresh({ key, tokens, discovered, http });
      return this.#store.getTokens(key);
    });
  }

  /** Refreshes `tokens`; false when the server refused (the caller then authorizes anew). */
  async #tryRefresh(input: {
    key: string;
    tokens: StoredTokens;
    discovered: Discovered;
    http: HttpSettings;
  }): Promise<boolean> {
    const { key, tokens, discovered, http } = input;
    const refreshToken = tokens.refreshToken;
    if (refreshToken === undefined) return false;
    const identity = await this.#store.getClient(discovered.as.issuer);
    const preRegistered =
      typeof this.#options.client === 'function' ? this.#options.client(discovered.as.issuer) : this.#options.client;
    const client =
      preRegistered === undefined
        ? identity
        : { ...preRegistered, source: 'pre-registered' as const };
    const clientId = client?.clientId ?? this.#options.clientMetadataUrl;
    if (clientId === undefined) return false;
    try {
      const refreshed = await requestTokens(
        {
          as: discovered.as,
          identity: client ?? { clientId, tokenEndpointAuthMethod: 'none', source: 'metadata-document' },
          http,
          dpop: tokens.tokenType === 'dpop' ? await this.#dpopHandle() : undefined,
        },
        { type: 'refresh_token', refreshToken, resource: tokens.resource },
        tokens.scopes,
      );
      await this.#store.setTokens(key, {
        ...refreshed,
        refreshToken: refreshed.refreshToken ?? refreshToken,
        resource: tokens.resource,
      });
      return true;
    } catch (error) {
      if (error instanceof AuthError && error.reason === 'token_request_failed') {
        await this.#store.deleteTokens(key);
        return false;
      }
      throw error;
    }
  }

  async #dpopFor(as: oauth.AuthorizationServer): Promise<oauth.DPoPHandle | undefined> {
    if (this.#options.dpop === undefined || this.#options.dpop === false) return undefined;
    const algs = as.dpop_signing_alg_values_supported;
    // The generated key is ES256; a key pair of the caller's is taken as the server's choice.
    if (!Array.isArray(algs) || algs.length === 0) return undefined;
    if (this.#options.dpop === true && !algs.includes('ES256')) return undefined;
    return this.#dpopHandle();
  }

  async #dpopHandle(): Promise<oauth.DPoPHandle> {
    const option = this.#options.dpop;
    this.#dpop ??= typeof option === 'object' ? Promise.resolve(option) : oauth.generateKeyPair('ES256');
    return this.#dpopHandleFor(await this.#dpop);
  }

  #handle: { keyPair: CryptoKeyPair; handle: oauth.DPoPHandle } | undefined;

  #dpopHandleFor(keyPair: CryptoKeyPair): oauth.DPoPHandle {
    if (this.#handle?.keyPair !== keyPair) this.#handle = { keyPair, handle: oauth.DPoP({}, keyPair) };
    return this.#handle.handle;
  }

  #http(next: FetchLike, signal: AbortSignal | undefined): HttpSettings {
    return {
      fetch: next,
      allowLoopbackHttp: this.#options.allowLoopbackHttp ?? true,
      maxDocumentBytes: this.#options.maxDocumentBytes ?? 1024 * 1024,
      signal,
    };
  }

  #serialized<TValue>(task: () => Promise<TValue>): Promise<TValue> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

/** The key of an endpoint in the store: its URL without query or fragment. */
function endpointKey(endpoint: URL): string {
  return `${endpoint.origin}${endpoint.pathname}`;
}
