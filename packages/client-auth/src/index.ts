/**
 * `@tern/client-auth`: OAuth authorization for Tern's MCP clients, on oauth4webapi. Give an
 * {@link OAuthProvider} to `StreamableHttpTransport` or `DualEraTransport` as `authProvider`.
 * Runs on any JavaScript runtime; the file token store is in `@tern/client-auth/node`.
 *
 * @module
 */
export { OAuthProvider } from './oauth-provider.js';
export type { OAuthProviderOptions } from './oauth-provider.js';
export { JWT_BEARER_GRANT } from './run-grant.js';
export type { AssertionContext, GrantOption } from './run-grant.js';
export { identityAssertionGrant, requestIdJag } from './identity-assertion.js';
export type { IdentityAssertionOptions } from './identity-assertion.js';
export { importPrivateKey } from './private-key.js';
export type { AuthorizationHandler } from './authorization-code.js';
export type { ClientIdentityOptions, PreRegisteredClient } from './client-identity.js';
export { MemoryTokenStore } from './token-store.js';
export type { StoredClient, StoredTokens, TokenStore } from './token-store.js';
export { AuthError, isAuthError } from './errors.js';
export type { AuthErrorReason } from './errors.js';
export { parseChallenges } from './www-authenticate.js';
export type { Challenge } from './www-authenticate.js';
