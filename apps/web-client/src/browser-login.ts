/**
 * Logging in from the page: OAuth authorization code + PKCE (an `OAuthProvider` of
 * `@tern/client-auth`), with the authorization server's pages in a login window. The window is
 * redirected back to this page (the redirect URI), which hands the redirect to the waiting page
 * over a same-origin `BroadcastChannel` and closes.
 *
 * Why a window and not a full-page redirect: the flow runs inside the request that got the 401,
 * so the page keeps its state (open conversations, half-filled forms) and the PKCE verifier stays
 * in memory, never in storage. The window opens on a click ("Log in"), because browsers block
 * windows that a page opens by itself.
 */
import { OAuthProvider, isAuthError } from '@tern/client-auth';
import type { AuthorizationHandler } from '@tern/client-auth';
import { h } from './dom.js';

const CHANNEL = 'tern-web-client-login';

/** How long the page waits for the person to log in. */
export const LOGIN_WAIT_MS = 10 * 60_000;

/** How often the page looks whether the login window was closed, and how long it then waits. */
const WINDOW_POLL_MS = 250;
const CLOSED_GRACE_MS = 1_000;

/** The redirect URI: this page's address without query or fragment. */
function pageAddress(): string {
  return `${location.origin}${location.pathname}`;
}

/**
 * In the login window, back from the authorization server: hands the redirect (`code` or
 * `error`, with `state`) to the page that waits for it, and closes. False on any other load.
 */
export function deliverLoginCallback(): boolean {
  const query = new URLSearchParams(location.search);
  if (!query.has('state') || !(query.has('code') || query.has('error'))) return false;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(location.href);
  channel.close();
  // Not in the address bar of a window the person may keep open.
  history.replaceState(null, '', pageAddress());
  document.body.replaceChildren(
    h('p', { class: 'status' }, [query.has('error') ? 'Login declined. You can close this window.' : 'Logged in. You can close this window.']),
  );
  window.close();
  return true;
}

/** An OAuth provider whose logins ask in `prompt` and run in a login window. */
export function createBrowserAuthProvider(prompt: HTMLElement): OAuthProvider {
  const authorize: AuthorizationHandler = (url, context) => logIn(prompt, url, context.signal);
  return new OAuthProvider({
    redirectUri: pageAddress(),
    authorize,
    clientMetadata: { client_name: 'Tern web client' },
  });
}

/** What the page says when a login failed, or undefined when `error` is not about authorization. */
export function describeLoginFailure(error: unknown): string | undefined {
  if (!isAuthError(error)) return undefined;
  if (error.reason === 'access_denied') return 'Login failed: the authorization was declined.';
  return `Login failed: ${error.message}`;
}

async function logIn(prompt: HTMLElement, url: URL, signal: AbortSignal | undefined): Promise<string> {
  try {
    const popup = await askToLogIn(prompt, url, signal);
    return await waitForRedirect(prompt, { popup, state: url.searchParams.get('state'), signal });
  } finally {
    prompt.replaceChildren();
    prompt.hidden = true;
  }
}

/** Shows the authorization URL and waits for "Log in" (opens the window) or "Cancel". */
function askToLogIn(prompt: HTMLElement, url: URL, signal: AbortSignal | undefined): Promise<Window> {
  const logInButton = h('button', { type: 'button' }, ['Log in']);
  const cancelButton = h('button', { type: 'button', class: 'secondary' }, ['Cancel']);
  prompt.replaceChildren(
    h('p', {}, ['This server needs you to log in at ', h('strong', {}, [url.origin]), '. The login opens in a new window:']),
    h('p', { class: 'login-url' }, [url.href]),
    h('div', { class: 'login-actions' }, [logInButton, cancelButton]),
  );
  prompt.hidden = false;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(new Error('The login was cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    cancelButton.addEventListener('click', () => reject(new Error('You cancelled the login')), { once: true });
    logInButton.addEventListener('click', () => {
      // Opened blank and cut from this page before it goes to the authorization server (which
      // the MCP server named): that page gets no `window.opener` to navigate this one with, while
      // this page keeps the handle to see the window close.
      const popup = window.open('', 'tern-login', 'popup,width=520,height=720');
      signal?.removeEventListener('abort', onAbort);
      if (popup === null) {
        reject(new Error('The browser blocked the login window; allow pop-ups for this page and try again'));
        return;
      }
      popup.opener = null;
      popup.location.href = url.href;
      resolve(popup);
    });
  });
}

/** Waits for the login window's redirect with this `state`, its closing, the timeout or an abort. */
function waitForRedirect(
  prompt: HTMLElement,
  { popup, state, signal }: { popup: Window; state: string | null; signal: AbortSignal | undefined },
): Promise<string> {
  const cancelButton = h('button', { type: 'button', class: 'secondary' }, ['Cancel']);
  prompt.replaceChildren(
    h('p', { class: 'login-waiting' }, [`Waiting for you to log in in the other window (up to ${LOGIN_WAIT_MS / 60_000} minutes)…`]),
    h('div', { class: 'login-actions' }, [cancelButton]),
  );
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(CHANNEL);
    const started = Date.now();
    let closedAt: number | undefined;
    const timer = setInterval(() => {
      if (popup.closed) closedAt ??= Date.now();
      if (closedAt !== undefined && Date.now() - closedAt > CLOSED_GRACE_MS) finish(new Error('The login window was closed before the login finished'));
      else if (Date.now() - started > LOGIN_WAIT_MS) finish(new Error(`No login within ${LOGIN_WAIT_MS / 60_000} minutes`));
    }, WINDOW_POLL_MS);
    const onAbort = (): void => finish(new Error('The login was cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    cancelButton.addEventListener('click', () => finish(new Error('You cancelled the login')), { once: true });
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      // Another tab's login has another state; the provider checks the state again anyway.
      if (typeof event.data === 'string' && stateOf(event.data) === state) finish(event.data);
    });
    function finish(outcome: string | Error): void {
      clearInterval(timer);
      channel.close();
      signal?.removeEventListener('abort', onAbort);
      if (typeof outcome === 'string') resolve(outcome);
      else {
        popup.close();
        reject(outcome);
      }
    }
  });
}

/** The `state` of a redirect URL, or undefined when it is not a URL. */
function stateOf(url: string): string | null | undefined {
  return URL.canParse(url) ? new URL(url).searchParams.get('state') : undefined;
}
