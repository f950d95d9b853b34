/**
 * The demo's local development authorization server (authorization mode, `DEMO_AUTH=1`):
 * oidc-provider on 127.0.0.1 with its built-in login and consent pages (any user name and
 * password), dynamic client registration, PKCE, and resource indicators issuing RFC 9068 JWT
 * access tokens for the demo's MCP endpoint. Development only: in-memory storage, keys generated
 * at start.
 *
 * The browser client (apps/web-client at /app/) does OAuth from its page, so the pages' origins
 * get CORS: oidc-provider answers it for discovery, JWKS and (per client) the token endpoint, but
 * not for dynamic registration, which `withRegistrationCors` adds for those origins only.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';

/** The scopes the demo's endpoint accepts; `mcp` is needed for every request. */
export const DEMO_SCOPES = ['mcp'] as const;

export interface DevAuthorizationServer {
  /** The issuer, e.g. `http://127.0.0.1:3031`. */
  readonly issuer: string;
  readonly jwksUri: string;
  close(): Promise<void>;
}

/**
 * Starts the authorization server on 127.0.0.1:`port` (0: a free port), issuing tokens for
 * `resource` only. `pageOrigins` may register clients and use the token endpoint from a page.
 */
export async function startDevAuthorizationServer(
  port: number,
  resource: string,
  pageOrigins: readonly string[] = [],
): Promise<DevAuthorizationServer> {
  const http = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'demo-dev', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [crypto.randomUUID()] },
    scopes: ['openid', 'offline_access', ...DEMO_SCOPES],
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    pkce: { required: () => true },
    // A public client may call the token endpoint from a page on the origin of its redirect URI.
    clientBasedCORS: (_ctx, origin, client) =>
      pageOrigins.includes(origin) &&
      client.clientAuthMethod === 'none' &&
      (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    ttl: { AccessToken: 900, AuthorizationCode: 60, Grant: 86_400, Interaction: 600, Session: 86_400, RefreshToken: 86_400, IdToken: 900 },
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return { scope: DEMO_SCOPES.join(' '), audience: resource, accessTokenFormat: 'jwt', accessTokenTTL: 900, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
  });
  const handle = provider.callback();
  http.on('request', (req, res) => {
    if (!withRegistrationCors(req, res, pageOrigins)) void handle(req, res);
  });
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/**
 * CORS for the registration endpoint (`/reg`), for `origins` only: answers the preflight itself
 * (true: handled) and adds the headers to the POST that oidc-provider then answers.
 */
function withRegistrationCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/reg' || origin === undefined || !origins.includes(origin)) {
    return false;
  }
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' }).end();
  return true;
}
