/**
 * Starts the conformance server: Streamable HTTP on http://127.0.0.1:$PORT/mcp (default port
 * 3000; PORT=0 picks a free one), dual-era: 2026-07-28 requests are served statelessly, and
 * 2025-11-25, 2025-06-18 and 2025-03-26 clients in sessions through the legacy layer. Prints
 * exactly one line with the endpoint URL once it listens, so scripts can read it. Stops cleanly on
 * SIGTERM and SIGINT.
 *
 * Environment:
 * - `PORT`: the TCP port (default 3000).
 * - `TERN_STATE_KEY`: base64 of 32+ random bytes sealing `requestState`; without it a key is
 *   generated per process, which is right for one instance.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isJsonRpcError } from '@tern/jsonrpc';
import { createLegacyLayer } from '@tern/legacy-compat';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { createConformanceServer } from './create-conformance-server.js';

const HOST = '127.0.0.1';
const ENDPOINT = '/mcp';

const port = Number(process.env['PORT'] ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`PORT must be an integer from 0 to 65535, got ${process.env['PORT']}\n`);
  process.exit(2);
}

const mcp = createConformanceServer({
  requestStateKeys: [
    {
      id: 'conformance',
      secret: process.env['TERN_STATE_KEY'] ?? randomBytes(32).toString('base64'),
    },
  ],
  onError: (error, request) => {
    // Protocol errors are answers the suite provokes on purpose. Anything else reaches the wire as
    // a bare -32603, so show its cause to the operator.
    if (!isJsonRpcError(error)) {
      process.stderr.write(
        `[conformance-server] ${request.method} (id ${request.id}) failed: ${String(error)}\n`,
      );
    }
  },
});
// The legacy layer answers what is not a 2026 request: initialize, session traffic, GET/DELETE.
const legacy = createLegacyLayer(mcp, {
  // The suite is one anonymous client on loopback that opens a session per scenario: the
  // per-client quota (16 by default) would count all of them as one client.
  maxSessionsPerClient: 1000,
  onError: (error) => {
    process.stderr.write(`[conformance-server] legacy layer failure: ${String(error)}\n`);
  },
});
// Default Host/Origin checks stay armed: bound to 127.0.0.1, only localhost names are accepted,
// which is the DNS-rebinding protection the suite's dns-rebinding-protection scenario expects.
const handle = createNodeHandler(mcp, {
  fallback: legacy,
  onError: (error, request) => {
    process.stderr.write(
      `[conformance-server] transport failure on ${request.method} ${request.path}: ${String(error)}\n`,
    );
  },
});

const http = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === ENDPOINT) {
    handle(req, res);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the MCP endpoint is /mcp\n');
});

http.listen(port, HOST, () => {
  const { port: actual } = http.address() as AddressInfo;
  process.stdout.write(
    `Tern conformance server listening on http://${HOST}:${actual}${ENDPOINT}\n`,
  );
});

function shutdown(): void {
  // End legacy sessions and open subscription streams (with their final result), then stop
  // accepting connections.
  legacy.close();
  mcp.close();
  http.close(() => process.exit(0));
  // Keep-alive connections turn idle only once their last response is written: sweep until closed.
  setInterval(() => http.closeIdleConnections(), 25).unref();
  // Requests still running after a grace period are cut off.
  setTimeout(() => {
    http.closeAllConnections();
    process.exit(0);
  }, 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
