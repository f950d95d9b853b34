// A protected Tern server for the authorization e2e: an McpServer with a tool for every user
// (`whoami`, scope mcp) and one that needs files:write, behind the `authorization` option of
// @tern/server-http on Express or node:http, checking JWTs against the JWKS or opaque tokens by
// introspection at the test's oidc-provider.
import type { RequestListener } from 'node:http';
import { McpServer } from '@tern/core-protocol';
import { introspectionVerifier, jwtVerifier } from '@tern/server-auth';
import { resourceMetadataPath } from '@tern/server-http';
import type { McpHttpOptions } from '@tern/server-http';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import express from 'express';
import { listen } from '../helpers/listen.js';
import type { Listening } from '../helpers/listen.js';
import type { AuthorizationServer } from './authorization-server.js';

export type Adapter = 'express' | 'node';

/** A protected Tern server listening on 127.0.0.1. */
export interface Protected {
  /** The McpServer behind it (to register things while clients listen). */
  readonly server: McpServer;
  readonly url: URL;
  readonly errors: unknown[];
  close(): Promise<void>;
}

function ternServer(errors: unknown[]): McpServer {
  const server = new McpServer(
    { name: 'tern-protected', version: '1.0.0' },
    { logger: { warn: () => undefined }, onError: (error) => errors.push(error), requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(3) }] } },
  );
  server.registerTool('whoami', { scopes: ['mcp'] }, (_args, ctx) => `${ctx.auth?.principal ?? 'nobody'} with ${(ctx.auth?.scopes ?? []).join(' ')}`);
  server.registerTool('write-file', { scopes: ['mcp', 'files:write'] }, (_args, ctx) => `written by ${ctx.auth?.principal ?? 'nobody'}`);
  return server;
}

/**
 * Starts a protected server on `adapter`; its resource is its own URL (known only once listening).
 * `check` says how it verifies tokens: JWTs against the JWKS, or opaque tokens by introspection.
 */
export async function startProtected(adapter: Adapter, as: AuthorizationServer, check: 'jwt' | 'introspection' = 'jwt'): Promise<Protected> {
  const errors: unknown[] = [];
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const listening: Listening = await listen((req, res) => handle(req, res));
  const url = new URL('/mcp', listening.origin);
  as.resources.add(url.href);
  if (check === 'introspection') as.opaque.add(url.href);
  const options: McpHttpOptions = {
    onError: (error) => errors.push(error),
    authorization: {
      resource: url.href,
      authorizationServers: [as.issuer],
      requiredScopes: ['mcp'],
      scopesSupported: ['mcp'],
      verifier:
        check === 'jwt'
          ? jwtVerifier({ issuer: as.issuer, jwksUri: as.jwksUri })
          : introspectionVerifier({ ...as.introspection }),
    },
  };
  const server = ternServer(errors);
  if (adapter === 'node') handle = createNodeHandler(server, options);
  else {
    const app = express();
    app.use(['/mcp', resourceMetadataPath(url.href)], createExpressHandler(server, options));
    handle = app;
  }
  return { server, url, errors, close: () => listening.close() };
}
