// The suites that read ../shared (schema parity, examples) must fail in CI when it is missing,
// never skip themselves (issue "Conversation core v2", last item).
import process from 'node:process';
import { afterEach, describe, expect, it } from 'vitest';
import { hasSharedRevision, isCi } from './helpers/shared-schema.js';

const saved = process.env['CI'];

afterEach(() => {
  if (saved === undefined) delete process.env['CI'];
  else process.env['CI'] = saved;
});

describe('hasSharedRevision', () => {
  it('throws under CI=true when a revision is missing, so CI cannot pass without the schemas', () => {
    process.env['CI'] = 'true';
    expect(() => hasSharedRevision('1999-01-01')).toThrow(/missing; under CI=true the schema suites must run/);
  });

  it('lets a developer run without ../shared skip (and say so)', () => {
    delete process.env['CI'];
    expect(hasSharedRevision('1999-01-01')).toBe(false);
  });

  it('reads the usual spellings of CI', () => {
    expect(['true', '1', 'yes'].map(isCi)).toEqual([true, true, true]);
    expect([undefined, '', '0', 'false', 'FALSE'].map(isCi)).toEqual([false, false, false, false, false]);
  });
});
