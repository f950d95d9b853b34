// The one line each conformance leg prints for its scored scenarios (lib/describe-scored.mjs, used
// by run.mjs and scripts/summarize-tests.mjs): "7/32" must say what the other 25 are.
import { describe, expect, it } from 'vitest';
import { describeScored } from '../lib/describe-scored.mjs';
import { evaluate } from '../lib/results.mjs';

const pass = [{ id: 'check', status: 'SUCCESS' }];
const failure = [{ id: 'check', status: 'FAILURE', errorMessage: 'no token' }];
const names = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);

describe('describeScored', () => {
  it('names the known gaps and their count when they are all that failed (the 7/32 of issue 14)', () => {
    const known = names('auth/scenario', 25);
    expect(describeScored({ scenarios: 32, passed: 7, knownFailures: known })).toBe(
      '7/32 scored scenarios passed; the other 25 are known gaps listed in the baseline: 25 auth/* (OAuth authorization)',
    );
  });

  it('counts each family of known gaps, and the failures that are not known', () => {
    const known = [...names('auth/a', 3), 'tools-call-error', ...names('auth/b', 2)];
    expect(describeScored({ scenarios: 20, passed: 12, knownFailures: known })).toBe(
      '12/20 scored scenarios passed; 6 are known gaps listed in the baseline: 5 auth/* (OAuth authorization), 1 tools-call-error/*; 2 failed unexpectedly',
    );
  });

  it('says plainly when nothing is known and something failed', () => {
    expect(describeScored({ scenarios: 10, passed: 8, knownFailures: [] })).toBe(
      '8/10 scored scenarios passed; 2 failed unexpectedly',
    );
  });

  it('is just the figure when every scored scenario passed (an old summary without the list too)', () => {
    expect(describeScored({ scenarios: 37, passed: 37, knownFailures: [] })).toBe(
      '37/37 scored scenarios passed',
    );
    expect(describeScored({ scenarios: 37, passed: 37 })).toBe('37/37 scored scenarios passed');
  });
});

describe('the scored line of a leg, from its results and baseline', () => {
  it('lists as known gaps the failing scenarios the baseline names whole, and no others', () => {
    const passing = names('tools-call', 7);
    const auth = names('auth/metadata', 25);
    const report = evaluate({
      leg: 'client',
      revision: '2026-07-28',
      requirements: { client: [...passing, ...auth, 'ping'] },
      baseline: auth.map((scenario) => ({ text: scenario, scenario })),
      results: new Map([
        ...passing.map((scenario) => [scenario, pass]),
        ...auth.map((scenario) => [scenario, failure]),
        ['ping', failure],
      ]),
      targetedPending: [],
      suiteVersion: '0.2.0-alpha.12',
    });
    expect(report.scored.knownFailures).toEqual(auth);
    expect(report.unexpected).toEqual(['ping:check']);
    expect(describeScored(report.scored)).toBe(
      '7/33 scored scenarios passed; 25 are known gaps listed in the baseline: 25 auth/* (OAuth authorization); 1 failed unexpectedly',
    );
  });
});
