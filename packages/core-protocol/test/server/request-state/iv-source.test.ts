// IVs of AES-GCM must never repeat under one key (requirements.md #59: integrity of requestState).
import { describe, expect, it } from 'vitest';

import { IV_BYTES, nextIv } from '../../../src/server/request-state/iv-source.js';

describe('nextIv', () => {
  it('hands out distinct 96-bit IVs across several pool refills, and never rewrites one', () => {
    const seen = new Set<string>();
    const handedOut: { iv: Uint8Array; bytes: string }[] = [];
    const count = 2000; // about six refills of the pool
    for (let index = 0; index < count; index += 1) {
      const iv = nextIv();
      expect(iv).toHaveLength(IV_BYTES);
      const bytes = Array.from(iv).join(',');
      seen.add(bytes);
      handedOut.push({ iv, bytes });
    }
    expect(seen.size).toBe(count);
    // IVs are views of their pool: a refill makes a new pool, so no IV changes after it is given.
    for (const { iv, bytes } of handedOut) expect(Array.from(iv).join(',')).toBe(bytes);
  });
});
