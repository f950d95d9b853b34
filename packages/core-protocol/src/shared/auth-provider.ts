/**
 * The one hook through which a client HTTP transport authorizes its requests. It lives here, below
 * both `@tern/client-http` and `@tern/legacy-compat`, so that both transports accept the same
 * provider. `@tern/client-auth` implements it with OAuth.
 */

/** The `fetch` a transport hands to its {@link AuthProvider}: the real network call. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Authorizes the HTTP requests of a transport (`StreamableHttpTransport`, `DualEraTransport`).
 *
 * The transport calls {@link AuthProvider.fetch} instead of `fetch` for every request it sends to
 * the MCP endpoint. The provider adds its credentials, sends the request with `next`, and answers
 * the server's challenges (a 401, a 403 `insufficient_scope`) by authorizing and sending the
 * request again, a bounded number of times. It resolves with the response the transport should
 * read, or rejects with its own error when authorization failed.
 *
 * `init.body` is always a string, so the provider may send the same request more than once.
 */
export interface AuthProvider {
  fetch(url: string, init: RequestInit, next: FetchLike): Promise<Response>;
  /**
   * A stable key for the identity the provider currently sends, used to separate private cache
   * entries (`cacheScope: "private"`). Never the token itself.
   */
  readonly authorizationKey?: string | undefined;
}

/** `base`, sent through `provider` when there is one. */
export function authorizedFetch(base: FetchLike, provider: AuthProvider | undefined): FetchLike {
  if (provider === undefined) return base;
  return (url, init) => provider.fetch(url, init, base);
}
