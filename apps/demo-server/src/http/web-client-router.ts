import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Router } from 'express';

/**
 * A strict policy for the browser client (apps/web-client): no inline script or style, no eval;
 * it may only talk to MCP servers on this machine.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:*; img-src 'self' data:; " +
  "media-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the built browser client (mounted at /app/). It talks to /mcp on the same origin, so no
 * CORS is involved. `undefined` when the page has not been built.
 */
export function createWebClientRouter(pageDir: string): Router | undefined {
  if (!existsSync(join(pageDir, 'index.html'))) return undefined;
  const router = express.Router();
  router.use((req, res, next) => {
    // The page's assets are relative (./assets/…): /app must become /app/ to resolve them.
    const [path = '', query] = req.originalUrl.split('?', 2);
    if (!path.endsWith('/') && req.path === '/') {
      res.redirect(301, `${path}/${query === undefined ? '' : `?${query}`}`);
      return;
    }
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    next();
  });
  router.use(express.static(pageDir, { index: 'index.html', fallthrough: true }));
  return router;
}
