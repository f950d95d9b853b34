import { describe, expect, it } from 'vitest';
import { eventId, parseEventId } from '../../src/server/event-stream.js';
import { askNode } from '../../src/server/session-backplane.js';

describe('ids that name an instance (SessionBackplane)', () => {
  it('reads the instance out of an ask id, and nothing out of a plain one', () => {
    expect(askNode('node-B~7')).toBe('node-B');
    expect(askNode('a~b~3')).toBe('a~b');
    expect(askNode(7)).toBeUndefined();
    expect(askNode('7')).toBeUndefined();
    expect(askNode('~7')).toBeUndefined();
    expect(askNode(null)).toBeUndefined();
  });

  it('writes event ids with the instance only when instances share sessions, and reads both back', () => {
    expect(eventId(3, 7)).toBe('3-7');
    expect(eventId(3, 7, 'node-B')).toBe('node-B~3-7');
    expect(parseEventId('3-7')).toEqual({ node: undefined, stream: 3, seq: 7 });
    expect(parseEventId(' node-B~3-7 ')).toEqual({ node: 'node-B', stream: 3, seq: 7 });
    expect(parseEventId('node B~3-7')).toBeUndefined();
    expect(parseEventId(`${'n'.repeat(65)}~3-7`)).toBeUndefined();
    expect(parseEventId('node-B~3')).toBeUndefined();
  });
});
