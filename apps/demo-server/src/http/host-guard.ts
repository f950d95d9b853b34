import type { RequestHandler } from 'express';

/**
 * Refuses requests whose `Host` is not one of ours (DNS rebinding) on the ordinary routes. The
 * MCP endpoint has the transport's own check, configured with the same list.
 */
export function createHostGuard(allowedHosts: readonly string[]): RequestHandler {
  const hosts = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return (req, res, next) => {
    if (hosts.has((req.headers.host ?? '').toLowerCase())) {
      next();
      return;
    }
    res.status(403).type('text/plain').send('Forbidden: unknown Host\n');
  };
}
