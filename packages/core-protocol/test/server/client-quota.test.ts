// The per-client quota and the load-shedding error of the memory budget (issue 12).
import { describe, expect, it } from 'vitest';
import { ClientQuota, clientKey, overloaded, overloadOf } from '../../src/index.js';

describe('clientKey', () => {
  it('counts the principal first, then the peer address, else nobody', () => {
    expect(clientKey({ principal: 'ada' }, '10.0.0.1')).toBe('principal:ada');
    expect(clientKey(undefined, '10.0.0.1')).toBe('peer:10.0.0.1');
    expect(clientKey(undefined, undefined)).toBeUndefined();
    // A principal named like an address is not that address.
    expect(clientKey({ principal: '10.0.0.1' }, undefined)).not.toBe(clientKey(undefined, '10.0.0.1'));
  });
});

describe('ClientQuota', () => {
  it('gives each client its limit, takes slots back, and forgets clients that hold none', () => {
    const quota = new ClientQuota(2);
    expect([quota.take('a'), quota.take('a'), quota.take('a')]).toEqual([true, true, false]);
    expect(quota.take('b')).toBe(true);
    quota.release('a');
    expect(quota.count('a')).toBe(1);
    expect(quota.take('a')).toBe(true);
    quota.release('b');
    quota.release('b');
    expect(quota.count('b')).toBe(0);
  });

  it('never limits a client without a key', () => {
    const quota = new ClientQuota(1);
    expect([quota.take(undefined), quota.take(undefined)]).toEqual([true, true]);
    expect(quota.count(undefined)).toBe(0);
  });
});

describe('overloaded and overloadOf', () => {
  it('round-trips the retry advice through the wire form', () => {
    const wire = overloaded('busy', { retryAfterSeconds: 5, limit: 'client' }).toJson();
    expect(wire).toEqual({ code: -32603, message: 'busy', data: { retryAfterSeconds: 5, limit: 'client' } });
    expect(overloadOf(wire)).toEqual({ retryAfterSeconds: 5, limit: 'client' });
  });

  it('reads nothing from other errors', () => {
    const plain: { code: number; message: string } = { code: -32603, message: 'x' };
    expect(overloadOf(plain)).toBeUndefined();
    expect(overloadOf({ code: -32602, data: { retryAfterSeconds: 5, limit: 'client' } })).toBeUndefined();
    expect(overloadOf({ code: -32603, data: { retryAfterSeconds: '5', limit: 'client' } })).toBeUndefined();
    expect(overloadOf({ code: -32603, data: { retryAfterSeconds: 5, limit: 'everyone' } })).toBeUndefined();
  });
});
