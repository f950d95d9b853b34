import type { McpServer } from '@tern/core-protocol';
import { resourceMetadataPath } from '@tern/server-http';
import type { McpHttpFallback, McpHttpOptions, ResourceServerOptions } from '@tern/server-http';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import express from 'express';
import type { Express } from 'express';
import type { TravelDesk } from '../desk/travel-desk.js';
import { createErrorHandler } from './error-handler.js';
import { renderHomePage } from './home-page.js';
import { createHostGuard } from './host-guard.js';
import { createLoyaltyRouter } from './loyalty-routes.js';
import { createMcpCors } from './mcp-cors.js';
import { createWebClientRouter } from './web-client-router.js';

/** What the Express app is built from. */
export interface DemoAppOptions {
  mcp: McpServer;
  desk: TravelDesk;
  /** The site's base URL, e.g. `http://127.0.0.1:3030`. */
  siteUrl: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  /**
   * The dual-era layer (`createLegacyLayer` of `@tern/legacy-compat`): 2025-era clients (sessions,
   * `initialize`, GET streams) on the same endpoint. Without it the endpoint is modern-only.
   */
  legacy?: McpHttpFallback;
  /** The built browser client (apps/web-client/dist), served at /app/ when it exists. */
  webClientDir?: string;
  onTransportError?: McpHttpOptions['onError'];
  /** Sees faults of the demo's own routes (the client only gets a plain 500). Default: none. */
  onAppError?: (error: unknown) => void;
  /**
   * Authorization mode: /mcp needs a bearer token (the transport's `authorization` option), and
   * the protected resource metadata is served at its well-known path.
   */
  authorization?: ResourceServerOptions;
}

/**
 * The demo's Express 5 app: the MCP endpoint at /mcp (CORS, then Tern's Express adapter), next to
 * ordinary routes: `/` (how to connect), `/health`, the browser client at `/app/` and the loyalty
 * sign-in page.
 */
export function createDemoApp(options: DemoAppOptions): Express {
  const { mcp, desk } = options;
  const app = express();
  app.disable('x-powered-by');

  const endpoint = createExpressHandler(mcp, {
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
    ...(options.onTransportError === undefined ? {} : { onError: options.onTransportError }),
    // Requests that are not modern POSTs (initialize, a session's GET stream, DELETE) go here.
    ...(options.legacy === undefined ? {} : { fallback: options.legacy }),
    ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
  });
  // Mounted before any body parser: the transport reads the body itself, with its own limit.
  app.use('/mcp', createMcpCors(options.allowedOrigins), ...endpoint);
  // The same handler answers the metadata document (with CORS for any page: it is public).
  if (options.authorization !== undefined) {
    app.use(resourceMetadataPath(options.authorization.resource), ...endpoint);
  }

  const webClient =
    options.webClientDir === undefined ? undefined : createWebClientRouter(options.webClientDir);
  app.use(createHostGuard(options.allowedHosts));
  app.get('/', (_req, res) => {
    res.type('html').send(renderHomePage(options.siteUrl, webClient !== undefined));
  });
  app.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      server: mcp.info,
      endpoint: `${options.siteUrl}/mcp`,
      bookings: desk.bookings().length,
    });
  });
  app.use('/loyalty', createLoyaltyRouter(desk));
  if (webClient !== undefined) app.use('/app', webClient);
  app.use((_req, res) => {
    res
      .status(404)
      .type('text/plain')
      .send('Not found. The MCP endpoint is /mcp; see / for how to connect.\n');
  });
  app.use(createErrorHandler(options.onAppError ?? (() => undefined)));
  return app;
}
