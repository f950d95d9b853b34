import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonRpcId, RequestIdAllocator, SdkError } from '../src/index.js';

const max = Number.MAX_SAFE_INTEGER;

describe('RequestIdAllocator', () => {
  it('counts up from 1 when no start is given', () => {
    const ids = new RequestIdAllocator();
    expect([ids.next(), ids.next(), ids.next()]).toEqual([1, 2, 3]);
  });

  it('tracks ids in flight until they are released', () => {
    const ids = new RequestIdAllocator();
    const first = ids.next();
    const second = ids.next();
    expect(ids.inFlightCount).toBe(2);
    expect(ids.isInFlight(first)).toBe(true);
    expect(ids.release(first)).toBe(true);
    expect(ids.isInFlight(first)).toBe(false);
    expect(ids.isInFlight(second)).toBe(true);
    expect(ids.inFlightCount).toBe(1);
  });

  it('returns false when releasing an id that is not in flight', () => {
    const ids = new RequestIdAllocator();
    const id = ids.next();
    expect(ids.release(id)).toBe(true);
    expect(ids.release(id)).toBe(false);
    expect(ids.release(999)).toBe(false);
    expect(ids.release('1')).toBe(false);
    expect(ids.isInFlight('1')).toBe(false);
  });

  it('does not reuse a released id before the counter wraps', () => {
    const ids = new RequestIdAllocator();
    const id = ids.next();
    ids.release(id);
    expect(ids.next()).not.toBe(id);
  });

  it('hands out Number.MAX_SAFE_INTEGER and then wraps to 1', () => {
    const ids = new RequestIdAllocator({ start: max - 1 });
    expect([ids.next(), ids.next(), ids.next()]).toEqual([max - 1, max, 1]);
  });

  it('skips ids still in flight when the counter wraps (requirements.md #4)', () => {
    const ids = new RequestIdAllocator({ maxId: 5 });
    expect([1, 2, 3, 4, 5].map(() => ids.next())).toEqual([1, 2, 3, 4, 5]);
    ids.release(2);
    ids.release(4);
    expect([ids.next(), ids.next()]).toEqual([2, 4]);
    ids.release(1);
    expect(ids.next()).toBe(1);
  });

  it('throws RangeError when every id up to maxId is in flight', () => {
    const ids = new RequestIdAllocator({ maxId: 2 });
    ids.next();
    ids.next();
    expect(() => ids.next()).toThrow(RangeError);
    ids.release(1);
    expect(ids.next()).toBe(1);
  });

  it('refuses a start or maxId that is not a safe integer in range', () => {
    for (const start of [0, -1, 1.5, max + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RequestIdAllocator({ start })).toThrow(SdkError);
    }
    for (const maxId of [0, -1, 2.5, max + 1, Number.NaN]) {
      expect(() => new RequestIdAllocator({ maxId })).toThrow(SdkError);
    }
    expect(() => new RequestIdAllocator({ start: 6, maxId: 5 })).toThrow(SdkError);
  });

  it('never returns an id in flight when random next/release sequences wrap around', () => {
    const operation = fc.oneof(
      fc.constant<'next'>('next'),
      fc.nat({ max: 50 }).map((pick) => ({ release: pick })),
    );
    // Either a tiny id space that wraps many times, or the real one started just below its top.
    const config = fc.oneof(
      fc
        .integer({ min: 1, max: 12 })
        .chain((maxId) =>
          fc.record({ maxId: fc.constant(maxId), start: fc.integer({ min: 1, max: maxId }) }),
        ),
      fc.record({ maxId: fc.constant(max), start: fc.integer({ min: max - 20, max }) }),
    );
    fc.assert(
      fc.property(
        config,
        fc.array(operation, { maxLength: 200 }),
        ({ maxId, start }, operations) => {
          const ids = new RequestIdAllocator({ start, maxId });
          const model = new Set<number>();
          for (const op of operations) {
            if (op === 'next' && model.size === maxId) {
              expect(() => ids.next()).toThrow(RangeError);
            } else if (op === 'next') {
              const id = ids.next();
              expect(model.has(id)).toBe(false);
              expect(isJsonRpcId(id) && id >= 1 && id <= maxId).toBe(true);
              model.add(id);
            } else if (model.size > 0) {
              const victim = [...model][op.release % model.size] ?? 0;
              expect(ids.release(victim)).toBe(true);
              model.delete(victim);
            }
            expect(ids.inFlightCount).toBe(model.size);
          }
          for (const id of model) {
            expect(ids.isInFlight(id)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
