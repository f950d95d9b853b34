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
