import { describe, expect, it } from 'vitest';
import { readLimit } from '../src/options.js';
import { DEFAULT_HTTP_LIMITS } from '../src/index.js';
import { SdkError } from '@tern/jsonrpc';

describe('DEFAULT_HTTP_LIMITS', () => {
  it('gives every limit a default', () => {
    expect(DEFAULT_HTTP_LIMITS).toEqual({
      maxBodyBytes: 4_194_304,
      keepAliveMs: 15_000,
      maxQueuedEvents: 1000,
      maxQueuedBytes: 8_388_608,
    });
  });
});

describe('readLimit', () => {
  it('uses the default when the option is absent', () => {
    expect(readLimit({}, 'maxBodyBytes', 1)).toBe(4_194_304);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d for a size', (value) => {
    expect(() => readLimit({ maxBodyBytes: value }, 'maxBodyBytes', 1)).toThrow(SdkError);
  });

  it('accepts 0 where 0 turns the feature off', () => {
    expect(readLimit({ keepAliveMs: 0 }, 'keepAliveMs', 0)).toBe(0);
  });
});
