// End to end against a real authorization server: oidc-provider on 127.0.0.1, and a Tern MCP
// server protected by hand. Tern's client completes the authorization code flow with PKCE
// headlessly, calls the protected endpoint, refreshes, and reports a denial as a typed error.
import { McpClient } from '@tern/core-protocol';
import { StreamableHttpTransport } from '@tern/client-http';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthProvider, isAuthError } from '../../src/index.js';
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
function headlessBrowser(issuer: () => string): { authorize: (url: URL) => Promise<string>; seen: URL[] } {
  const seen: URL[] = [];
  return {
    seen,
    authorize: async (url) => {
      seen.push(url);
      const cookies = new Map<string, string>();
      let next = url.href;
      for (let hop = 0; hop < 10; hop += 1) {
        if (next.startsWith(REDIRECT_URI)) return next;
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

async function setUp(accessTokenTtl: number) {
  const as = await listen(() => undefined);
  as.server.removeAllListeners('request');
  const mcpLog: McpServerLog = { tokens: [] };
  let mcpUrl = '';
  const mcp = await listen(protectedMcpHandler(() => mcpUrl, () => as.url, mcpLog));
  mcpUrl = mcp.url;
  running.push(as, mcp);
  const asLog = await startAuthServer(as, () => `${mcp.url}/mcp`, { redirectUri: REDIRECT_URI, accessTokenTtl });
  const browser = headlessBrowser(() => as.url);
  const provider = new OAuthProvider({
    redirectUri: REDIRECT_URI,
    client: { clientId: 'tern-e2e' },
    authorize: browser.authorize,
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
});
