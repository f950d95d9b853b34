import { describe, expect, it } from 'vitest';
import type {
  ConversationStore,
  StoredConversation,
} from '../../server/conversation/conversation-store.js';

/** A clock the contract moves by hand, in epoch ms. It starts at the real time. */
export interface ConversationContractClock {
  now(): number;
}

/** A store that can also revoke every journal of a principal, which the contract checks. */
export type RevocableConversationStore = ConversationStore &
  Required<Pick<ConversationStore, 'revokePrincipal'>>;

/**
 * Builds a fresh, empty store for one contract test. The store must judge expiry by `clock`, so
 * the suite can test it without waiting.
 */
export type ConversationStoreFactory = (
  clock: ConversationContractClock,
) => RevocableConversationStore | Promise<RevocableConversationStore>;

/**
 * The contract every {@link ConversationStore} keeps, as a vitest suite: run it from a test file of
 * the implementation, `runConversationStoreContract('MyStore', (clock) => new MyStore({ now: clock.now }))`.
 * It checks unguessable handles, single-use redemption (also under concurrent takes), expiry,
 * deletion, revocation by principal, and that journals come back exactly as saved.
 */
export function runConversationStoreContract(
  name: string,
  factory: ConversationStoreFactory,
): void {
  describe(`ConversationStore contract: ${name}`, () => {
    const setup = async () => {
      let time = Date.now();
      const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
      const store = await factory(clock);
      // `null`: a conversation without a principal (an unauthenticated client).
      const entry = (
        journal: string,
        principal: string | null = 'ada',
        ttlMs = 60_000,
      ): StoredConversation => ({
        journal,
        principal: principal ?? undefined,
        expiresAt: clock.now() + ttlMs,
      });
      return { store, clock, entry };
    };

    it('gives each journal its own unguessable handle and returns the journal once', async () => {
      const { store, entry } = await setup();
      const [first, second, third] = await Promise.all(
        [1, 2, 3].map((n) => store.save(entry(`{"round":${String(n)}}`))),
      );
      expect(new Set([first, second, third]).size).toBe(3);
      for (const handle of [first, second, third]) expect(handle).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      await expect(store.take(String(second))).resolves.toBe('{"round":2}');
      await expect(store.take(String(second))).resolves.toBeUndefined();
      await expect(store.take(String(first))).resolves.toBe('{"round":1}');
    });

    it('lets exactly one of many concurrent takes have the journal', async () => {
      const { store, entry } = await setup();
      const handle = await store.save(entry('{"once":true}'));
      const taken = await Promise.all(Array.from({ length: 10 }, () => store.take(handle)));
      expect(taken.filter((journal) => journal !== undefined)).toEqual(['{"once":true}']);
    });

    it('returns journals exactly as saved, large and non-ASCII ones too', async () => {
      const { store, entry } = await setup();
      const journal = JSON.stringify({
        text: 'Zürich ✈ 東京 \u{1F600}',
        filler: 'x'.repeat(200_000),
      });
      await expect(store.take(await store.save(entry(journal)))).resolves.toBe(journal);
    });

    it('answers undefined, never an error, for a handle it does not know', async () => {
      const { store } = await setup();
      for (const handle of ['', 'nope', 'a'.repeat(5000), '../../etc', '*', '\u0000\n']) {
        await expect(store.take(handle)).resolves.toBeUndefined();
        await expect(store.delete(handle)).resolves.toBe(false);
      }
    });

    it('never returns a journal after its expiresAt', async () => {
      const { store, clock, entry } = await setup();
      const soon = await store.save(entry('{"a":1}', 'ada', 1000));
      const later = await store.save(entry('{"b":2}', 'ada', 5000));
      clock.advance(1000);
      await expect(store.take(soon)).resolves.toBeUndefined();
      await expect(store.take(later)).resolves.toBe('{"b":2}');
      const past = await store.save(entry('{"c":3}', 'ada', -1));
      await expect(store.take(past)).resolves.toBeUndefined();
    });

    it('revokes one journal with delete', async () => {
      const { store, entry } = await setup();
      const handle = await store.save(entry('{"a":1}'));
      await expect(store.delete(handle)).resolves.toBe(true);
      await expect(store.delete(handle)).resolves.toBe(false);
      await expect(store.take(handle)).resolves.toBeUndefined();
    });

    it('revokes every journal of a principal, and only those', async () => {
      const { store, entry } = await setup();
      const ada = await Promise.all([
        store.save(entry('{"ada":1}')),
        store.save(entry('{"ada":2}')),
      ]);
      const bob = await store.save(entry('{"bob":1}', 'bob'));
      const nobody = await store.save(entry('{"anon":1}', null));
      const taken = await store.save(entry('{"ada":3}'));
      await store.take(taken);
      await expect(Promise.resolve(store.revokePrincipal('ada'))).resolves.toBe(2);
      for (const handle of ada) await expect(store.take(handle)).resolves.toBeUndefined();
      await expect(store.take(bob)).resolves.toBe('{"bob":1}');
      await expect(store.take(nobody)).resolves.toBe('{"anon":1}');
      await expect(Promise.resolve(store.revokePrincipal('ada'))).resolves.toBe(0);
      await expect(Promise.resolve(store.revokePrincipal('nobody-at-all'))).resolves.toBe(0);
    });
  });
}
