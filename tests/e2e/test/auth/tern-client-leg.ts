// Tern's own client as one leg of the authorization e2e: McpClient over StreamableHttpTransport
// with an OAuthProvider (@tern/client-auth) that registers dynamically, keeps tokens in memory and
// sends the user agent through the Browser. The provider answers the 401 and the 403
// insufficient_scope challenges itself, so the calls below need no login wrapper.
import { OAuthProvider, MemoryTokenStore } from '@tern/client-auth';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import type { Browser } from './browser.js';
import type { ClientLeg } from './official-client-leg.js';

const REDIRECT_URI = 'http://127.0.0.1:1/callback';

/** A Tern client of `url` that logs in through `browser`, and the access token it holds. */
export function ternClient(url: URL, browser: Browser): { client: McpClient; accessToken: () => string | undefined } {
  const store = new MemoryTokenStore();
  const authProvider = new OAuthProvider({
    redirectUri: REDIRECT_URI,
    clientMetadata: { client_name: 'tern-e2e-tern-client', application_type: 'native' },
    authorize: (authorizationUrl) => browser.authorize(authorizationUrl, REDIRECT_URI).then((query) => `${REDIRECT_URI}?${query.toString()}`),
    store,
  });
  const client = new McpClient(
    { name: 'tern-e2e-tern-client', version: '1.0.0' },
    { transport: new StreamableHttpTransport({ url, authProvider }) },
  );
  return { client, accessToken: () => store.getTokens(`${url.origin}${url.pathname}`)?.accessToken };
}

export const ternClientLeg: ClientLeg = {
  name: 'Tern client',
  async connect(url, browser) {
    const { client, accessToken } = ternClient(url, browser);
    // Like the official client's connect: the first request (server/discover) logs in.
    await client.discover();
    return {
      async callTool(name) {
        const result = await client.callTool(name, {});
        return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      },
      async listTools() {
        const tools = await client.listAllTools();
        return tools.map((tool) => tool.name);
      },
      accessToken: () => Promise.resolve(accessToken()),
      close: () => Promise.resolve(),
    };
  },
};
