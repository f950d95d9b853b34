/**
 * `@tern/server-http/adapters/node`: the MCP 2026-07-28 Streamable HTTP endpoint as a node:http
 * request listener, without per-request web `Request`/`Response` objects. Everything exported here
 * is public API.
 *
 * @module
 */

export { createNodeHandler } from './create-node-handler.js';
export type { NodeHandler } from './create-node-handler.js';
export type { McpHttpOptions } from '../../options.js';
