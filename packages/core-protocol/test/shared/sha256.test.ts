// The synchronous SHA-256 behind question fingerprints: node:crypto where present, noble elsewhere,
// the same digest either way (fingerprints travel in sealed journals between instances).
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sha256 } from '../../src/shared/sha256.js';

describe('sha256', () => {
  it('gives the digest of noble (FIPS 180-4) for any input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        expect(Array.from(sha256(bytes))).toEqual(Array.from(nobleSha256(bytes)));
      }),
    );
    const abc = new TextEncoder().encode('abc');
    expect(Buffer.from(sha256(abc)).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
