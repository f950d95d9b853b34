// IVs of AES-GCM must never repeat under one key (requirements.md #59: integrity of requestState).
import { describe, expect, it } from 'vitest';

import { IV_BYTES, nextIv } from '../../../src/server/request-state/iv-source.js';

describe('nextIv', () => {
  it('hands out distinct 96-bit IVs across several pool refills, each its own copy', () => {
    const seen = new Set<string>();
    const count = 2000; // about six refills of the pool
    for (let index = 0; index < count; index += 1) {
      const iv = nextIv();
      expect(iv).toHaveLength(IV_BYTES);
      expect(iv.buffer.byteLength).toBe(IV_BYTES); // not a view of the pool
      seen.add(Array.from(iv).join(','));
    }
    expect(seen.size).toBe(count);
  });
});
