/**
 * Logging in to a protected MCP server from the terminal: OAuth authorization code + PKCE through
 * the loopback redirect of RFC 8252 (`startLoopbackRedirect` of `@tern/client-auth/node`). The
 * provider stays idle against a server that does not ask for a token; when one answers 401, the
 * person sees the authorization URL and a bounded wait, and a denial ends in a clear message.
 */
import { OAuthProvider, isAuthError } from '@tern/client-auth';
import type { AuthorizationHandler } from '@tern/client-auth';
import { FileTokenStore, startLoopbackRedirect } from '@tern/client-auth/node';
import type { McpClient } from '@tern/core-protocol';

export interface LoginOptions {
  /** Where the person reads what to do. */
  print: (line: string) => void;
  /** Keep tokens (and the registered client) in this file across runs; default: in memory. */
  tokenFile?: string | undefined;
  /** How long to wait for the browser to come back, in ms. */
  timeoutMs: number;
}

export interface Login {
  readonly authProvider: OAuthProvider;
  /** How long a request that logs in may take: the wait for the person, and some. */
  readonly requestTimeoutMs: number;
  /** Whether the person was sent to the browser during this run. */
  readonly prompted: boolean;
  close(): Promise<void>;
}

/** How much longer than the wait for the browser a login request may take (registration, token request), in ms. */
const LOGIN_OVERHEAD_MS = 30_000;

/** Starts the loopback redirect on 127.0.0.1 and the OAuth provider that uses it. */
export async function startLogin(options: LoginOptions): Promise<Login> {
  const { print } = options;
  const seconds = Math.round(options.timeoutMs / 1000);
  let prompted = false;
  const loopback = await startLoopbackRedirect({
    timeoutMs: options.timeoutMs,
    onAuthorizationUrl: (url) => {
      prompted = true;
      print('');
      print('This server needs you to log in. Open this address in your browser:');
      print(`  ${url.href}`);
      print(`Waiting for the browser to come back (up to ${seconds} s; Ctrl-C to give up)...`);
    },
  });
  const authorize: AuthorizationHandler = async (url, context) => {
    const back = new URL(await loopback.authorize(url, context));
    if (!back.searchParams.has('error')) print('The browser came back; finishing the login.');
    return back;
  };
  const authProvider = new OAuthProvider({
    redirectUri: loopback.redirectUri,
    authorize,
    clientMetadata: { client_name: 'Tern demo client' },
    ...(options.tokenFile === undefined ? {} : { store: new FileTokenStore(options.tokenFile) }),
  });
  return {
    authProvider,
    requestTimeoutMs: options.timeoutMs + LOGIN_OVERHEAD_MS,
    get prompted() {
      return prompted;
    },
    close: () => loopback.close(),
  };
}

/**
 * Sends `server/discover` first, so a server that needs a login gets it before anything else, with
 * time for the person. True when the client may go on (logged in, no login needed, or a failure
 * that is not about authorization, which the first real step reports); false after printing why
 * the login failed.
 */
export async function logInFirst(client: McpClient, login: Login, print: (line: string) => void): Promise<boolean> {
  try {
    await client.discover({ timeoutMs: login.requestTimeoutMs });
  } catch (error) {
    const failure = describeLoginFailure(error);
    if (failure === undefined) return true;
    print(failure);
    return false;
  }
  if (login.prompted) print('Logged in.');
  return true;
}

/** A message for a failed login, or undefined when `error` is not about authorization. */
export function describeLoginFailure(error: unknown): string | undefined {
  if (!isAuthError(error)) return undefined;
  if (error.reason === 'access_denied') {
    return 'Login failed: the authorization was declined in the browser, so the server was not used.';
  }
  if (error.reason === 'interaction_failed') return `Login failed: ${error.message}`;
  return `Login failed (${error.reason}): ${error.message}`;
}
