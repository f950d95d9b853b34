// A Tern server with the dual-era layer behind the transport's `authorization` option, on a real
// loopback port, for tests of 2025-era sessions that carry bearer tokens. Tokens are looked up in
// a fixed table (a real verifier is tested in @tern/server-auth).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { TokenVerificationError } from '@tern/server-http';
import type { TokenVerifier } from '@tern/server-http';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { withLegacy } from '../../../src/server/with-legacy.js';

const RESOURCE = 'https://mcp.example.test/mcp';

/** What a token grants. */
export interface Grant {
  subject: string;
  scopes: string[];
}

export interface AuthorizedServer {
  readonly mcp: McpServer;
  readonly url: string;
  /** POSTs a JSON-RPC body at 2025-11-25 with the given extra headers. */
  post(body: unknown, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the server; `setUp` registers what the test needs. */
export async function startAuthorizedServer(
  tokens: Record<string, Grant>,
  setUp: (mcp: McpServer) => void,
): Promise<AuthorizedServer> {
  const verifier: TokenVerifier = {
    verify(token) {
      const grant = tokens[token];
      if (grant === undefined) return Promise.reject(new TokenVerificationError('invalid_token', 'unknown token'));
      return Promise.resolve({ ...grant, audience: [RESOURCE] });
    },
  };
  const mcp = new McpServer({ name: 'authorized', version: '1' }, { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(5) }] } });
  setUp(mcp);
  const options = withLegacy(mcp, { authorization: { resource: RESOURCE, authorizationServers: ['https://auth.example.test'], verifier } });
  const http = createServer(createNodeHandler(mcp, options));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  return {
    mcp,
    url,
    post: (body, headers) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25', ...headers },
        body: JSON.stringify(body),
      }),
    close: async () => {
      options.fallback.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
