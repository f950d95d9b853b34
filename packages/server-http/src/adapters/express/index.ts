/**
 * `@tern/server-http/adapters/express`: the MCP 2026-07-28 Streamable HTTP endpoint for Express 4
 * and 5. The only part of Tern that knows Express (as types only; `express` is an optional peer).
 * Everything exported here is public API.
 *
 * @module
 */

export { createExpressHandler } from './create-express-handler.js';
export type { ExpressMcpHandlers } from './create-express-handler.js';
export type { McpHttpOptions } from '../../options.js';
