/**
 * `@tern/client-auth/node`: the Node.js-only parts of `@tern/client-auth`.
 *
 * @module
 */
export { FileTokenStore } from './file-token-store.js';
export type { FileTokenStoreOptions } from './file-token-store.js';
