// The suites that read ../shared (schema parity, examples) fail when it is missing, on any
// machine: they never skip themselves (issue "Conversation core v2", last item).
import { describe, expect, it } from 'vitest';
import { requireSharedRevision, sharedSchemaDir } from './helpers/shared-schema.js';

describe('requireSharedRevision', () => {
  it('throws, naming the file it looked for, when a revision is missing', () => {
    expect(() => requireSharedRevision('1999-01-01')).toThrow(
      `${sharedSchemaDir}/1999-01-01/schema.json is missing`,
    );
  });

  it('passes for the revisions the suites read', () => {
    expect(() => requireSharedRevision('2026-07-28')).not.toThrow();
    expect(() => requireSharedRevision('2025-11-25')).not.toThrow();
  });
});
