// The user agent of the authorization code flow: follows the authorization server's redirects
// with a cookie jar until it reaches the client's redirect URI, and returns the callback's query
// (`code`, `state`, `iss`). No HTML: the authorization server's interactions are scripted.

/** A cookie jar of one browser profile: name → value, per origin. */
export class Browser {
  readonly #cookies = new Map<string, Map<string, string>>();

  /** Follows `url` until a redirect to `redirectUri`; at most 20 hops. */
  async authorize(url: URL, redirectUri: string): Promise<URLSearchParams> {
    let next = url;
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.href.startsWith(redirectUri)) return next.searchParams;
      const response = await fetch(next, { redirect: 'manual', headers: this.#cookieHeader(next) });
      this.#store(next, response);
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (location === null) throw new Error(`The authorization server answered ${response.status} without a redirect`);
      next = new URL(location, next);
    }
    throw new Error('Too many redirects');
  }

  #cookieHeader(url: URL): Record<string, string> {
    const jar = this.#cookies.get(url.origin);
    if (jar === undefined || jar.size === 0) return {};
    return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  #store(url: URL, response: Response): void {
    const jar = this.#cookies.get(url.origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    this.#cookies.set(url.origin, jar);
  }
}
