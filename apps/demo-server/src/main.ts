/**
 * Starts the travel desk demo: an Express 5 app on http://127.0.0.1:$PORT (default 3030) with the
 * MCP endpoint at /mcp. Prints one line with the endpoint URL once it listens (scripts read it),
 * then a few lines of help. Stops cleanly on SIGTERM and SIGINT.
 *
 * Environment: PORT, WEB_CLIENT_PORTS, TERN_STATE_KEYS, DEMO_ALLOWED_HOSTS, DEMO_ALLOWED_ORIGINS,
 * DEMO_AUTH, DEMO_AUTH_PORT, DEMO_WEB_CLIENT_DIR (see config.ts and README.md).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webClientDist } from '@tern-demo/web-client';
import { isJsonRpcError } from '@tern/jsonrpc';
import { createLegacyLayer } from '@tern/legacy-compat';
import { ConfigError, allowedHostsFor, allowedOriginsFor, readConfig } from './config.js';
import type { DemoConfig } from './config.js';
import { createTravelDeskServer } from './create-travel-desk-server.js';
import { TravelDesk } from './desk/travel-desk.js';
import { createDemoApp } from './http/create-demo-app.js';
import { DEMO_SCOPES, startDevAuthorizationServer } from './http/dev-authorization-server.js';
import type { DevAuthorizationServer } from './http/dev-authorization-server.js';
import { jwtVerifier } from '@tern/server-auth';

const HOST = '127.0.0.1';

function fail(message: string, code: number): never {
  process.stderr.write(`[demo-server] ${message}\n`);
  process.exit(code);
}

let config: DemoConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}
if (config.stateKeysFrom === 'generated') {
  process.stderr.write(
    '[demo-server] TERN_STATE_KEYS is not set: requestState is sealed with a random key for this ' +
      'process. Fine for one instance; see docs/deployment.md for several.\n',
  );
}

let siteUrl = '';
const desk = new TravelDesk();
const mcp = createTravelDeskServer({
  desk,
  stateKeys: config.stateKeys,
  siteUrl: () => siteUrl,
  onError: (error, request) => {
    // Protocol errors (bad arguments, an expired requestState) are answers, not faults. Anything
    // else reaches the client without its message, so the operator needs to see it here.
    if (!isJsonRpcError(error)) {
      process.stderr.write(
        `[demo-server] ${request.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  },
});
// The dual-era layer: 2025-era clients (initialize, sessions) are served on the same /mcp endpoint.
const legacy = createLegacyLayer(mcp);
try {
  await mcp.ready();
} catch (error) {
  fail(`unusable TERN_STATE_KEYS: ${error instanceof Error ? error.message : String(error)}`, 2);
}

const http = createServer();
http.on('error', (error: NodeJS.ErrnoException) => {
  fail(
    error.code === 'EADDRINUSE'
      ? `port ${config.port} is in use (another demo server?). Stop it, or set PORT=0 for a free port.`
      : `cannot listen: ${error.message}`,
    1,
  );
});
let authServer: DevAuthorizationServer | undefined;
http.listen(config.port, HOST, () => void serve());

async function serve(): Promise<void> {
  const { port } = http.address() as AddressInfo;
  siteUrl = `http://${HOST}:${port}`;
  const allowedOrigins = allowedOriginsFor(config, port);
  if (config.auth !== undefined) {
    try {
      // The browser client registers and gets tokens from its page: those origins get CORS there.
      authServer = await startDevAuthorizationServer(config.auth.port, `${siteUrl}/mcp`, allowedOrigins);
    } catch (error) {
      fail(`cannot start the development authorization server: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
  }
  const issuer = authServer?.issuer;
  // The allow-lists name the actual port, which is only known now when PORT=0.
  const app = createDemoApp({
    mcp,
    desk,
    siteUrl,
    allowedHosts: allowedHostsFor(config, port),
    allowedOrigins,
    legacy,
    webClientDir: config.webClientDir ?? webClientDist,
    onAppError: (error) => {
      process.stderr.write(`[demo-server] route failure: ${String(error)}\n`);
    },
    ...(authServer === undefined || issuer === undefined
      ? {}
      : {
          authorization: {
            resource: `${siteUrl}/mcp`,
            authorizationServers: [issuer],
            requiredScopes: [...DEMO_SCOPES],
            scopesSupported: [...DEMO_SCOPES],
            resourceName: 'Tern travel desk (demo)',
            verifier: jwtVerifier({ issuer, jwksUri: authServer.jwksUri }),
          },
        }),
    onTransportError: (error, request) => {
      process.stderr.write(
        `[demo-server] transport failure on ${request.method} ${request.path}: ${String(error)}\n`,
      );
    },
  });
  http.on('request', app);
  process.stdout.write(
    `Tern demo server listening on ${siteUrl}/mcp\n` +
      `  home page  ${siteUrl}/\n` +
      `  browser    ${siteUrl}/app/\n` +
      `  health     ${siteUrl}/health\n` +
      `  client     pnpm --filter @tern-demo/demo-client start -- --url ${siteUrl}/mcp\n` +
      (issuer === undefined
        ? ''
        : `  auth       ${issuer} (development authorization server: any user name and password)\n`),
  );
}

function shutdown(): void {
  // End open subscriptions/listen streams with their final result and the legacy sessions, then
  // stop accepting connections.
  mcp.close();
  legacy.close();
  void authServer?.close();
  http.close(() => process.exit(0));
  // Keep-alive connections turn idle once their last response is written: sweep until closed.
  setInterval(() => http.closeIdleConnections(), 25).unref();
  setTimeout(() => {
    http.closeAllConnections();
    process.exit(0);
  }, 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
