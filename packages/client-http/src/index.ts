/**
 * `@tern/client-http`: the Streamable HTTP client transport of MCP 2026-07-28, built on `fetch`
 * for any JavaScript runtime (browsers, workers, edge runtimes, Node.js). Plug it into the
 * `McpClient` of `@tern/core-protocol`. Everything exported here is public API; anything else in
 * this package is internal.
 *
 * @module
 */

export { StreamableHttpTransport } from './streamable-http-transport.js';
export type {
  HeadersOption,
  NotifyOptions,
  StreamableHttpTransportOptions,
} from './streamable-http-transport.js';

export {
  HttpError,
  isHttpError,
  isStreamInterruptedError,
  StreamInterruptedError,
} from './errors.js';
export type { HttpErrorOptions, StreamInterruptedErrorOptions } from './errors.js';
