// The person at the browser, for the demo's development authorization server (oidc-provider's
// dev interactions): opens the authorization URL with a cookie jar, signs in on the login page
// and approves on the consent page, or presses "Cancel" to deny, and follows the redirects to the
// client's redirect URI, which it loads like a browser would. Returns that last page.

type Choice = 'approve' | 'deny';

export async function answerLogin(authorizationUrl: string, choice: Choice, user = 'alice'): Promise<string> {
  const jar = new Map<string, string>();
  const issuer = new URL(authorizationUrl).origin;
  const load = async (url: URL, form?: URLSearchParams): Promise<Response> => {
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        ...(jar.size === 0 ? {} : { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') }),
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form === undefined ? {} : { body: form.toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals > 0) jar.set(pair.slice(0, equals), pair.slice(equals + 1));
    }
    return response;
  };
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step += 1) {
    // Off the authorization server: the client's loopback redirect, the end of the flow.
    if (url.origin !== issuer) return (await fetch(url)).text();
    const response = await load(url, form);
    form = undefined;
    const location = response.headers.get('location');
    if (location !== null) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    if (choice === 'deny') {
      const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(page)?.[1];
      if (cancel === undefined) throw new Error(`no Cancel link on ${url.pathname}`);
      url = new URL(cancel.replaceAll('&amp;', '&'), url);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (action === undefined) throw new Error(`neither a redirect nor a form at ${url.pathname} (HTTP ${response.status})`);
    form = page.includes('name="password"')
      ? new URLSearchParams({ prompt: 'login', login: user, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' });
    url = new URL(action, url);
  }
  throw new Error('too many steps');
}
