import type { McpServer } from '@tern/core-protocol';
import { FetchExchange } from './fetch/fetch-exchange.js';
import { handleMcpHttp } from './handler/handle-mcp-http.js';
import { resolveTransportConfig } from './handler/transport-config.js';
import type { McpHttpOptions } from './options.js';

/** What a fetch runtime knows about a request besides the `Request` itself. */
export interface FetchRequestInfo {
  /**
   * The client's address (e.g. Deno's `info.remoteAddr.hostname`, Bun's `server.requestIP(req)`),
   * so quotas can count anonymous clients apart.
   */
  peerAddress?: string;
}

/** A fetch-style handler: `Request` in, `Response` out. */
export type FetchHandler = (request: Request, info?: FetchRequestInfo) => Promise<Response>;

/**
 * Creates the Streamable HTTP endpoint as a fetch-style handler, for runtimes that speak web
 * `Request`/`Response` (Deno, Bun, Cloudflare Workers, Hono, Next.js route handlers). Mount it on
 * the MCP endpoint path; every request it gets is treated as one for the endpoint.
 *
 * The returned promise settles as soon as the status is known: with the JSON answer, or with a
 * `text/event-stream` response whose body keeps streaming. Cancelling that body (the client went
 * away) cancels the request. Never rejects.
 *
 * On Node, prefer `createNodeHandler` from `@tern/server-http/adapters/node`: it serves the same
 * protocol without building a `Request` and a `Response` per call.
 *
 * @example
 * ```ts
 * const handler = createFetchHandler(server);
 * Deno.serve({ hostname: '127.0.0.1', port: 3000 }, handler);
 * ```
 * @throws SdkError INVALID_USAGE for a limit that is not a positive integer
 * @throws SdkError INVALID_USAGE for an allow-list entry that is not a host or an origin
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 */
export function createFetchHandler(server: McpServer, options: McpHttpOptions = {}): FetchHandler {
  const config = resolveTransportConfig(server, options);
  return (request, info) => {
    const exchange = new FetchExchange(request, info?.peerAddress);
    void handleMcpHttp(config, exchange, exchange).then(() => exchange.settle());
    return exchange.response;
  };
}
