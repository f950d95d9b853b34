import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@tern/core-protocol';
import { handleMcpHttp } from '../../handler/handle-mcp-http.js';
import { resolveTransportConfig } from '../../handler/transport-config.js';
import type { McpHttpOptions } from '../../options.js';
import { NodeExchange } from './node-exchange.js';

/**
 * A node:http request listener. It answers every request itself and never throws; the returned
 * value is `void` so it can be passed to `http.createServer` as is.
 */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Creates the Streamable HTTP endpoint as a node:http request listener. It reads the
 * `IncomingMessage` and writes the `ServerResponse` directly, with no web `Request`/`Response`
 * per call. Every request it gets is treated as one for the MCP endpoint: route before it if the
 * server has other paths.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeHandler } from '@tern/server-http/adapters/node';
 *
 * const mcp = createNodeHandler(server);
 * createServer((req, res) => {
 *   if (req.url === '/mcp') mcp(req, res);
 *   else res.writeHead(404).end();
 * }).listen(3000, '127.0.0.1');
 * ```
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 * @throws SdkError INVALID_USAGE for an allow-list entry that is not a host or an origin
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
export function createNodeHandler(server: McpServer, options: McpHttpOptions = {}): NodeHandler {
  const config = resolveTransportConfig(server, options);
  return (req, res) => {
    const exchange = new NodeExchange(req, res);
    void handleMcpHttp(config, exchange, exchange);
  };
}
