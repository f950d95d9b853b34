import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as legacy from '../src/legacy/index.js';
import * as modern from '../src/index.js';

describe('@tern/schema', () => {
  it('keeps legacy-only definitions out of the root entry point', () => {
    const names = Object.keys(modern);
    for (const name of [
      'InitializeRequestSchema',
      'PingRequestSchema',
      'legacyMethodMap',
      'ServerRequestSchema',
    ]) {
      expect(names).not.toContain(name);
    }
    expect(
      names.some((name) => name.startsWith('Legacy') && name !== 'LegacyTitledEnumSchemaSchema'),
    ).toBe(false);
  });

  it('does not export the internal builders', () => {
    for (const name of [
      'createRequestSchema',
      'openObjectSchema',
      'completeResultShape',
      'jsonRpcVersionSchema',
    ]) {
      expect(Object.keys(modern)).not.toContain(name);
      expect(Object.keys(legacy)).not.toContain(name);
    }
  });

  it('exports only Zod schemas under names ending in Schema', () => {
    for (const [name, value] of [...Object.entries(modern), ...Object.entries(legacy)]) {
      if (name.endsWith('Schema')) expect(value, name).toBeInstanceOf(z.core.$ZodType);
    }
  });
});
