import { describe, expect, it, vi } from 'vitest';
import type {
  ChangeBus,
  ChangeDelivery,
  ChangeEvent,
  ChangeSubscription,
} from '../../server/change-bus.js';

/** What {@link runChangeBusContract} needs for one test: instances of a bus over one backend. */
export interface ChangeBusContractSetup {
  /**
   * Another instance of the bus (another process in production). A bus with nothing shared may
   * return the same object every time; a distributed one returns a new bus on the same backend.
   */
  instance(): Promise<ChangeBus>;
  /** Closes what the setup opened. */
  dispose(): Promise<void>;
}

/**
 * Builds a fresh, empty backend for one test, whose buses keep at most `maxRetainedEvents` events
 * for resumption (and keep them longer than the test runs).
 */
export type ChangeBusContractFactory = (options: {
  maxRetainedEvents: number;
}) => Promise<ChangeBusContractSetup>;

const RETAINED = 5;
const updated = (n: number): ChangeEvent => ({
  type: 'resources/updated',
  uri: `contract://item/${String(n)}`,
});
const numberOf = (delivery: ChangeDelivery): number =>
  delivery.kind === 'event' && delivery.event.type === 'resources/updated'
    ? Number(delivery.event.uri.split('/').pop())
    : -1;

/** A listener that records deliveries. */
function recorder(): {
  deliveries: ChangeDelivery[];
  listener: (delivery: ChangeDelivery) => void;
  numbers: () => number[];
} {
  const deliveries: ChangeDelivery[] = [];
  return {
    deliveries,
    listener: (delivery) => deliveries.push(delivery),
    numbers: () => deliveries.map(numberOf).filter((n) => n > 0),
  };
}

async function publishAll(bus: ChangeBus, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n += 1) await bus.publish(updated(n));
}

function cursorAt(recorded: { deliveries: ChangeDelivery[] }, index: number): string {
  const cursor = recorded.deliveries[index]?.cursor;
  if (cursor === undefined)
    throw new Error(`runChangeBusContract: delivery ${String(index)} has no cursor`);
  return cursor;
}

type Listen = (
  bus: ChangeBus,
  listener: (delivery: ChangeDelivery) => void,
  after?: string,
) => Promise<ChangeSubscription>;

function listenOf(bus: ChangeBus): NonNullable<ChangeBus['listen']> {
  if (bus.listen === undefined)
    throw new Error('runChangeBusContract: the bus has no listen(); it cannot resume');
  return bus.listen.bind(bus);
}

/**
 * The contract every resumable {@link ChangeBus} keeps, as a vitest suite: run it from a test file
 * of the implementation, `runChangeBusContract('MyBus', async ({ maxRetainedEvents }) => ...)`. It
 * checks fan-out to every instance in publish order, cursors, resumption on another instance
 * without gaps or repeats (also while events are being published), and the plain refetch answer
 * past the retention window or for a cursor the bus does not know.
 */
export function runChangeBusContract(name: string, factory: ChangeBusContractFactory): void {
  describe(`ChangeBus contract: ${name}`, () => {
    const withBuses = async (
      test: (instance: () => Promise<ChangeBus>, listen: Listen) => Promise<void>,
    ): Promise<void> => {
      const setup = await factory({ maxRetainedEvents: RETAINED });
      const open: ChangeSubscription[] = [];
      const listen: Listen = async (bus, listener, after) => {
        const subscription = await listenOf(bus)(listener, after === undefined ? {} : { after });
        open.push(subscription);
        return subscription;
      };
      try {
        await test(() => setup.instance(), listen);
      } finally {
        for (const subscription of open) subscription.close();
        await setup.dispose();
      }
    };

    it('delivers every event to listen and subscribe listeners of every instance, in publish order, with distinct cursors', () =>
      withBuses(async (instance, listen) => {
        const [a, b] = [await instance(), await instance()];
        const onA = recorder();
        const onB = recorder();
        const plain: ChangeEvent[] = [];
        expect((await listen(a, onA.listener)).start).toBe('live');
        await listen(b, onB.listener);
        const stop = b.subscribe((event) => plain.push(event));
        await vi.waitFor(async () => {
          // A distributed bus may take a moment to hear its first publication.
          await a.publish({ type: 'tools/list_changed' });
          expect(plain.length).toBeGreaterThan(0);
        });
        await publishAll(a, 1, 3);
        await vi.waitFor(() => expect(onB.numbers()).toEqual([1, 2, 3]));
        await vi.waitFor(() => expect(onA.numbers()).toEqual([1, 2, 3]));
        const cursors = onB.deliveries.map((delivery) => delivery.cursor);
        expect(new Set(cursors).size).toBe(cursors.length);
        expect(cursors.every((cursor) => typeof cursor === 'string' && cursor.length > 0)).toBe(
          true,
        );
        stop();
        const seen = plain.length;
        await a.publish(updated(4));
        await vi.waitFor(() => expect(onB.numbers().at(-1)).toBe(4));
        expect(plain).toHaveLength(seen);
      }));

    it('resumes on another instance after a cursor: exactly the later events, then live ones', () =>
      withBuses(async (instance, listen) => {
        const [a, b] = [await instance(), await instance()];
        const first = recorder();
        const subscription = await listen(a, first.listener);
        await publishAll(a, 1, 2);
        await vi.waitFor(() => expect(first.numbers()).toEqual([1, 2]));
        subscription.close();
        await publishAll(b, 3, 4);
        const resumed = recorder();
        const again = await listen(b, resumed.listener, cursorAt(first, 1));
        expect(again.start).toBe('replayed');
        expect(again.head).toBe(cursorAt(first, 1));
        await publishAll(a, 5, 5);
        await vi.waitFor(() => expect(resumed.numbers()).toEqual([3, 4, 5]));
        expect(first.numbers()).toEqual([1, 2]);
      }));

    it('resumes from the head of a subscription that heard nothing', () =>
      withBuses(async (instance, listen) => {
        const [a, b] = [await instance(), await instance()];
        await publishAll(a, 1, 1);
        const quiet = await listen(a, () => undefined);
        expect(quiet.head).toEqual(expect.any(String));
        quiet.close();
        await publishAll(a, 2, 3);
        const resumed = recorder();
        expect((await listen(b, resumed.listener, String(quiet.head))).start).toBe('replayed');
        await vi.waitFor(() => expect(resumed.numbers()).toEqual([2, 3]));
      }));

    it('misses nothing and repeats nothing when events are published while it resumes', () =>
      withBuses(async (instance, listen) => {
        const [a, b] = [await instance(), await instance()];
        const first = recorder();
        await listen(a, first.listener);
        await publishAll(a, 1, 1);
        await vi.waitFor(() => expect(first.numbers()).toEqual([1]));
        const resumed = recorder();
        const publishing = publishAll(a, 2, 5);
        await listen(b, resumed.listener, cursorAt(first, 0));
        await publishing;
        await vi.waitFor(() => expect(resumed.numbers()).toEqual([2, 3, 4, 5]));
      }));

    it(`says plainly to refetch past the retention window (${String(RETAINED)} events here), not before`, () =>
      withBuses(async (instance, listen) => {
        const [a, b] = [await instance(), await instance()];
        const first = recorder();
        await listen(a, first.listener);
        await publishAll(a, 1, RETAINED + 2);
        await vi.waitFor(() => expect(first.deliveries).toHaveLength(RETAINED + 2));
        const late = recorder();
        const refetch = await listen(b, late.listener, cursorAt(first, 0));
        expect(refetch.start).toBe('refetch');
        expect(refetch.head).toEqual(expect.any(String));
        const inWindow = recorder();
        const replayed = await listen(b, inWindow.listener, cursorAt(first, 2));
        expect(replayed.start).toBe('replayed');
        await vi.waitFor(() => expect(inWindow.numbers()).toEqual([4, 5, 6, 7]));
        // A refetch subscription goes on live from where the bus stands.
        await publishAll(a, RETAINED + 3, RETAINED + 3);
        await vi.waitFor(() => expect(late.numbers()).toEqual([RETAINED + 3]));
      }));

    it('answers refetch, never an error, for a cursor it does not know', () =>
      withBuses(async (instance, listen) => {
        const bus = await instance();
        await publishAll(bus, 1, 1);
        for (const after of ['nonsense', '0', 'x.1', '99999999999999-0', '\u0000']) {
          expect((await listen(bus, () => undefined, after)).start).toBe('refetch');
        }
      }));

    it('stops delivering to a closed subscription', () =>
      withBuses(async (instance, listen) => {
        const bus = await instance();
        const closed = recorder();
        const open = recorder();
        const subscription = await listen(bus, closed.listener);
        await listen(bus, open.listener);
        subscription.close();
        await publishAll(bus, 1, 2);
        await vi.waitFor(() => expect(open.numbers()).toEqual([1, 2]));
        expect(closed.deliveries).toEqual([]);
      }));
  });
}
