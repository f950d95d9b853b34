// Authorization end to end (MCP 2026-07-28 authorization spec; RFC 6750, 7636, 8707, 9068, 9728):
// a real authorization server (oidc-provider on 127.0.0.1), Tern servers protected with
// jwtVerifier on Express and on node:http, and real clients doing authorization code + PKCE with
// dynamic registration, a scope step-up, and a token for another resource that is refused.
//
// The client legs are a list with one ClientLeg shape: Tern's own client (@tern/client-auth) and
// the official client 2.4.0 pass the same assertions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer } from './authorization-server.js';
import type { AuthorizationServer } from './authorization-server.js';
import { Browser } from './browser.js';
import { officialClientLeg } from './official-client-leg.js';
import type { ClientLeg } from './official-client-leg.js';
import { startProtected } from './protected-server.js';
import type { Protected } from './protected-server.js';
import { ternClientLeg } from './tern-client-leg.js';

const LEGS: readonly ClientLeg[] = [ternClientLeg, officialClientLeg];
const ADAPTERS = ['express', 'node'] as const;

let as: AuthorizationServer;
beforeAll(async () => {
  as = await startAuthorizationServer();
});
afterAll(() => as.close());

describe.each(LEGS)('$name', (leg) => {
  describe.each(ADAPTERS)('against a protected Tern server on %s', (adapter) => {
    let target: Protected;
    let stranger: Protected;
    beforeAll(async () => {
      target = await startProtected(adapter, as);
      stranger = await startProtected(adapter, as);
    });
    afterAll(async () => {
      await target.close();
      await stranger.close();
    });

    it('logs in with authorization code + PKCE and calls a tool as the user', async () => {
      as.user = 'alice';
      const session = await leg.connect(target.url, new Browser());
      try {
        expect(await session.callTool('whoami')).toBe('alice with mcp');
        // The token lacks files:write: the tool the user may not call is not listed.
        expect(await session.listTools()).toEqual(['whoami']);
      } finally {
        await session.close();
      }
    });

    it('steps up from mcp to files:write when a tool needs it, and the call completes', async () => {
      as.user = 'bob';
      const consentsBefore = as.consents.length;
      const session = await leg.connect(target.url, new Browser());
      try {
        expect(await session.callTool('write-file')).toBe('written by bob');
        expect(as.consents.slice(consentsBefore)).toEqual(['mcp', 'files:write']);
        expect(await session.listTools()).toEqual(['whoami', 'write-file']);
      } finally {
        await session.close();
      }
    });

    it('refuses a token issued for another resource with 401 invalid_token', async () => {
      as.user = 'carol';
      const session = await leg.connect(stranger.url, new Browser());
      const token = await session.accessToken();
      await session.close();
      expect(token).toBeTypeOf('string');
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${String(token)}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': 'tools/list',
        },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/list',
          params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
        }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer error="invalid_token", error_description="the access token was not issued for this resource", resource_metadata="${target.url.origin}/.well-known/oauth-protected-resource/mcp", scope="mcp"`,
      );
      expect(await response.json()).toEqual({
        jsonrpc: '2.0',
        error: { code: -32600, message: 'Unauthorized: the access token was not issued for this resource' },
      });
    });

    it('reported only the step-up refusals to the error hooks, and no token (no JWT) with them', () => {
      expect(target.errors.length).toBeGreaterThan(0);
      for (const error of target.errors) expect((error as Error).name).toBe('InsufficientScopeError');
      expect(JSON.stringify(target.errors)).not.toContain('eyJ');
    });
  });
});

describe.each(LEGS)('$name with opaque tokens', (leg) => {
  let target: Protected;
  beforeAll(async () => {
    target = await startProtected('node', as, 'introspection');
  });
  afterAll(() => target.close());

  it('logs in and calls a tool on a server that checks opaque tokens by RFC 7662 introspection', async () => {
    as.user = 'dana';
    const session = await leg.connect(target.url, new Browser());
    try {
      expect((await session.accessToken())?.startsWith('eyJ')).toBe(false);
      expect(await session.callTool('whoami')).toBe('dana with mcp');
      expect(await session.callTool('write-file')).toBe('written by dana');
    } finally {
      await session.close();
    }
  });
});
