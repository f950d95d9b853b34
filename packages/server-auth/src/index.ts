/**
 * `@tern/server-auth`: access-token verifiers for the `authorization` option of
 * `@tern/server-http`. Web-standard (runs wherever Fetch and WebCrypto do).
 *
 * @module
 */
export { jwtVerifier } from './jwt-verifier.js';
export type { JwtVerifierOptions } from './jwt-verifier.js';
export { introspectionVerifier } from './introspection-verifier.js';
export type { IntrospectionVerifierOptions } from './introspection-verifier.js';
