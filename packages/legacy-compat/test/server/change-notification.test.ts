// Which 2025-era sessions hear `notifications/resources/updated` (2025-11-25 server features:
// subscribers of the URI or of a parent of it). The lookup goes by the URI's covering prefixes, so
// its cost does not grow with a session's subscriptions; it must pick exactly what the plain rule
// picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLegacyNotification } from '../../src/kit.js';
import type { LegacySession } from '../../src/kit.js';

function sessionWith(subscriptions: string[]): LegacySession {
  return {
    isInitialized: true,
    serverCapabilities: { resources: { subscribe: true } },
    subscriptions: new Set(subscriptions),
  } as unknown as LegacySession;
}

/** The rule as written in the spec digest: the URI itself, or a parent of it. */
function covers(subscription: string, uri: string): boolean {
  return uri === subscription || uri.startsWith(subscription.endsWith('/') ? subscription : `${subscription}/`);
}

describe('resources/updated for legacy sessions', () => {
  it('reaches subscribers of the URI and of its parents, and nobody else', () => {
    const session = sessionWith(['test://a', 'files:///docs/', 'other://x']);
    const heard = (uri: string) => toLegacyNotification({ type: 'resources/updated', uri }, session) !== undefined;
    expect(heard('test://a')).toBe(true);
    expect(heard('test://a/b/c')).toBe(true);
    expect(heard('files:///docs/readme.md')).toBe(true);
    expect(heard('test://ab')).toBe(false);
    expect(heard('other://xy/z')).toBe(false);
    expect(toLegacyNotification({ type: 'resources/updated', uri: 'test://a/b' }, session)).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/resources/updated',
      params: { uri: 'test://a/b' },
    });
  });

  it('picks exactly the sessions the plain rule picks, for random URIs and subscriptions', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', '', 'x.y');
    const uri = fc
      .tuple(fc.constantFrom('test://', 'files:///', 'test:'), fc.array(segment, { maxLength: 4 }), fc.boolean())
      .map(([scheme, parts, slash]) => scheme + parts.join('/') + (slash ? '/' : ''));
    fc.assert(
      fc.property(fc.array(uri, { maxLength: 6 }), uri, (subscriptions, changed) => {
        const expected = subscriptions.some((subscription) => covers(subscription, changed));
        const got = toLegacyNotification({ type: 'resources/updated', uri: changed }, sessionWith(subscriptions));
        expect(got !== undefined).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
