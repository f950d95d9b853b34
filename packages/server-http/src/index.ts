/**
 * `@tern/server-http`: the MCP 2026-07-28 Streamable HTTP server transport. This entry is
 * web-standard (no `node:*`, no Express): the fetch-style handler, the options, the error that
 * carries an HTTP status, and the adapter-neutral exchange shape for writing new adapters. The
 * node:http and Express adapters live in `./adapters/node` and `./adapters/express`. Everything
 * exported here is public API.
 *
 * @module
 */

// Fetch-style handler
export { createFetchHandler } from './create-fetch-handler.js';
export type { FetchHandler, FetchRequestInfo } from './create-fetch-handler.js';

// Options and the dual-era seam
export { DEFAULT_HTTP_LIMITS } from './options.js';
export type {
  Authenticate,
  McpHttpFallback,
  McpHttpFallbackContext,
  McpHttpOptions,
} from './options.js';

// Authorization (OAuth resource server)
export { canonicalResource, resourceMetadataPath } from './auth/resource-server-options.js';
export type { ProtectedResourceMetadata, ResourceServerOptions } from './auth/resource-server-options.js';
export { isTokenVerificationError, TokenVerificationError } from './auth/token-verifier.js';
export type {
  TokenVerificationContext,
  TokenVerificationFailure,
  TokenVerifier,
  VerifiedToken,
} from './auth/token-verifier.js';

// Errors
export { isMcpHttpError, McpHttpError } from './mcp-http-error.js';
export type { McpHttpErrorOptions } from './mcp-http-error.js';

// Building other adapters
export { createMcpHttpHandler } from './create-mcp-http-handler.js';
export type { McpHttpHandler } from './create-mcp-http-handler.js';
export type {
  BodyReadResult,
  HttpExchange,
  HttpHeaders,
  HttpRequestInfo,
  HttpResponseSink,
  HttpStreamWriter,
} from './exchange.js';
