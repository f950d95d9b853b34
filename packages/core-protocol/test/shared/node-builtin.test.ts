// Runtime detection of Node built-ins: where `process.getBuiltinModule` is missing or refuses, the
// core answers `undefined` and falls back to web-standard code (browsers, edge runtimes).
import { afterEach, describe, expect, it, vi } from 'vitest';

import { nodeBuiltin } from '../../src/shared/node-builtin.js';

const hasCipher = (module: { createCipheriv?: unknown }): boolean =>
  typeof module.createCipheriv === 'function';

describe('nodeBuiltin', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('finds node:crypto on Node', () => {
    expect(nodeBuiltin('node:crypto', hasCipher)).toBeDefined();
  });

  it('answers undefined without process, without getBuiltinModule, when it throws, or when the module lacks what is needed', () => {
    vi.stubGlobal('process', undefined);
    expect(nodeBuiltin('node:crypto', hasCipher)).toBeUndefined();
    vi.stubGlobal('process', {});
    expect(nodeBuiltin('node:crypto', hasCipher)).toBeUndefined();
    vi.stubGlobal('process', {
      getBuiltinModule: () => {
        throw new Error('not allowed here');
      },
    });
    expect(nodeBuiltin('node:crypto', hasCipher)).toBeUndefined();
    vi.stubGlobal('process', { getBuiltinModule: () => ({}) });
    expect(nodeBuiltin('node:crypto', hasCipher)).toBeUndefined();
  });
});
