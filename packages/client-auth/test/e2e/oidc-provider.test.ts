// End to end against a real authorization server: oidc-provider on 127.0.0.1, and a Tern MCP
// server protected by hand. Tern's client completes the authorization code flow with PKCE
// headlessly, calls the protected endpoint, refreshes, and reports a denial as a typed error.
import { McpClient } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OAuthProvider, isAuthError } from '../../src/index.js';
import type { AuthorizationHandler } from '../../src/index.js';
import { startLoopbackRedirect } from '../../src/node/index.js';
import { listen, protectedMcpHandler, startAuthServer } from './servers.js';
import type { Listening, McpServerLog } from './servers.js';

const REDIRECT_URI = 'http://127.0.0.1:1/callback';
let running: Listening[] = [];

afterEach(async () => {
  await Promise.all(running.map((server) => server.close()));
  running = [];
});

/**
 * The person at the browser, scripted: follows the authorization server's redirects (with its
 * cookies) through login and consent until it redirects to the client's redirect URI.
 */
function headlessBrowser(
  issuer: () => string,
  redirectUri = REDIRECT_URI,
): { authorize: (url: URL) => Promise<string>; seen: URL[]; landings: string[] } {
  const seen: URL[] = [];
  const landings: string[] = [];
  return {
    seen,
    landings,
    authorize: async (url) => {
      seen.push(url);
      const cookies = new Map<string, string>();
      let next = url.href;
      for (let hop = 0; hop < 10; hop += 1) {
        if (next.startsWith(redirectUri)) {
          // A real browser lands on the redirect URI; with a scripted one there is nothing there.
          if (redirectUri !== REDIRECT_URI) landings.push(await (await fetch(next)).text());
          return next;
        }
        if (!next.startsWith(issuer())) throw new Error(`redirected off the authorization server: ${next}`);
        const response = await fetch(next, {
          redirect: 'manual',
          headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
        });
        for (const cookie of response.headers.getSetCookie()) {
          const [pair = ''] = cookie.split(';');
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw new Error(`no redirect from ${next} (HTTP ${response.status})`);
        next = new URL(location, next).href;
      }
      throw new Error('too many redirects');
    },
  };
}

async function setUp(
  accessTokenTtl: number,
  redirect?: { redirectUri: string; authorize: (browser: ReturnType<typeof headlessBrowser>) => AuthorizationHandler },
) {
  const redirectUri = redirect?.redirectUri ?? REDIRECT_URI;
  const as = await listen(() => undefined);
  as.server.removeAllListeners('request');
  const mcpLog: McpServerLog = { tokens: [] };
  let mcpUrl = '';
  const mcp = await listen(protectedMcpHandler(() => mcpUrl, () => as.url, mcpLog));
  mcpUrl = mcp.url;
  running.push(as, mcp);
  const asLog = await startAuthServer(as, () => `${mcp.url}/mcp`, { redirectUri, accessTokenTtl });
  const browser = headlessBrowser(() => as.url, redirectUri);
  const provider = new OAuthProvider({
    redirectUri,
    client: { clientId: 'tern-e2e' },
    authorize: redirect === undefined ? browser.authorize : redirect.authorize(browser),
    expirySkewMs: 0,
  });
  const client = new McpClient(
    { name: 'e2e', version: '1.0.0' },
    { transport: new StreamableHttpTransport({ url: `${mcp.url}/mcp`, authProvider: provider }) },
  );
  return { client, asLog, mcpLog, browser, mcp };
}

describe('OAuthProvider against oidc-provider', () => {
  it('authorizes with code + PKCE, calls the protected endpoint, and refreshes an expired token', async () => {
    const { client, asLog, mcpLog, browser, mcp } = await setUp(2);
    const result = await client.callTool('whoami', {});
    expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(browser.seen).toHaveLength(1);
    const request = browser.seen[0]!;
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('resource')).toBe(`${mcp.url}/mcp`);
    expect(request.searchParams.get('scope')?.split(' ')).toEqual(['mcp:tools', 'offline_access']);
    expect(asLog.grants).toEqual(['authorization_code']);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await client.callTool('whoami', {});
    expect(asLog.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(browser.seen).toHaveLength(1);
    expect(new Set(mcpLog.tokens).size).toBeGreaterThanOrEqual(2);
  });

  it('refreshes when the server refuses a token with a 401, without asking the user again', async () => {
    const { client, asLog, mcpLog, browser } = await setUp(600);
    await client.callTool('whoami', {});
    mcpLog.revoke = mcpLog.tokens.at(-1);
    await client.callTool('whoami', {});
    expect(asLog.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(browser.seen).toHaveLength(1);
    expect(mcpLog.tokens.at(-1)).not.toBe(mcpLog.tokens[0]);
  });

  it('fails with a typed access_denied error when the user denies, and keeps no token', async () => {
    const { client, asLog, mcpLog } = await setUp(600);
    asLog.deny = true;
    const error: unknown = await client.callTool('whoami', {}).catch((caught: unknown) => caught);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'AUTHORIZATION_FAILED', reason: 'access_denied' });
    expect(String((error as Error).message)).toContain('access_denied');
    expect(asLog.grants).toEqual([]);
    expect(mcpLog.tokens).toEqual([]);
  });

  it('a command-line tool: the loopback redirect (RFC 8252) receives the browser coming back', async () => {
    const shown: URL[] = [];
    let browser: ReturnType<typeof headlessBrowser> | undefined;
    const loopback = await startLoopbackRedirect({
      onAuthorizationUrl: (url) => {
        shown.push(url);
        // The person opens the URL; the scripted browser runs in the background meanwhile.
        void browser?.authorize(url);
      },
      timeoutMs: 20_000,
    });
    try {
      const setup = await setUp(600, {
        redirectUri: loopback.redirectUri,
        authorize: (scripted) => {
          browser = scripted;
          return loopback.authorize;
        },
      });
      const result = await setup.client.callTool('whoami', {});
      expect(result.content).toEqual([{ type: 'text', text: 'hello' }]);
      expect(shown).toHaveLength(1);
      expect(loopback.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      await vi.waitFor(() => expect(setup.browser.landings[0]).toContain('Authorized'), { timeout: 2_000 });
    } finally {
      await loopback.close();
    }
  });

  it('a command-line tool: a denial shows in the browser and fails with access_denied', async () => {
    let browser: ReturnType<typeof headlessBrowser> | undefined;
    const loopback = await startLoopbackRedirect({
      onAuthorizationUrl: (url) => void browser?.authorize(url),
      timeoutMs: 20_000,
    });
    try {
      const setup = await setUp(600, {
        redirectUri: loopback.redirectUri,
        authorize: (scripted) => {
          browser = scripted;
          return loopback.authorize;
        },
      });
      setup.asLog.deny = true;
      const error: unknown = await setup.client.callTool('whoami', {}).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ reason: 'access_denied' });
      // The page reaches the scripted browser just after the loopback server resolved.
      await vi.waitFor(() => expect(setup.browser.landings[0]).toContain('declined'), { timeout: 2_000 });
    } finally {
      await loopback.close();
    }
  });

  it('a command-line tool: nobody comes back, and the wait ends with interaction_failed', async () => {
    const loopback = await startLoopbackRedirect({ onAuthorizationUrl: () => undefined, timeoutMs: 300 });
    try {
      const setup = await setUp(600, { redirectUri: loopback.redirectUri, authorize: () => loopback.authorize });
      const error: unknown = await setup.client.callTool('whoami', {}).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ reason: 'interaction_failed' });
      expect((error as Error).message).toContain('No answer from the browser');
    } finally {
      await loopback.close();
    }
  });
});
