import { identityAssertionGrant, importPrivateKey, OAuthProvider } from '@tern/client-auth';
import type { OAuthProviderOptions } from '@tern/client-auth';
import type { ConformanceEnv } from './conformance-env.js';

/** The client metadata URL the suite's CIMD scenarios expect (it need not resolve). */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';
/** Where the suite's authorization servers redirect back to; nothing listens there. */
const REDIRECT_URI = 'http://localhost:3000/callback';

/**
 * The authorization step without a person: the suite's authorization endpoint answers at once
 * with a redirect to the callback, so the redirect's `Location` is the callback URL.
 */
async function followAuthorizationRedirect(url: URL): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (location === null) throw new Error(`the authorization endpoint answered ${response.status} without a redirect`);
  return location;
}

function text(env: ConformanceEnv, key: string): string | undefined {
  const value = env.context[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The OAuth provider of an `auth/*` scenario: the authorization code flow with the suite's CIMD
 * URL, the context's pre-registered client if any, and the grant or DPoP the extension scenarios
 * exercise.
 */
export async function createAuthProvider(env: ConformanceEnv): Promise<OAuthProvider> {
  const clientId = text(env, 'client_id');
  const clientSecret = text(env, 'client_secret');
  const base: OAuthProviderOptions = {
    redirectUri: REDIRECT_URI,
    authorize: followAuthorizationRedirect,
    clientMetadataUrl: CLIENT_METADATA_URL,
    clientMetadata: { client_name: 'tern-conformance-client' },
    ...(clientId === undefined ? {} : { client: { clientId, clientSecret } }),
  };
  switch (env.scenario) {
    case 'auth/client-credentials-basic':
      return new OAuthProvider({ ...base, grant: { type: 'client_credentials' } });
    case 'auth/client-credentials-jwt': {
      const pem = text(env, 'private_key_pem') ?? '';
      const privateKey = await importPrivateKey(pem, text(env, 'signing_algorithm') ?? 'ES256');
      return new OAuthProvider({ ...base, grant: { type: 'client_credentials' }, client: { clientId: clientId ?? '', privateKey } });
    }
    case 'auth/wif-jwt-bearer': {
      const jwt = text(env, 'valid_jwt') ?? '';
      return new OAuthProvider({ ...base, grant: { type: 'jwt_bearer', assertion: () => jwt } });
    }
    case 'auth/enterprise-managed-authorization':
      return new OAuthProvider({
        ...base,
        grant: identityAssertionGrant({
          idpIssuer: text(env, 'idp_issuer') ?? '',
          idpTokenEndpoint: text(env, 'idp_token_endpoint') ?? '',
          idpClientId: text(env, 'idp_client_id') ?? '',
          idToken: text(env, 'idp_id_token') ?? '',
        }),
      });
    case 'auth/dpop':
    case 'auth/dpop-nonce':
      return new OAuthProvider({ ...base, dpop: true });
    default:
      return new OAuthProvider(base);
  }
}
