/**
 * Which client identity to use at an authorization server, in the MCP spec's order: a
 * pre-registered client, then a Client ID Metadata Document (when the server supports them), then
 * dynamic client registration (RFC 7591). The identity is kept per issuer and never reused at
 * another one (SEP-2352).
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#client-registration-approaches
 */
import * as oauth from 'oauth4webapi';
import { AuthError, describeCause } from './errors.js';
import { oauthHttpOptions } from './http.js';
import type { HttpSettings } from './http.js';
import type { StoredClient, TokenStore } from './token-store.js';

/** A client registered with an authorization server beforehand. */
export interface PreRegisteredClient {
  clientId: string;
  clientSecret?: string | undefined;
  /** A private key for `private_key_jwt` (RFC 7523), e.g. from jose's `importPKCS8`. */
  privateKey?: CryptoKey | undefined;
  /** The `kid` to put in `private_key_jwt` assertions. */
  keyId?: string | undefined;
  /** Force a token endpoint auth method; default: chosen from the server's list. */
  tokenEndpointAuthMethod?: string | undefined;
}

/** How the provider may identify itself. */
export interface ClientIdentityOptions {
  /**
   * Pre-registered clients: one for every authorization server (only safe with a single server),
   * or a function of the issuer that returns the client registered there.
   */
  client?: PreRegisteredClient | ((issuer: string) => PreRegisteredClient | undefined) | undefined;
  /** The HTTPS URL of this client's metadata document (a Client ID Metadata Document). */
  clientMetadataUrl?: string | undefined;
  /** Metadata sent in dynamic registration (RFC 7591 §2); `redirect_uris` is always set. */
  clientMetadata?: Record<string, oauth.JsonValue | undefined> | undefined;
}

/** The identity chosen for one authorization server, with its secrets. */
export interface ClientIdentity extends StoredClient {
  privateKey?: CryptoKey | undefined;
  keyId?: string | undefined;
}

/** What {@link resolveClient} needs besides the options. */
export interface ResolveClientContext {
  as: oauth.AuthorizationServer;
  store: TokenStore;
  redirectUri: string | undefined;
  grantTypes: string[];
  http: HttpSettings;
}

/**
 * The client identity to use at `context.as`: pre-registered, stored from an earlier
 * registration, a metadata document URL, or a new registration.
 *
 * @throws AuthError `no_client` when none of these is possible, `registration_failed`
 */
export async function resolveClient(
  options: ClientIdentityOptions,
  context: ResolveClientContext,
): Promise<ClientIdentity> {
  const issuer = context.as.issuer;
  const preRegistered =
    typeof options.client === 'function' ? options.client(issuer) : options.client;
  if (preRegistered !== undefined) {
    return {
      clientId: preRegistered.clientId,
      clientSecret: preRegistered.clientSecret,
      tokenEndpointAuthMethod: preRegistered.tokenEndpointAuthMethod,
      privateKey: preRegistered.privateKey,
      keyId: preRegistered.keyId,
      source: 'pre-registered',
    };
  }
  const stored = await context.store.getClient(issuer);
  if (stored !== undefined) return stored;
  if (
    options.clientMetadataUrl !== undefined &&
    context.as['client_id_metadata_document_supported'] === true
  ) {
    return { clientId: options.clientMetadataUrl, tokenEndpointAuthMethod: 'none', source: 'metadata-document' };
  }
  if (typeof context.as.registration_endpoint === 'string') {
    const registered = await register(options, context);
    await context.store.setClient(issuer, registered);
    return registered;
  }
  throw new AuthError(
    'no_client',
    `No client identity for ${issuer}: no pre-registered client, no client metadata document support, no registration endpoint`,
  );
}

async function register(
  options: ClientIdentityOptions,
  context: ResolveClientContext,
): Promise<StoredClient> {
  const redirectUris = context.redirectUri === undefined ? [] : [context.redirectUri];
  const metadata: Record<string, oauth.JsonValue | undefined> = {
    client_name: 'Tern MCP client',
    grant_types: context.grantTypes,
    response_types: redirectUris.length === 0 ? [] : ['code'],
    token_endpoint_auth_method: 'none',
    application_type: applicationType(context.redirectUri),
    ...options.clientMetadata,
    redirect_uris: redirectUris,
  };
  let client: Record<string, oauth.JsonValue | undefined>;
  try {
    const response = await oauth.dynamicClientRegistrationRequest(
      context.as,
      metadata,
      oauthHttpOptions(context.http),
    );
    client = await processRegistration(response);
  } catch (error) {
    throw new AuthError(
      'registration_failed',
      `Dynamic client registration at ${context.as.issuer} failed (${describeCause(error)})`,
    );
  }
  return {
    clientId: stringOrUndefined(client['client_id']) ?? '',
    clientSecret: stringOrUndefined(client['client_secret']),
    tokenEndpointAuthMethod: stringOrUndefined(client['token_endpoint_auth_method']),
    source: 'registered',
  };
}

/**
 * oauth4webapi's check of the registration response, with one leniency: a `client_secret` without
 * `client_secret_expires_at` (RFC 7591 §3.2.1 requires it) is taken as a secret that does not
 * expire, as deployed servers (and the conformance suite's) omit it.
 */
async function processRegistration(
  response: Response,
): Promise<Record<string, oauth.JsonValue | undefined>> {
  const copy = response.clone();
  try {
    return await oauth.processDynamicClientRegistrationResponse(response);
  } catch (error) {
    if ((error as { code?: unknown }).code !== oauth.INVALID_RESPONSE) throw error;
    const body = (await copy.json().catch(() => undefined)) as Record<string, oauth.JsonValue | undefined> | undefined;
    const lenient =
      body !== undefined &&
      typeof body['client_id'] === 'string' &&
      typeof body['client_secret'] === 'string' &&
      body['client_secret_expires_at'] === undefined;
    if (!lenient) throw error;
    return body;
  }
}

/** `native` for loopback and custom-scheme redirects (RFC 8252), `web` for the rest (SEP-837). */
function applicationType(redirectUri: string | undefined): 'native' | 'web' {
  if (redirectUri === undefined) return 'native';
  const url = new URL(redirectUri);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'native';
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname) ? 'native' : 'web';
}

/**
 * The oauth4webapi client authentication for `identity` at `as`: the registered method, else the
 * first the server supports of `private_key_jwt` (with a key), `client_secret_basic` and
 * `client_secret_post` (with a secret), else `none`.
 */
export function clientAuthentication(
  identity: ClientIdentity,
  as: oauth.AuthorizationServer,
): oauth.ClientAuth {
  const method = identity.tokenEndpointAuthMethod ?? chooseMethod(identity, as);
  switch (method) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (identity.clientSecret === undefined) {
        throw new AuthError('invalid_configuration', `${method} needs a client secret`);
      }
      return method === 'client_secret_basic'
        ? clientSecretBasic(identity.clientSecret)
        : oauth.ClientSecretPost(identity.clientSecret);
    }
    case 'private_key_jwt': {
      if (identity.privateKey === undefined) {
        throw new AuthError('invalid_configuration', 'private_key_jwt needs a private key');
      }
      return oauth.PrivateKeyJwt(
        identity.keyId === undefined
          ? identity.privateKey
          : { key: identity.privateKey, kid: identity.keyId },
      );
    }
    default:
      throw new AuthError('invalid_configuration', `Unsupported token endpoint auth method ${method}`);
  }
}

function chooseMethod(identity: ClientIdentity, as: oauth.AuthorizationServer): string {
  const supported = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (identity.privateKey !== undefined && supported.includes('private_key_jwt')) {
    return 'private_key_jwt';
  }
  if (identity.clientSecret !== undefined) {
    if (supported.includes('client_secret_basic')) return 'client_secret_basic';
    if (supported.includes('client_secret_post')) return 'client_secret_post';
    if (supported.includes('none')) return 'none';
    return 'client_secret_basic';
  }
  return 'none';
}

/** The oauth4webapi client object of `identity`. */
export function oauthClient(identity: ClientIdentity): oauth.Client {
  return { client_id: identity.clientId };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * `client_secret_basic` (RFC 6749 §2.3.1) with the WHATWG form encoding of id and secret.
 * oauth4webapi's own also escapes `-`, `.`, `_` and `*`, which servers that decode the header
 * without form-decoding (the conformance suite's among them) then fail to match.
 */
function clientSecretBasic(clientSecret: string): oauth.ClientAuth {
  // oauth4webapi's ClientAuth signature.
  // eslint-disable-next-line max-params
  return (_as, client, _body, headers) => {
    const encode = (value: string): string => new URLSearchParams({ v: value }).toString().slice(2);
    headers.set('authorization', `Basic ${btoa(`${encode(client.client_id)}:${encode(clientSecret)}`)}`);
  };
}
