// The layer's index of `resources/subscribe` (#12, attack 4: a `resources/updated` must not scan
// every session). It must pick exactly the sessions the plain rule of 2025-11-25 picks (subscribers
// of the URI or of a parent of it), and stay in step with subscribe, unsubscribe, a state taken
// from another instance, and the end of a session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LegacySession } from '../../src/server/legacy-session.js';
import { SubscriptionIndex } from '../../src/server/subscription-index.js';

function session(index: SubscriptionIndex, id: string): LegacySession {
  return new LegacySession({
    id,
    protocolVersion: '2025-11-25',
    clientInfo: { name: 'c', version: '1' },
    clientCapabilities: {},
    envelopeCapabilities: {},
    serverCapabilities: { resources: { subscribe: true } },
    principal: undefined,
    client: undefined,
    logLevel: undefined,
    replay: { maxEvents: 10, maxBytes: 1000 },
    subscriptionIndex: index,
  });
}

function covers(subscription: string, uri: string): boolean {
  return uri === subscription || uri.startsWith(subscription.endsWith('/') ? subscription : `${subscription}/`);
}

const ids = (sessions: Iterable<LegacySession>) => [...sessions].map((s) => s.id).sort();

describe('SubscriptionIndex', () => {
  it('finds the subscribers of a URI and of its parents, each once', () => {
    const index = new SubscriptionIndex();
    const a = session(index, 'a');
    const b = session(index, 'b');
    a.subscribe('test://x');
    a.subscribe('test://x/y');
    b.subscribe('test://x/');
    expect(ids(index.sessionsFor('test://x/y/z'))).toEqual(['a', 'b']);
    expect(ids(index.sessionsFor('test://x'))).toEqual(['a']);
    expect(ids(index.sessionsFor('test://xy'))).toEqual([]);
  });

  it('forgets a session that unsubscribes, takes another state, or ends', () => {
    const index = new SubscriptionIndex();
    const a = session(index, 'a');
    a.subscribe('test://one');
    a.subscribe('test://two');
    a.unsubscribe('test://one');
    expect(ids(index.sessionsFor('test://one'))).toEqual([]);
    a.applyState({ initialized: true, logLevel: undefined, subscriptions: ['test://three'] });
    expect(ids(index.sessionsFor('test://two'))).toEqual([]);
    expect(ids(index.sessionsFor('test://three'))).toEqual(['a']);
    expect([...a.subscriptions]).toEqual(['test://three']);
    a.close('done');
    expect(index.size).toBe(0);
    a.subscribe('test://late');
    expect(index.size).toBe(0);
  });

  it('picks exactly what the plain rule picks, for random sessions, subscriptions and URIs', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', '', 'x.y');
    const uri = fc
      .tuple(fc.constantFrom('test://', 'files:///', 'test:'), fc.array(segment, { maxLength: 4 }), fc.boolean())
      .map(([scheme, parts, slash]) => scheme + parts.join('/') + (slash ? '/' : ''));
    fc.assert(
      fc.property(fc.array(fc.array(uri, { maxLength: 4 }), { maxLength: 6 }), uri, (subscriptionsBySession, changed) => {
        const index = new SubscriptionIndex();
        const sessions = subscriptionsBySession.map((subscriptions, n) => {
          const opened = session(index, `s${n}`);
          for (const subscription of subscriptions) opened.subscribe(subscription);
          return opened;
        });
        const expected = sessions.filter((s) => [...s.subscriptions].some((sub) => covers(sub, changed)));
        expect(ids(index.sessionsFor(changed))).toEqual(ids(expected));
      }),
      { numRuns: 500 },
    );
  });
});
