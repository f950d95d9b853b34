/**
 * Reads the `WWW-Authenticate` challenges of a 401 or 403 (RFC 9110 §11.6.1, RFC 6750 §3,
 * RFC 9449 §7.1, RFC 9728 §5.1): the scheme and its auth-params.
 */

/** One challenge: its scheme in lower case and its auth-params (names in lower case). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

/** Every challenge of `header`; an unreadable rest is dropped, never thrown. */
export function parseChallenges(header: string | null): Challenge[] {
  const challenges: Challenge[] = [];
  if (header === null) return challenges;
  let rest = header.trim();
  let current: Challenge | undefined;
  // Bounded: every turn consumes at least one character or stops.
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (name === undefined) break;
    const afterName = rest.slice(name.length).replace(/^\s*/, '');
    if (afterName.startsWith('=') && current !== undefined && !afterName.startsWith('==')) {
      const { value, remaining } = readValue(afterName.slice(1).replace(/^\s*/, ''));
      current.params[name.toLowerCase()] = value;
      rest = remaining;
      continue;
    }
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
    rest = afterName;
    // token68 (e.g. `Negotiate abc==`): skip it.
    const token68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(rest);
    if (token68 !== null && !rest.slice(token68[0].length).trimStart().startsWith('=')) {
      rest = rest.slice(token68[0].length);
    }
  }
  return challenges;
}

function readValue(input: string): { value: string; remaining: string } {
  if (!input.startsWith('"')) {
    const value = TOKEN.exec(input)?.[0] ?? '';
    return { value, remaining: input.slice(value.length) };
  }
  let value = '';
  for (let index = 1; index < input.length; index += 1) {
    const char = input[index];
    if (char === '\\') {
      value += input[index + 1] ?? '';
      index += 1;
    } else if (char === '"') {
      return { value, remaining: input.slice(index + 1) };
    } else {
      value += char;
    }
  }
  return { value, remaining: '' };
}

/**
 * The Bearer and DPoP challenges of a response, the ones this package answers, as one: their
 * params merged (DPoP's win), the scheme `dpop` when there was a DPoP challenge.
 */
export function oauthChallenge(response: Response): Challenge | undefined {
  const challenges = parseChallenges(response.headers.get('www-authenticate'));
  const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
  const dpop = challenges.find((challenge) => challenge.scheme === 'dpop');
  if (bearer === undefined && dpop === undefined) return undefined;
  return {
    scheme: dpop === undefined ? 'bearer' : 'dpop',
    params: { ...bearer?.params, ...dpop?.params },
  };
}

/** The scopes of a `scope` auth-param, split on spaces. */
export function scopesOf(challenge: Challenge | undefined): string[] | undefined {
  const scope = challenge?.params['scope'];
  if (scope === undefined) return undefined;
  return scope.split(' ').filter((item) => item !== '');
}
