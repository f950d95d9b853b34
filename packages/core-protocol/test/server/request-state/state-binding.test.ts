// The associated data that binds a token to its server, purpose and request (requirements.md #60):
// written out by hand for speed, it must stay byte for byte the canonical JSON every ts2 token
// was sealed with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { associatedData, checkBinding } from '../../../src/server/request-state/state-binding.js';
import { utf8Decode } from '../../../src/shared/base64.js';
import { canonicalJson } from '../../../src/shared/canonical-json.js';

describe('associatedData', () => {
  it('is the canonical JSON of the binding, for any strings and with or without a principal', () => {
    fc.assert(
      fc.property(
        fc.record({
          keyId: fc.string(),
          purpose: fc.string(),
          audience: fc.string({ unit: 'binary' }),
          principal: fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
          method: fc.string(),
          target: fc.string({ unit: 'binary' }),
          argumentsDigest: fc.string({ unit: 'binary' }),
        }),
        ({ keyId, purpose, audience, principal, method, target, argumentsDigest }) => {
          const binding = {
            method,
            target,
            argumentsDigest,
            ...(principal === undefined ? {} : { principal }),
          };
          const written = utf8Decode(
            associatedData(keyId, { version: 'ts2', purpose, audience }, binding),
          );
          const canonical = canonicalJson({
            version: 'ts2',
            keyId,
            purpose,
            audience,
            principal: principal ?? null,
            method,
            target,
            argumentsDigest,
          });
          expect(written).toBe(canonical);
        },
      ),
    );
  });

  it('keeps no principal apart from an empty one', () => {
    const scope = { version: 'ts2', purpose: 'request-state', audience: 'a' };
    const base = { method: 'tools/call', target: 't', argumentsDigest: '{}' };
    expect(utf8Decode(associatedData('k', scope, base))).toContain('"principal":null');
    expect(utf8Decode(associatedData('k', scope, { ...base, principal: '' }))).toContain(
      '"principal":""',
    );
  });

  it('refuses a binding that is not made of strings', () => {
    expect(() =>
      checkBinding({ method: 'tools/call', target: 't', argumentsDigest: 1 } as never),
    ).toThrow(TypeError);
    expect(() =>
      checkBinding({
        method: 'tools/call',
        target: 't',
        argumentsDigest: 'd',
        principal: 7,
      } as never),
    ).toThrow(TypeError);
  });
});
