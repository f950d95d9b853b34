import type { McpServer } from '@tern/core-protocol';
import type { HttpExchange, HttpResponseSink } from './exchange.js';
import { handleMcpHttp } from './handler/handle-mcp-http.js';
import { resolveTransportConfig } from './handler/transport-config.js';
import type { McpHttpOptions } from './options.js';

/**
 * Handles one exchange. Never rejects: every failure becomes a response, or nothing when the
 * client is gone.
 */
export type McpHttpHandler = (exchange: HttpExchange, sink: HttpResponseSink) => Promise<void>;

/**
 * Creates the transport over the adapter-neutral {@link HttpExchange}/{@link HttpResponseSink}
 * shape, for runtimes and frameworks without a ready adapter. The fetch, node:http and Express
 * adapters are built on it.
 *
 * The transport carries messages; the protocol itself (routing, `_meta`, MRTR) is `server`'s.
 *
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 * @throws SdkError INVALID_USAGE for an allow-list entry that is not a host or an origin
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
export function createMcpHttpHandler(
  server: McpServer,
  options: McpHttpOptions = {},
): McpHttpHandler {
  const config = resolveTransportConfig(server, options);
  return (exchange, sink) => handleMcpHttp(config, exchange, sink);
}
