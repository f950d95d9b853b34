/**
 * Where an {@link OAuthProvider} keeps what it obtained: the tokens of each MCP endpoint and the
 * client identity registered with each authorization server.
 */

/** The tokens of one MCP endpoint, with the issuer and resource they were issued for. */
export interface StoredTokens {
  /** The authorization server that issued them. They are dropped when the resource names another. */
  issuer: string;
  /** The resource identifier they were requested for (RFC 8707). */
  resource: string;
  accessToken: string;
  /** `bearer` or `dpop` (sender-constrained, RFC 9449). */
  tokenType: 'bearer' | 'dpop';
  refreshToken?: string | undefined;
  /** When the access token expires, in ms since the epoch; unknown when absent. */
  expiresAt?: number | undefined;
  /** The scopes granted (or requested, when the server did not say). */
  scopes: string[];
}

/** A client identity at one authorization server. */
export interface StoredClient {
  clientId: string;
  clientSecret?: string | undefined;
  /** The `token_endpoint_auth_method` the authorization server registered, if it said. */
  tokenEndpointAuthMethod?: string | undefined;
  /** How the identity was obtained. */
  source: 'pre-registered' | 'metadata-document' | 'registered';
}

/**
 * The storage an {@link OAuthProvider} uses. Tokens are keyed by the MCP endpoint URL and carry
 * their issuer and resource; clients are keyed by issuer, so neither crosses servers. Methods may
 * be synchronous or asynchronous.
 */
export interface TokenStore {
  getTokens(endpoint: string): StoredTokens | undefined | Promise<StoredTokens | undefined>;
  setTokens(endpoint: string, tokens: StoredTokens): void | Promise<void>;
  deleteTokens(endpoint: string): void | Promise<void>;
  getClient(issuer: string): StoredClient | undefined | Promise<StoredClient | undefined>;
  setClient(issuer: string, client: StoredClient): void | Promise<void>;
  deleteClient(issuer: string): void | Promise<void>;
}

/** A {@link TokenStore} in memory, the default: everything is gone when the process ends. */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, StoredTokens>();
  readonly #clients = new Map<string, StoredClient>();

  getTokens(endpoint: string): StoredTokens | undefined {
    return this.#tokens.get(endpoint);
  }

  setTokens(endpoint: string, tokens: StoredTokens): void {
    this.#tokens.set(endpoint, tokens);
  }

  deleteTokens(endpoint: string): void {
    this.#tokens.delete(endpoint);
  }

  getClient(issuer: string): StoredClient | undefined {
    return this.#clients.get(issuer);
  }

  setClient(issuer: string, client: StoredClient): void {
    this.#clients.set(issuer, client);
  }

  deleteClient(issuer: string): void {
    this.#clients.delete(issuer);
  }
}
