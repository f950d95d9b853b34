// The budget of memory held by pending server-to-client asks (issue 12, attack 2).
import { describe, expect, it } from 'vitest';
import { AskBudget } from '../../src/server/ask-budget.js';

describe('AskBudget', () => {
  it('refuses a client past its share and everyone past the total, charging nothing then', () => {
    const budget = new AskBudget(100, 150);
    expect(budget.take('a', 80)).toBeUndefined();
    expect(budget.take('a', 30)).toBe('client');
    expect(budget.take('b', 60)).toBeUndefined();
    expect(budget.take('c', 20)).toBe('server');
    expect(budget.total).toBe(140);
    budget.release('a', 80);
    expect(budget.take('c', 20)).toBeUndefined();
    expect(budget.total).toBe(80);
  });

  it('charges a client without a key to the total only', () => {
    const budget = new AskBudget(10, 100);
    expect(budget.take(undefined, 50)).toBeUndefined();
    expect(budget.take(undefined, 50)).toBeUndefined();
    expect(budget.take(undefined, 1)).toBe('server');
    budget.release(undefined, 100);
    expect(budget.total).toBe(0);
  });
});
