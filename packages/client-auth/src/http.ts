/**
 * How this package talks HTTP: through the transport's `fetch`, never following redirects, only to
 * `https:` URLs (and `http:` loopback URLs unless that is switched off).
 */
import type { FetchLike } from '@tern/core-protocol';
import * as oauth from 'oauth4webapi';
import { AuthError } from './errors.js';

/** The HTTP settings every step of a flow shares. */
export interface HttpSettings {
  fetch: FetchLike;
  /** Allow `http:` URLs on loopback hosts (127.0.0.0/8, [::1], localhost). */
  allowLoopbackHttp: boolean;
  /** Most bytes a metadata or registration document may have. */
  maxDocumentBytes: number;
  signal?: AbortSignal | undefined;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for an `http:` URL whose host is a loopback address or `localhost`. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
}

/**
 * `value` as a URL this package may call.
 *
 * @throws AuthError `insecure_url` for anything but `https:` (or loopback `http:` when allowed)
 */
export function checkedUrl(value: string | URL, what: string, http: HttpSettings): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new AuthError('insecure_url', `The ${what} is not a URL`, { cause: error });
  }
  if (url.protocol === 'https:') return url;
  if (http.allowLoopbackHttp && isLoopbackHttp(url)) return url;
  throw new AuthError(
    'insecure_url',
    `The ${what} ${url.origin} is not https (only loopback addresses may use http)`,
  );
}

/** The options oauth4webapi needs to send through our fetch, to URLs already checked. */
export function oauthHttpOptions(http: HttpSettings): {
  [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<string, unknown>) => Promise<Response>;
  [oauth.allowInsecureRequests]: boolean;
  signal?: AbortSignal;
} {
  return {
    [oauth.customFetch]: (url, init) => http.fetch(url, init as RequestInit),
    // Every URL has been through checkedUrl before it gets here.
    [oauth.allowInsecureRequests]: http.allowLoopbackHttp,
    ...(http.signal === undefined ? {} : { signal: http.signal }),
  };
}

/** GETs a JSON document without following redirects. */
export async function getDocument(url: URL, http: HttpSettings): Promise<Response> {
  return http.fetch(url.href, {
    method: 'GET',
    headers: { accept: 'application/json' },
    redirect: 'manual',
    ...(http.signal === undefined ? {} : { signal: http.signal }),
  });
}

/** The JSON object of a 200 response, bounded in size; `undefined` for anything else. */
export async function readJsonObject(
  response: Response,
  http: HttpSettings,
): Promise<Record<string, unknown> | undefined> {
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const text = await response.text();
  if (text.length > http.maxDocumentBytes) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
