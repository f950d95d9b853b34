import type { RequestHandler } from 'express';

/**
 * Request headers a browser client of /mcp may send. The 2026-07-28 transport derives the MCP
 * ones from the body; `Mcp-Session-Id` and `Last-Event-ID` are for 2025-era clients of the
 * dual-era layer.
 */
const ALLOWED_HEADERS = new Set([
  'accept',
  'authorization',
  'content-type',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
  'mcp-session-id',
  'last-event-id',
]);
/**
 * `Mcp-Param-<Name>` mirrors tool arguments marked `x-mcp-header`, so the names vary: any HTTP
 * token after the prefix (compared lower-cased, as browsers send them).
 */
const PARAM_HEADER = /^mcp-param-[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/**
 * Response headers a browser script may read besides the safelisted ones (`Content-Type`, which is
 * all a 2026-07-28 client needs): the 2025-era session id, and the auth challenge of a 401.
 */
const EXPOSED_HEADERS = 'Mcp-Session-Id, WWW-Authenticate';

/**
 * CORS for the MCP endpoint, for browser clients served from the listed origins. Only those
 * origins get CORS headers; any other cross-origin call is blocked by the browser, and the
 * transport's own Origin check answers it with 403 anyway. No credentials: the demo uses no
 * cookies. Preflights are answered here, because the transport answers OPTIONS with 405.
 */
export function createMcpCors(allowedOrigins: readonly string[]): RequestHandler {
  const origins = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !origins.has(origin)) {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    // A preflight: allow exactly the requested headers that are ours to allow, nothing blanket.
    const requested = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    const allowed = requested.filter(
      (name) => ALLOWED_HEADERS.has(name) || PARAM_HEADER.test(name),
    );
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, DELETE');
    if (allowed.length > 0) res.setHeader('Access-Control-Allow-Headers', allowed.join(', '));
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
