// `@tern/legacy-compat/options`: the layer's options and the era memory without the layer, the
// same functions as the other entries (a transport may mix them).
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as kit from '../src/kit.js';
import * as options from '../src/options.js';

describe('@tern/legacy-compat/options', () => {
  it('exports resolveLegacyOptions and InMemoryEraStore, the same as kit and the main entry', () => {
    expect(Object.keys(options).sort()).toEqual(['InMemoryEraStore', 'resolveLegacyOptions']);
    expect(options.resolveLegacyOptions).toBe(kit.resolveLegacyOptions);
    expect(options.InMemoryEraStore).toBe(main.InMemoryEraStore);
  });

  it('resolves the defaults and refuses a bad limit', () => {
    expect(options.resolveLegacyOptions({}).versions).toContain('2025-11-25');
    expect(() => options.resolveLegacyOptions({ maxSessions: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_USAGE' }),
    );
  });
});
