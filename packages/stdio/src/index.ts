/**
 * `@tern/stdio`: MCP over stdin and stdout for Node, both eras. `serveStdio` serves an
 * `McpServer` to desktop hosts; `StdioClientTransport` spawns a stdio server of either era for an
 * `McpClient`. Everything exported here is public API.
 *
 * @module
 */

export { serveStdio } from './server/serve-stdio.js';
export type { StdioServerHandle } from './server/serve-stdio.js';
export { DEFAULT_STDIO_LIMITS } from './server/serve-stdio-options.js';
export type { ServeStdioOptions, StdioLegacyOptions } from './server/serve-stdio-options.js';
export { StdioClientTransport } from './client/stdio-client-transport.js';
export { SAFE_ENV_VARS } from './client/stdio-client-options.js';
export type { StdioClientTransportOptions } from './client/stdio-client-options.js';
