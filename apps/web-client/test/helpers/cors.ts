/**
 * CORS for an MCP endpoint that a page on another origin calls, done properly: an explicit origin
 * allow-list (never `*`), only `POST`, only the headers the Streamable HTTP client sends. The MCP
 * handler behind it keeps its own `allowedOrigins` check with the same list, so a request that
 * slips past CORS (a non-browser client forging `Origin`) is still refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request headers `@tern/client-http` sets (`Accept` is CORS-safelisted). */
const ALLOWED_HEADERS = new Set([
  'content-type',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
  'authorization',
]);
/** Plus one `Mcp-Param-<Name>` header per `x-mcp-header` argument of a tool. */
const PARAM_HEADER = /^mcp-param-[a-z0-9-]+$/;

/**
 * Answers a preflight (`OPTIONS`) completely and returns `true`; for any other request adds the
 * CORS response headers when the origin is allowed and returns `false`, so the caller goes on.
 */
export function handleCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowedOrigins: ReadonlySet<string>,
): boolean {
  const origin = req.headers.origin;
  const isAllowed = origin !== undefined && allowedOrigins.has(origin);
  res.setHeader('Vary', 'Origin');
  if (req.method !== 'OPTIONS') {
    if (isAllowed) res.setHeader('Access-Control-Allow-Origin', origin);
    return false;
  }
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const headersOk = requested.every((name) => ALLOWED_HEADERS.has(name) || PARAM_HEADER.test(name));
  if (!isAllowed || req.headers['access-control-request-method'] !== 'POST' || !headersOk) {
    // No CORS headers: the browser blocks the request it was about to send.
    res.writeHead(403).end();
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': requested.join(', '),
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}
