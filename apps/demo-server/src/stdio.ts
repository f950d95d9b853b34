/**
 * Runs the travel desk over stdio, the way a desktop MCP host (an IDE, a chat app, an agent CLI)
 * starts local servers: the same server as main.ts, with newline-delimited JSON-RPC on
 * stdin/stdout for clients of both eras, diagnostics on stderr, and an exit when stdin closes.
 *
 * Environment: TERN_STATE_KEYS (see config.ts), DEMO_SITE_URL (where the HTTP demo serves the
 * loyalty sign-in page that connect_loyalty links to; default http://127.0.0.1:3030).
 */
import { isJsonRpcError } from '@tern/jsonrpc';
import { serveStdio } from '@tern/stdio';
import { ConfigError, readConfig } from './config.js';
import { createTravelDeskServer } from './create-travel-desk-server.js';
import { TravelDesk } from './desk/travel-desk.js';

function fail(message: string): never {
  process.stderr.write(`[demo-server] ${message}\n`);
  process.exit(2);
}

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
const siteUrl = process.env['DEMO_SITE_URL'] ?? 'http://127.0.0.1:3030';
const mcp = createTravelDeskServer({
  desk: new TravelDesk(),
  stateKeys: config.stateKeys,
  siteUrl: () => siteUrl,
  onError: (error, request) => {
    if (!isJsonRpcError(error)) {
      process.stderr.write(
        `[demo-server] ${request.method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
  },
});
try {
  await mcp.ready();
} catch (error) {
  fail(`unusable TERN_STATE_KEYS: ${error instanceof Error ? error.message : String(error)}`);
}
serveStdio(mcp);
