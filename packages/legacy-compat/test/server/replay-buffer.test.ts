import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from '../../src/server/replay-buffer.js';

describe('ReplayBuffer', () => {
  it('returns only the events of the resumed stream after the given sequence number', () => {
    const buffer = new ReplayBuffer(10, 1000);
    buffer.add({ stream: 1, seq: 1, json: 'a' });
    buffer.add({ stream: 2, seq: 1, json: 'x' });
    buffer.add({ stream: 1, seq: 2, json: 'b' });
    buffer.add({ stream: 1, seq: 3, json: 'c' });
    expect(buffer.after(1, 1).map((event) => event.json)).toEqual(['b', 'c']);
    expect(buffer.after(2, 0).map((event) => event.json)).toEqual(['x']);
    expect(buffer.after(3, 0)).toEqual([]);
  });

  it('drops the oldest events beyond the count', () => {
    const buffer = new ReplayBuffer(3, 1000);
    for (let seq = 1; seq <= 200; seq += 1) buffer.add({ stream: 1, seq, json: String(seq) });
    expect(buffer.size).toBe(3);
    expect(buffer.after(1, 0).map((event) => event.json)).toEqual(['198', '199', '200']);
  });

  it('drops the oldest events beyond the size, and never keeps an event larger than the budget', () => {
    const buffer = new ReplayBuffer(100, 10);
    buffer.add({ stream: 1, seq: 1, json: '12345' });
    buffer.add({ stream: 1, seq: 2, json: '67890' });
    buffer.add({ stream: 1, seq: 3, json: 'abc' });
    expect(buffer.after(1, 0).map((event) => event.seq)).toEqual([2, 3]);
    buffer.add({ stream: 1, seq: 4, json: 'x'.repeat(11) });
    expect(buffer.after(1, 3)).toEqual([]);
    buffer.clear();
    expect(buffer.size).toBe(0);
  });
});
