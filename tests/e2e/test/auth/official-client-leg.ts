// The official client (@modelcontextprotocol/client 2.4.0) as one leg of the authorization e2e:
// its StreamableHTTPClientTransport with an OAuthClientProvider that registers dynamically, keeps
// tokens in memory and sends the user agent through the Browser. A Tern-client leg implements the
// same ClientLeg shape (see authorization.test.ts).
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import type { Browser } from './browser.js';

/** An authorized connection of a client leg. */
export interface AuthorizedSession {
  /** Calls a tool (stepping up authorization when the server asks) and returns its text. */
  callTool(name: string): Promise<string>;
  listTools(): Promise<string[]>;
  /** The access token the client holds now. */
  accessToken(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** One MCP client under test. */
export interface ClientLeg {
  readonly name: string;
  /** Connects to `url`, logging in through `browser` (authorization code + PKCE). */
  connect(url: URL, browser: Browser): Promise<AuthorizedSession>;
}

type Stored = Awaited<ReturnType<OAuthClientProvider['tokens']>>;
type StoredClient = Awaited<ReturnType<OAuthClientProvider['clientInformation']>>;
type Discovery = Awaited<ReturnType<NonNullable<OAuthClientProvider['discoveryState']>>>;

const REDIRECT_URI = 'http://127.0.0.1:1/callback';

/** An in-memory OAuthClientProvider whose "redirect" is the Browser following the flow. */
class BrowserProvider implements OAuthClientProvider {
  readonly redirectUrl = REDIRECT_URI;
  readonly clientMetadata = {
    client_name: 'tern-e2e-official-client',
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: 'native',
  };
  #client: StoredClient;
  #tokens: Stored;
  #verifier = '';
  #discovery: Discovery;
  /** The callback of the last authorization request. */
  pending: Promise<URLSearchParams> | undefined;
  readonly #browser: Browser;

  constructor(browser: Browser) {
    this.#browser = browser;
  }

  clientInformation(): StoredClient {
    return this.#client;
  }
  saveClientInformation(client: NonNullable<StoredClient>): void {
    this.#client = client;
  }
  tokens(): Stored {
    return this.#tokens;
  }
  saveTokens(tokens: NonNullable<Stored>): void {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL): void {
    this.pending = this.#browser.authorize(url, REDIRECT_URI);
  }
  saveCodeVerifier(verifier: string): void {
    this.#verifier = verifier;
  }
  codeVerifier(): string {
    return this.#verifier;
  }
  saveDiscoveryState(state: NonNullable<Discovery>): void {
    this.#discovery = state;
  }
  discoveryState(): Discovery {
    return this.#discovery;
  }
}

/** Runs `action`; on UnauthorizedError, completes the browser flow and runs it once more. */
async function withLogin<T>(provider: BrowserProvider, transport: StreamableHTTPClientTransport, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || provider.pending === undefined) throw error;
    const callback = await provider.pending;
    provider.pending = undefined;
    await transport.finishAuth(callback);
    return action();
  }
}

export const officialClientLeg: ClientLeg = {
  name: 'official client 2.4.0',
  async connect(url, browser) {
    const provider = new BrowserProvider(browser);
    const open = async (): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> => {
      const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });
      const client = new Client(
        { name: 'tern-e2e-official-client', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } } },
      );
      await client.connect(transport);
      return { client, transport };
    };
    let connection: { client: Client; transport: StreamableHTTPClientTransport };
    try {
      connection = await open();
    } catch (error) {
      if (!(error instanceof UnauthorizedError) || provider.pending === undefined) throw error;
      const callback = await provider.pending;
      provider.pending = undefined;
      await new StreamableHTTPClientTransport(url, { authProvider: provider }).finishAuth(callback);
      connection = await open();
    }
    const { client, transport } = connection;
    return {
      async callTool(name) {
        const result = await withLogin(provider, transport, () => client.callTool({ name, arguments: {} }));
        const content = result.content as { type: string; text?: string }[];
        return content.map((part) => part.text ?? '').join('');
      },
      async listTools() {
        const { tools } = await withLogin(provider, transport, () => client.listTools());
        return tools.map((tool) => tool.name);
      },
      accessToken: () => Promise.resolve(provider.tokens()?.access_token),
      close: () => client.close(),
    };
  },
};
