// The real servers of the end-to-end test, on 127.0.0.1: oidc-provider (the certified OpenID
// provider) as the authorization server, with a headless login-and-consent step, and a Tern MCP
// server protected by hand (JWT access tokens checked with jose against the provider's JWKS).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@tern/core-protocol';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { createRemoteJWKSet, generateKeyPair, exportJWK, jwtVerify } from 'jose';
import Provider from 'oidc-provider';
import type { Adapter, AdapterPayload } from 'oidc-provider';

export const SCOPE = 'mcp:tools';
export const ACCOUNT = 'user-1';

/** A listening node:http server and how to stop it. */
export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the authorization server saw. */
export interface AuthServerLog {
  grants: string[];
  /** Set to refuse the next login (the user clicks "deny"). */
  deny: boolean;
}

/** oidc-provider's storage, in memory (its own dev adapter warns on the console). */
class MemoryAdapter implements Adapter {
  static readonly items = new Map<string, AdapterPayload>();
  readonly model: string;
  constructor(model: string) {
    this.model = model;
  }
  #key(id: string): string {
    return `${this.model}:${id}`;
  }
  upsert(id: string, payload: AdapterPayload): Promise<void> {
    MemoryAdapter.items.set(this.#key(id), payload);
    return Promise.resolve();
  }
  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(MemoryAdapter.items.get(this.#key(id)));
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve([...MemoryAdapter.items.values()].find((item) => item.uid === uid));
  }
  consume(id: string): Promise<void> {
    const item = MemoryAdapter.items.get(this.#key(id));
    if (item !== undefined) item.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }
  destroy(id: string): Promise<void> {
    MemoryAdapter.items.delete(this.#key(id));
    return Promise.resolve();
  }
  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, item] of MemoryAdapter.items) if (item.grantId === grantId) MemoryAdapter.items.delete(key);
    return Promise.resolve();
  }
}

/** oidc-provider on `listening`, for the MCP resource `resource`. */
export async function startAuthServer(
  listening: Listening,
  resource: () => string,
  options: { redirectUri: string; accessTokenTtl: number },
): Promise<AuthServerLog> {
  const log: AuthServerLog = { grants: [], deny: false };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(listening.url, {
    adapter: MemoryAdapter,
    clients: [
      {
        client_id: 'tern-e2e',
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'e2e' }] },
    scopes: ['openid', 'offline_access'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource(),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource()) throw new Error('unknown resource');
          return { scope: SCOPE, audience: indicator, accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenTtl, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    issueRefreshToken: () => true,
    ttl: { AccessToken: options.accessTokenTtl, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, RefreshToken: 3600, Session: 3600 },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  provider.on('grant.success', (ctx) => {
    log.grants.push(String(ctx.oidc.params?.['grant_type']));
  });
  const callback = provider.callback();
  listening.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/') === true) {
      void finishInteraction(provider, { req, res }, { log, resource: resource() });
      return;
    }
    void callback(req, res);
  });
  return log;
}

/** The login and consent page, without a person: logs in ACCOUNT and grants what was asked. */
async function finishInteraction(
  provider: Provider,
  { req, res }: { req: IncomingMessage; res: ServerResponse },
  { log, resource }: { log: AuthServerLog; resource: string },
): Promise<void> {
  if (log.deny) {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user said no' }, { mergeWithLastSubmission: false });
    return;
  }
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: ACCOUNT, clientId: String(details.params['client_id']) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  grant.addOIDCScope(['openid', ...(missing.missingOIDCScope ?? [])].join(' '));
  grant.addResourceScope(resource, SCOPE);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

/** What the MCP server saw. */
export interface McpServerLog {
  tokens: string[];
  /** Refuse the next request that carries this token, as if it had been revoked. */
  revoke?: string | undefined;
}

/**
 * A Tern MCP server at `/mcp` that answers only requests whose bearer token is a JWT of `issuer`
 * for this resource with the scope; anything else gets a 401 with the RFC 9728 challenge.
 */
export function protectedMcpHandler(
  self: () => string,
  issuer: () => string,
  log: McpServerLog,
): (req: IncomingMessage, res: ServerResponse) => void {
  const server = new McpServer(
    { name: 'protected', version: '1.0.0' },
    { requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(3) }] }, logger: { warn: () => undefined } },
  );
  server.registerTool('whoami', {}, () => ({ content: [{ type: 'text', text: 'hello' }] }));
  const mcp = createNodeHandler(server);
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  return (req, res) => {
    if (req.url === '/.well-known/oauth-protected-resource/mcp') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ resource: `${self()}/mcp`, authorization_servers: [issuer()], scopes_supported: [SCOPE] }));
      return;
    }
    const challenge = `Bearer resource_metadata="${self()}/.well-known/oauth-protected-resource/mcp"`;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const refuse = (): void => {
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' });
      res.end('{"error":"invalid_token"}');
    };
    if (token === undefined) return refuse();
    if (token === log.revoke) {
      log.revoke = undefined;
      return refuse();
    }
    jwks ??= createRemoteJWKSet(new URL(`${issuer()}/jwks`));
    jwtVerify(token, jwks, { issuer: issuer(), audience: `${self()}/mcp` }).then(
      ({ payload }) => {
        if (typeof payload['scope'] !== 'string' || !payload['scope'].split(' ').includes(SCOPE)) return refuse();
        log.tokens.push(token);
        mcp(req, res);
      },
      () => refuse(),
    );
  };
}
