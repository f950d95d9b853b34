import { describe, expect, it } from 'vitest';
import { check, jsonEqual, valueAt } from '../../src/script/checks.js';
import { ScriptError, interpolate } from '../../src/script/script-file.js';

const result = {
  structuredContent: { offers: [{ to: 'LIS' }, { to: 'OPO' }] },
  _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'desk' } },
};

describe('valueAt', () => {
  it('follows dotted paths, array indexes, lengths and quoted keys', () => {
    expect(valueAt(result, 'structuredContent.offers.1.to')).toBe('OPO');
    expect(valueAt(result, 'structuredContent.offers.length')).toBe(2);
    expect(valueAt(result, '_meta["io.modelcontextprotocol/serverInfo"].name')).toBe('desk');
    expect(valueAt(result, 'structuredContent.missing.deeper')).toBeUndefined();
  });
});

describe('jsonEqual', () => {
  it('compares JSON values by structure', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});

describe('check', () => {
  it('reports every expectation that does not hold', async () => {
    const verdict = await check(
      { rounds: 2, text: ['Booked', 'Lisbon'], values: { 'structuredContent.offers.0.to': 'LIS' } },
      { result, text: 'Booked TRP-1001', isError: false, rounds: 1, progress: 0, listed: [] },
    );
    expect(verdict.failed).toEqual(['expected 2 rounds of input, saw 1', 'text lacks "Lisbon"']);
  });

  it('quotes fragments that hold double quotes with single ones, and counts in words', async () => {
    const verdict = await check(
      { rounds: 1, text: ['"id": "TRP-1001"'] },
      { result, text: '{ "id": "TRP-1001" }', isError: false, rounds: 1, progress: 0, listed: [] },
    );
    expect(verdict.passed).toEqual(['1 round of input, 2 requests', `text has '"id": "TRP-1001"'`]);
  });

  it('fails an error result unless an error is expected', async () => {
    const seen = {
      result,
      text: 'No such booking',
      isError: true,
      rounds: 0,
      progress: 0,
      listed: [],
    };
    expect((await check({}, seen)).failed).toEqual(['unexpected error result: No such booking']);
    expect((await check({ isError: true }, seen)).failed).toEqual([]);
  });
});

describe('interpolate', () => {
  it('replaces ${name} everywhere and refuses unknown names', () => {
    const variables = new Map([['bookingId', 'TRP-1001']]);
    expect(
      interpolate({ uri: 'trips://bookings/${bookingId}', list: ['${bookingId}'] }, variables),
    ).toEqual({
      uri: 'trips://bookings/TRP-1001',
      list: ['TRP-1001'],
    });
    expect(() => interpolate('${nope}', variables)).toThrow(ScriptError);
  });
});
