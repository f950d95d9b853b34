import { OAuthProvider } from '@tern/client-auth';
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

/** The OAuth provider of an `auth/*` scenario, with the context's pre-registered client if any. */
export function createAuthProvider(env: ConformanceEnv): OAuthProvider {
  const clientId = env.context['client_id'];
  const clientSecret = env.context['client_secret'];
  const options: OAuthProviderOptions = {
    redirectUri: REDIRECT_URI,
    authorize: followAuthorizationRedirect,
    clientMetadataUrl: CLIENT_METADATA_URL,
    clientMetadata: { client_name: 'tern-conformance-client' },
    ...(typeof clientId === 'string'
      ? { client: { clientId, clientSecret: typeof clientSecret === 'string' ? clientSecret : undefined } }
      : {}),
  };
  return new OAuthProvider(options);
}
