// A real OAuth 2.1 / OpenID authorization server for the authorization e2e tests: oidc-provider
// on 127.0.0.1 with dynamic client registration, PKCE, resource indicators (RFC 8707) issuing
// RFC 9068 JWT access tokens for the resources it knows. Login and consent are answered by a
// scripted user (`user`, who grants whatever is asked) instead of HTML forms.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import type { Configuration, default as ProviderClass } from 'oidc-provider';
import { listen } from '../helpers/listen.js';
import type { Listening } from '../helpers/listen.js';

/** The scopes every resource offers. */
export const RESOURCE_SCOPES = 'mcp files:read files:write';

export interface AuthorizationServer {
  readonly issuer: string;
  readonly jwksUri: string;
  /** The resources tokens may be issued for (the MCP servers under test and a stranger). */
  readonly resources: Set<string>;
  /** Those of them that get opaque tokens, to be checked by introspection. */
  readonly opaque: Set<string>;
  /** The introspection endpoint and the resource server's credentials for it. */
  readonly introspection: { endpoint: string; clientId: string; clientSecret: string };
  /** Who logs in at the next authorization request. */
  user: string;
  /** Every scope set a consent granted, in order (to see the step-up happen). */
  readonly consents: string[];
  /** What oidc-provider warned about at start (Node 20 runtime, in-memory adapter), kept off the console. */
  readonly warnings: string[];
  close(): Promise<void>;
}

/** Runs `start` with console.warn collected into `warnings` (oidc-provider warns at import and start). */
async function quietly<T>(warnings: string[], start: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    return await start();
  } finally {
    console.warn = warn;
  }
}

export async function startAuthorizationServer(): Promise<AuthorizationServer> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'as-key-1', alg: 'RS256', use: 'sig' };
  const resources = new Set<string>();
  const opaque = new Set<string>();
  const introspector = { clientId: 'tern-resource-server', clientSecret: randomUUID() };
  const consents: string[] = [];
  const state = { user: 'alice' };
  const warnings: string[] = [];
  const { default: Provider, errors } = await quietly(warnings, () => import('oidc-provider'));
  // Set once the server listens (the issuer is its URL); the interaction handler reads it.
  const live: { provider?: ProviderClass; callback?: (req: IncomingMessage, res: ServerResponse) => void } = {};

  const interaction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const provider = live.provider;
    if (provider === undefined) throw new Error('not started');
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: state.user } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session?.accountId ?? state.user;
    const grant =
      (details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
      consents.push(scopes.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  const server: Listening = await listen((req, res) => {
    if (req.url?.startsWith('/interaction/') === true) {
      interaction(req, res).catch(() => res.writeHead(500).end());
      return;
    }
    live.callback?.(req, res);
  });

  const configuration: Configuration = {
    jwks: { keys: [signing] },
    // The resource server's own registration, for introspection (client_secret_basic).
    clients: [
      {
        client_id: introspector.clientId,
        client_secret: introspector.clientSecret,
        redirect_uris: [],
        response_types: [],
        grant_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: ['e2e-cookie-key-0123456789abcdef'] },
    // `mcp` is also a static scope so clients may register with it (DCR checks scope against the
    // static ones); the files:* scopes exist only per resource, where a client may always ask.
    scopes: ['openid', 'offline_access', 'mcp'],
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx, pending) => `/interaction/${pending.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, Interaction: 600, Session: 3600, RefreshToken: 3600, IdToken: 600 },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      // Only the resource server's own registration may introspect.
      introspection: { enabled: true, allowedPolicy: (_ctx, client) => client.clientId === introspector.clientId },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (!resources.has(indicator)) throw new errors.InvalidTarget();
          if (opaque.has(indicator)) return { scope: RESOURCE_SCOPES, audience: indicator, accessTokenTTL: 600, accessTokenFormat: 'opaque' };
          return {
            scope: RESOURCE_SCOPES,
            audience: indicator,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  };
  const provider = await quietly(warnings, () => Promise.resolve(new Provider(server.origin, configuration)));
  live.provider = provider;
  const handle = provider.callback();
  live.callback = (req, res) => void handle(req, res);

  return {
    issuer: server.origin,
    jwksUri: `${server.origin}/jwks`,
    resources,
    opaque,
    introspection: { endpoint: `${server.origin}/token/introspection`, ...introspector },
    get user() {
      return state.user;
    },
    set user(value: string) {
      state.user = value;
    },
    consents,
    warnings,
    close: () => server.close(),
  };
}
