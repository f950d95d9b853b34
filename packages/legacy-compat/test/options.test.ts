// `@tern/legacy-compat/options`: the layer's options and the era memory without the layer, the
// same functions as the other entries (a transport may mix them).
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as kit from '../src/kit.js';
import * as options from '../src/options.js';

describe('@tern/legacy-compat/options', () => {
  it('exports resolveLegacyOptions, InMemoryEraStore and the era probe rules, the same as kit and the main entry', () => {
    expect(Object.keys(options).sort()).toEqual([
      'InMemoryEraStore',
      'MODERN_ERROR_CODES',
      'discoverProbeFor',
      'isModernDiscoverResult',
      'resolveLegacyOptions',
    ]);
    expect(options.resolveLegacyOptions).toBe(kit.resolveLegacyOptions);
    expect(options.InMemoryEraStore).toBe(main.InMemoryEraStore);
  });

  it('builds the probe from the request and takes only a result that lists a modern version', () => {
    const probe = options.discoverProbeFor(
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } },
      'probe',
    );
    expect(probe).toMatchObject({ id: 'probe', method: 'server/discover' });
    expect(options.isModernDiscoverResult({ supportedVersions: ['2026-07-28'] })).toBe(true);
    expect(options.isModernDiscoverResult({ supportedVersions: ['2025-11-25'] })).toBe(false);
    expect(options.MODERN_ERROR_CODES.has(-32022)).toBe(true);
  });

  it('resolves the defaults and refuses a bad limit', () => {
    expect(options.resolveLegacyOptions({}).versions).toContain('2025-11-25');
    expect(() => options.resolveLegacyOptions({ maxSessions: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_USAGE' }),
    );
  });
});
