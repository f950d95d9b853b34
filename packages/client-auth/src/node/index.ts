/**
 * `@tern/client-auth/node`: the Node.js-only parts of `@tern/client-auth`.
 *
 * @module
 */
export { FileTokenStore } from './file-token-store.js';
export type { FileTokenStoreOptions } from './file-token-store.js';
export { startLoopbackRedirect } from './loopback-redirect.js';
export type { LoopbackRedirect, LoopbackRedirectOptions } from './loopback-redirect.js';
