// InMemoryChangeBus: carries change events to listen streams.
import { describe, expect, it } from 'vitest';
import { InMemoryChangeBus } from '../../src/index.js';
import type { ChangeEvent } from '../../src/index.js';

describe('InMemoryChangeBus', () => {
  it('delivers every event to every subscriber until it unsubscribes', () => {
    const bus = new InMemoryChangeBus();
    const first: ChangeEvent[] = [];
    const second: ChangeEvent[] = [];
    const stopFirst = bus.subscribe((event) => first.push(event));
    bus.subscribe((event) => second.push(event));
    expect(bus.size).toBe(2);
    bus.publish({ type: 'tools/list_changed' });
    stopFirst();
    bus.publish({ type: 'resources/updated', uri: 'mem://a' });
    expect(first).toEqual([{ type: 'tools/list_changed' }]);
    expect(second).toEqual([
      { type: 'tools/list_changed' },
      { type: 'resources/updated', uri: 'mem://a' },
    ]);
    expect(bus.size).toBe(1);
  });

  it('lets a subscriber unsubscribe while an event is being delivered', () => {
    const bus = new InMemoryChangeBus();
    const seen: string[] = [];
    const stop = bus.subscribe(() => {
      seen.push('a');
      stop();
    });
    bus.subscribe(() => seen.push('b'));
    bus.publish({ type: 'prompts/list_changed' });
    bus.publish({ type: 'prompts/list_changed' });
    expect(seen).toEqual(['a', 'b', 'b']);
  });
});

describe('InMemoryChangeBus: its resumption window', () => {
  const cursors = (bus: InMemoryChangeBus): string[] => {
    const seen: string[] = [];
    void bus.listen((delivery) => seen.push(String(delivery.cursor)));
    return seen;
  };

  it('forgets events older than retentionMs, so a cursor before them gets refetch', async () => {
    let time = 0;
    const bus = new InMemoryChangeBus({ retentionMs: 1000, now: () => time });
    const seen = cursors(bus);
    bus.publish({ type: 'tools/list_changed' });
    time = 500;
    bus.publish({ type: 'tools/list_changed' });
    time = 1200;
    await expect(bus.listen(() => undefined, { after: seen[0] })).resolves.toMatchObject({ start: 'replayed' });
    time = 1600;
    await expect(bus.listen(() => undefined, { after: seen[0] })).resolves.toMatchObject({ start: 'refetch' });
    await expect(bus.listen(() => undefined, { after: seen[1] })).resolves.toMatchObject({ start: 'replayed' });
  });

  it('bounds what it keeps by bytes too: large URIs shorten the window', async () => {
    const bus = new InMemoryChangeBus({ maxRetainedBytes: 10_000 });
    const seen = cursors(bus);
    for (let n = 0; n < 4; n += 1) bus.publish({ type: 'resources/updated', uri: `mem://${'x'.repeat(4000)}/${String(n)}` });
    await expect(bus.listen(() => undefined, { after: seen[0] })).resolves.toMatchObject({ start: 'refetch' });
    const replayed: unknown[] = [];
    await expect(bus.listen((delivery) => replayed.push(delivery), { after: seen[1] })).resolves.toMatchObject({ start: 'replayed' });
    expect(replayed).toHaveLength(2);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => new InMemoryChangeBus({ maxRetainedEvents: 0 })).toThrow(RangeError);
    expect(() => new InMemoryChangeBus({ retentionMs: 1.5 })).toThrow(RangeError);
    expect(() => new InMemoryChangeBus({ maxRetainedBytes: -1 })).toThrow(RangeError);
  });
});
