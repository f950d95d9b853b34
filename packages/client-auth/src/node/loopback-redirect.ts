/**
 * The loopback redirect of native apps (RFC 8252 §7.3) for command-line tools: a one-route HTTP
 * server on 127.0.0.1 that receives the browser's redirect back from the authorization server.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthorizationHandler } from '../authorization-code.js';

/** Options of {@link startLoopbackRedirect}. */
export interface LoopbackRedirectOptions {
  /**
   * Shows the user the authorization URL: print it, open a browser. Called once per authorization;
   * the wait for the redirect starts when it returns.
   */
  onAuthorizationUrl: (url: URL) => void | Promise<void>;
  /** The port on 127.0.0.1; default 0 (any free port, fine with dynamic registration). */
  port?: number;
  /** The path of the redirect URI. Default `/callback`. */
  path?: string;
  /** How long to wait for the user, in ms. Default 300 000. */
  timeoutMs?: number;
}

/** A running loopback redirect: its URI, the `authorize` handler for `OAuthProvider`, and `close`. */
export interface LoopbackRedirect {
  redirectUri: string;
  authorize: AuthorizationHandler;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${text}</p>`;

/**
 * Listens on 127.0.0.1 and returns the redirect URI to register and the `authorize` handler: it
 * shows the URL, waits for the browser to come back (or the timeout, or the caller's abort), tells
 * the person in the browser whether it worked, and resolves with the redirect URL. A denial comes
 * back as a redirect with `error=access_denied`, which the provider reports as `access_denied`.
 */
export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback';
  let waiting: ((url: string) => void) | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path || waiting === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const denied = url.searchParams.has('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      denied
        ? PAGE('Authorization declined', 'You can close this tab. The application was not authorized.')
        : PAGE('Authorized', 'You can close this tab and return to the application.'),
    );
    const resolve = waiting;
    waiting = undefined;
    resolve(`${redirectUri}${url.search}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${path}`;
  const timeoutMs = options.timeoutMs ?? 300_000;

  const authorize: AuthorizationHandler = async (url, context) => {
    if (waiting !== undefined) throw new Error('Another authorization is already waiting for the browser');
    const arrived = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`No answer from the browser within ${timeoutMs / 1000} s`)), timeoutMs);
      const onAbort = (): void => finish(new Error('The authorization was cancelled'));
      context.signal?.addEventListener('abort', onAbort, { once: true });
      function finish(outcome: string | Error): void {
        clearTimeout(timer);
        context.signal?.removeEventListener('abort', onAbort);
        waiting = undefined;
        if (typeof outcome === 'string') resolve(outcome);
        else reject(outcome);
      }
      waiting = finish;
    });
    await options.onAuthorizationUrl(url);
    return arrived;
  };

  return {
    redirectUri,
    authorize,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
