// requestState sealing. Requirements (shared/spec/requirements.md): #58 state is attacker-controlled
// input, #59 integrity protection and rejection of anything that fails verification, #60 binding
// to principal, expiry and originating request. Checklist rows (shared/security-checklist.md):
// D1 tampering, D2 expiry and construction errors, D3 replay onto other requests, D4 no secrets or
// raw principal in the token.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import {
  digestArguments,
  RequestStateSealer,
  type RequestStateKey,
  type StateBinding,
} from '../../../src/server/request-state/request-state-sealer.js';
import { webCryptoCipher } from '../../../src/server/request-state/state-cipher.js';
import { SdkError } from '../../../src/errors.js';
import { decodeBase64Url, encodeBase64, encodeBase64Url } from '../../../src/shared/base64.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function secretBytes(fill: number, length = 32): Uint8Array {
  return new Uint8Array(length).fill(fill);
}

const keyA: RequestStateKey = { id: 'k1', secret: secretBytes(1) };
const keyB: RequestStateKey = { id: 'k2', secret: secretBytes(2) };

const binding: StateBinding = {
  principal: 'user-8f3a9-principal',
  method: 'tools/call',
  target: 'deploy_service',
  argumentsDigest: 'digest-of-arguments',
};

async function sealerWith(
  keys: readonly RequestStateKey[],
  extra: { now?: () => number; ttlMs?: number } = {},
) {
  return RequestStateSealer.create({ keys, ...extra });
}

/** Replaces the character at `index` with the next one of the base64url alphabet (or '.' → 'A'). */
function flipChar(token: string, index: number): string {
  const char = token.charAt(index);
  const position = BASE64URL.indexOf(char);
  const replacement = position === -1 ? 'A' : BASE64URL.charAt((position + 1) % BASE64URL.length);
  return `${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

describe('RequestStateSealer', () => {
  describe('create', () => {
    it('generates a random key when none is configured, and says so', async () => {
      const generated = await RequestStateSealer.create();
      expect(generated.generatedKey).toBe(true);
      expect((await RequestStateSealer.create({ keys: [] })).generatedKey).toBe(true);
      expect((await sealerWith([keyA])).generatedKey).toBe(false);
      const token = await generated.seal({ step: 1 }, binding);
      expect(token).toMatch(/^ts2\.gen-[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]+$/);
      // Another instance with its own generated key cannot open it.
      expect(await (await RequestStateSealer.create()).open(token, binding)).toEqual({
        ok: false,
        reason: 'unknown-key',
      });
    });

    it.each([Infinity, -Infinity, NaN, 0, -1])(
      'throws a usage error for ttlMs %s (D2)',
      async (ttlMs) => {
        await expect(RequestStateSealer.create({ keys: [keyA], ttlMs })).rejects.toThrow(
          SdkError,
        );
      },
    );

    it.each([0, -5, 1.5, NaN, Infinity])(
      'throws a usage error for maxTokenLength %s',
      async (maxTokenLength) => {
        await expect(RequestStateSealer.create({ keys: [keyA], maxTokenLength })).rejects.toThrow(
          SdkError,
        );
      },
    );

    it('throws a usage error for a secret shorter than 32 bytes (D2)', async () => {
      const short = secretBytes(1, 31);
      await expect(sealerWith([{ id: 'k1', secret: short }])).rejects.toThrow(SdkError);
      await expect(sealerWith([{ id: 'k1', secret: encodeBase64(short) }])).rejects.toThrow(
        SdkError,
      );
      await expect(sealerWith([{ id: 'k1', secret: 'c2VjcmV0' }])).rejects.toThrow(SdkError);
      await expect(sealerWith([{ id: 'k1', secret: '' }])).rejects.toThrow(SdkError);
      // A short key anywhere in the ring is refused, not only the sealing key.
      await expect(sealerWith([keyA, { id: 'old', secret: short }])).rejects.toThrow(SdkError);
    });

    it.each(['', 'a'.repeat(33), 'k.1', 'k 1', 'ключ'])(
      'throws a usage error for key id %j',
      async (id) => {
        await expect(sealerWith([{ id, secret: secretBytes(1) }])).rejects.toThrow(SdkError);
      },
    );

    it('throws a usage error for duplicate key ids', async () => {
      await expect(sealerWith([keyA, { id: 'k1', secret: secretBytes(9) }])).rejects.toThrow(
        SdkError,
      );
    });

    it('throws a usage error for a secret that is not base64', async () => {
      await expect(sealerWith([{ id: 'k1', secret: `${'a'.repeat(43)}!` }])).rejects.toThrow(
        SdkError,
      );
      await expect(
        sealerWith([{ id: 'k1', secret: `${'+'.repeat(22)}${'-'.repeat(22)}` }]),
      ).rejects.toThrow(SdkError);
    });

    it('accepts the same secret as bytes, base64, base64url, with or without padding', async () => {
      const raw = Uint8Array.from({ length: 40 }, (_, index) => index * 7 + 250);
      const spellings = [
        raw,
        encodeBase64(raw),
        encodeBase64(raw).replace(/=+$/, ''),
        encodeBase64Url(raw),
        `${encodeBase64(raw)}\n`,
      ];
      const token = await (await sealerWith([{ id: 'k1', secret: raw }])).seal('hello', binding);
      for (const secret of spellings) {
        const sealer = await sealerWith([{ id: 'k1', secret }]);
        expect(await sealer.open(token, binding)).toEqual({ ok: true, payload: 'hello', issuedAt: expect.any(Number) });
      }
    });

    it('copies a byte secret, so later changes to the caller array do not matter', async () => {
      const secret = secretBytes(5);
      const sealer = await sealerWith([{ id: 'k1', secret }]);
      const token = await sealer.seal(1, binding);
      secret.fill(0);
      expect(await sealer.open(token, binding)).toEqual({ ok: true, payload: 1, issuedAt: expect.any(Number) });
    });
  });

  describe('seal and open', () => {
    it('round-trips JSON payloads', async () => {
      const sealer = await sealerWith([keyA]);
      const payloads: unknown[] = [
        { step: 2, answers: { sev: 's1' }, text: 'Grüße 🙂' },
        [1, 'two', null],
        'plain',
        0,
        null,
        false,
      ];
      for (const payload of payloads) {
        expect(await sealer.open(await sealer.seal(payload, binding), binding)).toEqual({
          ok: true,
          payload,
          issuedAt: expect.any(Number),
        });
      }
      expect(await sealer.open(await sealer.seal(undefined, binding), binding)).toEqual({
        ok: true,
        payload: undefined,
        issuedAt: expect.any(Number),
      });
    });

    it('round-trips arbitrary JSON values', async () => {
      const sealer = await sealerWith([keyA]);
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (payload) => {
          const opened = await sealer.open(await sealer.seal(payload, binding), binding);
          expect(opened).toEqual({
            ok: true,
            payload: JSON.parse(JSON.stringify(payload)) as unknown,
            issuedAt: expect.any(Number),
          });
        }),
        { numRuns: 50 },
      );
    });

    it('produces ts2.<keyId>.<base64url> with a fresh IV every time', async () => {
      const sealer = await sealerWith([keyA]);
      const first = await sealer.seal({ same: true }, binding);
      const second = await sealer.seal({ same: true }, binding);
      expect(first).toMatch(/^ts2\.k1\.[A-Za-z0-9_-]+$/);
      expect(first).not.toBe(second);
      expect(first.split('.')[2]?.slice(0, 16)).not.toBe(second.split('.')[2]?.slice(0, 16));
    });

    it('works without a principal, and keeps "none" apart from any principal (#60, D3)', async () => {
      const sealer = await sealerWith([keyA]);
      const { principal: _principal, ...anonymous } = binding;
      const token = await sealer.seal('x', anonymous);
      expect(await sealer.open(token, anonymous)).toEqual({ ok: true, payload: 'x', issuedAt: expect.any(Number) });
      expect(await sealer.open(token, { ...anonymous, principal: '' })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await sealer.open(token, binding)).toEqual({ ok: false, reason: 'invalid' });
      const owned = await sealer.seal('x', binding);
      expect(await sealer.open(owned, anonymous)).toEqual({ ok: false, reason: 'invalid' });
    });

    it.each<[string, Partial<StateBinding>]>([
      ['another principal', { principal: 'someone-else' }],
      ['another tool', { target: 'delete_service' }],
      ['another method', { method: 'prompts/get' }],
      ['other arguments', { argumentsDigest: 'digest-of-other-arguments' }],
    ])('rejects state replayed with %s (#60, D3)', async (_label, change) => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ approved: true }, binding);
      expect(await sealer.open(token, { ...binding, ...change })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await sealer.open(token, binding)).toMatchObject({ ok: true });
    });

    it('binds fields separately, so values cannot be shifted between them (D3)', async () => {
      const sealer = await sealerWith([keyA]);
      const first: StateBinding = { method: 'a', target: 'b.c', argumentsDigest: 'd' };
      const shifted: StateBinding = { method: 'a.b', target: 'c', argumentsDigest: 'd' };
      expect(await sealer.open(await sealer.seal(1, first), shifted)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    });

    it('rejects state between two real argument sets of the same tool (D3)', async () => {
      const sealer = await sealerWith([keyA]);
      const sealedFor = {
        ...binding,
        argumentsDigest: await digestArguments({ service: 'billing', env: 'prod' }),
      };
      const token = await sealer.seal({ approved: true }, sealedFor);
      const sameArgs = {
        ...binding,
        argumentsDigest: await digestArguments({ env: 'prod', service: 'billing' }),
      };
      const otherArgs = {
        ...binding,
        argumentsDigest: await digestArguments({ service: 'billing', env: 'dev' }),
      };
      expect(await sealer.open(token, sameArgs)).toMatchObject({ ok: true });
      expect(await sealer.open(token, otherArgs)).toEqual({ ok: false, reason: 'invalid' });
    });

    it('rejects expired state (#60, D2)', async () => {
      let now = 1_000_000;
      const sealer = await sealerWith([keyA], { now: () => now, ttlMs: 60_000 });
      const token = await sealer.seal('x', binding);
      now += 59_999;
      expect(await sealer.open(token, binding)).toEqual({ ok: true, payload: 'x', issuedAt: 1_000_000 });
      now += 1;
      expect(await sealer.open(token, binding)).toEqual({ ok: false, reason: 'expired' });
      now = NaN;
      expect(await sealer.open(token, binding)).toEqual({ ok: false, reason: 'expired' });
    });

    it('opens a token only for its purpose and its audience (D3)', async () => {
      const state = await RequestStateSealer.create({ keys: [keyA], audience: 'billing#eu' });
      const cursor = await RequestStateSealer.create({ keys: [keyA], audience: 'billing#eu', purpose: 'cursor' });
      const otherServer = await RequestStateSealer.create({ keys: [keyA], audience: 'billing#us' });
      const noAudience = await sealerWith([keyA]);
      const token = await state.seal({ step: 1 }, binding);
      expect(await state.open(token, binding)).toMatchObject({ ok: true, payload: { step: 1 } });
      for (const other of [cursor, otherServer, noAudience]) {
        expect(await other.open(token, binding)).toEqual({ ok: false, reason: 'invalid' });
      }
      expect(await state.open(await cursor.seal({ step: 1 }, binding), binding)).toEqual({
        ok: false,
        reason: 'invalid',
      });
      await expect(RequestStateSealer.create({ keys: [keyA], purpose: 'Request State' })).rejects.toThrow(SdkError);
    });

    it('uses a 15-minute lifetime by default', async () => {
      let now = 0;
      const sealer = await RequestStateSealer.create({ keys: [keyA], now: () => now });
      const token = await sealer.seal('x', binding);
      now = 15 * 60 * 1000 - 1;
      expect((await sealer.open(token, binding)).ok).toBe(true);
      now += 1;
      expect(await sealer.open(token, binding)).toEqual({ ok: false, reason: 'expired' });
    });

    it('refuses to seal with a clock that is not finite', async () => {
      const sealer = await sealerWith([keyA], { now: () => NaN });
      await expect(sealer.seal('x', binding)).rejects.toThrow(RangeError);
    });

    it('throws TypeError for a payload JSON cannot hold or a binding that is not one', async () => {
      const sealer = await sealerWith([keyA]);
      const cycle: Record<string, unknown> = {};
      cycle['self'] = cycle;
      await expect(sealer.seal(cycle, binding)).rejects.toThrow(TypeError);
      await expect(sealer.seal({ n: 1n }, binding)).rejects.toThrow(TypeError);
      const broken = { method: 'tools/call', target: 1 } as unknown as StateBinding;
      await expect(sealer.seal('x', broken)).rejects.toThrow(TypeError);
      await expect(sealer.open('ts2.k1.AAAA', broken)).rejects.toThrow(TypeError);
    });

    it('returns a payload with an own "__proto__" key without polluting prototypes', async () => {
      const sealer = await sealerWith([keyA]);
      const payload = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
      const opened = await sealer.open(await sealer.seal(payload, binding), binding);
      expect(opened.ok && Object.hasOwn(opened.payload as object, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe('open with hostile tokens (#58, #59, D1)', () => {
    it('rejects a flip of any single character of the token', async () => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ s: 1 }, binding);
      // Bounds the loop below (the envelope carries iat and exp, about 120 characters in all).
      expect(token.length).toBeLessThan(140);
      for (let index = 0; index < token.length; index++) {
        const tampered = flipChar(token, index);
        expect(tampered).not.toBe(token);
        expect((await sealer.open(tampered, binding)).ok, `position ${index}`).toBe(false);
        const removed = `${token.slice(0, index)}${token.slice(index + 1)}`;
        expect((await sealer.open(removed, binding)).ok, `removal at ${index}`).toBe(false);
      }
    });

    it('rejects a flip of any single bit of the sealed bytes', async () => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ s: 1 }, binding);
      const [version, keyId, body = ''] = token.split('.');
      const bytes = decodeBase64Url(body);
      expect(bytes).toBeDefined();
      for (let index = 0; index < (bytes?.length ?? 0); index++) {
        for (let bit = 0; bit < 8; bit++) {
          const copy = Uint8Array.from(bytes ?? []);
          copy[index] = (copy[index] ?? 0) ^ (1 << bit);
          const tampered = `${version}.${keyId}.${encodeBase64Url(copy)}`;
          expect(await sealer.open(tampered, binding), `byte ${index} bit ${bit}`).toEqual({
            ok: false,
            reason: 'invalid',
          });
        }
      }
    });

    it('rejects any random replacement of one character', async () => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ step: 3, data: 'abc' }, binding);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: token.length - 1 }),
          fc.string({ minLength: 1, maxLength: 1 }),
          async (index, char) => {
            fc.pre(token.charAt(index) !== char);
            const tampered = `${token.slice(0, index)}${char}${token.slice(index + 1)}`;
            expect((await sealer.open(tampered, binding)).ok).toBe(false);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('rejects "-TAMPERED" appended', async () => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ s: 1 }, binding);
      expect((await sealer.open(`${token}-TAMPERED`, binding)).ok).toBe(false);
      expect((await sealer.open(`${token}A`, binding)).ok).toBe(false);
      expect((await sealer.open(`${token}AAAA`, binding)).ok).toBe(false);
    });

    it('rejects missing, extra and malformed segments as malformed', async () => {
      const sealer = await sealerWith([keyA]);
      const token = await sealer.seal({ s: 1 }, binding);
      const [, , body = ''] = token.split('.');
      const malformed = [
        '',
        'ts2',
        'ts2.k1',
        `ts2.k1.${body}.extra`,
        `ts2..${body}`,
        `k1.${body}`,
        `.k1.${body}`,
        `ts1.k1.${body}`,
        `ts3.k1.${body}`,
        `TS2.k1.${body}`,
        ` ${token}`,
        `${token}=`,
        `ts2.k1.${body.slice(0, 20)}`,
        'ts2.k1.',
        '...',
        `ts2.${'k'.repeat(33)}.${body}`,
      ];
      for (const candidate of malformed) {
        expect(await sealer.open(candidate, binding), JSON.stringify(candidate)).toEqual({
          ok: false,
          reason: 'malformed',
        });
      }
    });

    it('rejects tokens that are not strings without throwing', async () => {
      const sealer = await sealerWith([keyA]);
      for (const value of [undefined, null, 42, { token: 'x' }, ['ts2', 'k1']]) {
        expect(await sealer.open(value as unknown as string, binding)).toEqual({
          ok: false,
          reason: 'malformed',
        });
      }
    });

    it('rejects a token sealed with a key outside the ring (D1)', async () => {
      const sealer = await sealerWith([keyA]);
      const sameIdOtherSecret = await sealerWith([{ id: 'k1', secret: secretBytes(7) }]);
      const otherId = await sealerWith([keyB]);
      expect(await sealer.open(await sameIdOtherSecret.seal('x', binding), binding)).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(await sealer.open(await otherId.seal('x', binding), binding)).toEqual({
        ok: false,
        reason: 'unknown-key',
      });
    });

    it('rejects a token whose key id was swapped to another key of the ring', async () => {
      const ring = await sealerWith([keyA, keyB]);
      const token = await ring.seal('x', binding);
      expect(await ring.open(token.replace('ts2.k1.', 'ts2.k2.'), binding)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    });

    it('rejects oversize tokens before any decoding or crypto', async () => {
      const sealer = await RequestStateSealer.create({ keys: [keyA], maxTokenLength: 200 });
      const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
      expect(await sealer.open(`ts2.k1.${'A'.repeat(200)}`, binding)).toEqual({
        ok: false,
        reason: 'too-large',
      });
      const huge = await RequestStateSealer.create({ keys: [keyA] });
      expect(await huge.open(`ts2.k1.${'A'.repeat(64 * 1024)}`, binding)).toEqual({
        ok: false,
        reason: 'too-large',
      });
      expect(decrypt).not.toHaveBeenCalled();
    });

    it('refuses to seal a token longer than maxTokenLength', async () => {
      const sealer = await RequestStateSealer.create({ keys: [keyA], maxTokenLength: 200 });
      await expect(sealer.seal('x'.repeat(200), binding)).rejects.toThrow(RangeError);
      const fits = await sealer.seal('x'.repeat(60), binding);
      expect(fits.length).toBeLessThanOrEqual(200);
    });

    it.each([
      ['node:crypto', undefined],
      ['webcrypto', webCryptoCipher],
    ])('with %s, measures the sealed length exactly, multi-byte text included', async (_name, cipher) => {
      // The envelope around the payload takes the same characters in every token of this sealer:
      // find the longest payload that fits, then check that one more byte of UTF-8 does not.
      const now = () => 1_790_000_000_000;
      const probe = await RequestStateSealer.create({ keys: [keyA], now, ...(cipher ? { cipher } : {}) });
      const empty = (await probe.seal('', binding)).length;
      const limit = empty + 400;
      const sealer = await RequestStateSealer.create({ keys: [keyA], now, maxTokenLength: limit, ...(cipher ? { cipher } : {}) });
      let fitting = '';
      while ((await probe.seal(`${fitting}é`, binding)).length <= limit) fitting += 'é';
      expect((await sealer.seal(fitting, binding)).length).toBeLessThanOrEqual(limit);
      await expect(sealer.seal(`${fitting}é`, binding)).rejects.toThrow(/above maxTokenLength/);
      // The same number of UTF-16 units of ASCII is half the bytes: it fits.
      expect((await sealer.seal('x'.repeat(fitting.length + 1), binding)).length).toBeLessThanOrEqual(limit);
    });

    it('never throws on arbitrary strings', async () => {
      const sealer = await sealerWith([keyA]);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.tuple(fc.string(), fc.string(), fc.base64String()).map((parts) => parts.join('.')),
            fc
              .uint8Array({ minLength: 28, maxLength: 80 })
              .map((bytes) => `ts2.k1.${encodeBase64Url(bytes)}`),
          ),
          async (token) => {
            const opened = await sealer.open(token, binding);
            expect(opened.ok).toBe(false);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('key rotation', () => {
    it('opens tokens of every key in the ring and seals with the first (#59)', async () => {
      const oldKey: RequestStateKey = { id: 'old', secret: secretBytes(3) };
      const newKey: RequestStateKey = { id: 'new', secret: secretBytes(4) };
      const before = await sealerWith([oldKey]);
      const during = await sealerWith([newKey, oldKey]);
      const after = await sealerWith([newKey]);
      const oldToken = await before.seal({ round: 1 }, binding);
      expect(await during.open(oldToken, binding)).toEqual({ ok: true, payload: { round: 1 }, issuedAt: expect.any(Number) });
      const newToken = await during.seal({ round: 2 }, binding);
      expect(newToken.startsWith('ts2.new.')).toBe(true);
      expect(await after.open(newToken, binding)).toEqual({ ok: true, payload: { round: 2 }, issuedAt: expect.any(Number) });
      expect(await after.open(oldToken, binding)).toEqual({ ok: false, reason: 'unknown-key' });
    });
  });

  describe('confidentiality (D4)', () => {
    it('stores neither the principal nor the payload in clear', async () => {
      const sealer = await sealerWith([keyA]);
      const payload = { secret: 'TOP-SECRET-PAYLOAD', answers: ['approve-prod'] };
      const token = await sealer.seal(payload, binding);
      const [, , body = ''] = token.split('.');
      const bytes = decodeBase64Url(body) ?? new Uint8Array(0);
      const asLatin1 = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
      for (const needle of [
        'user-8f3a9-principal',
        'TOP-SECRET-PAYLOAD',
        'approve-prod',
        'deploy_service',
        'tools/call',
      ]) {
        expect(token).not.toContain(needle);
        expect(asLatin1).not.toContain(needle);
        expect(token).not.toContain(encodeBase64Url(new TextEncoder().encode(needle)).slice(2, 14));
      }
    });

    it('keeps the token size independent of the binding', async () => {
      const sealer = await sealerWith([keyA]);
      const short = await sealer.seal('x', { ...binding, principal: 'a' });
      const long = await sealer.seal('x', { ...binding, principal: 'a'.repeat(500) });
      expect(long.length).toBe(short.length);
    });
  });
});

describe('digestArguments', () => {
  it('is base64url(SHA-256(canonical JSON))', async () => {
    // Reference values computed independently with Python hashlib.
    expect(await digestArguments({})).toBe('RBNvo1WzZ4oRRq0W9-hknpT7T8If536DEMBg9hyq_4o');
    expect(await digestArguments({ b: [true, null], a: 1 })).toBe(
      'HMacf6I2Fsouw-5w0kOQpiJciDLbikyBTH4Of5Qvhmg',
    );
  });

  it('ignores key order and distinguishes different arguments', async () => {
    expect(await digestArguments({ env: 'prod', service: 'billing' })).toBe(
      await digestArguments({ service: 'billing', env: 'prod' }),
    );
    expect(await digestArguments({ env: 'prod' })).not.toBe(await digestArguments({ env: 'dev' }));
    expect(await digestArguments({ n: 1 })).not.toBe(await digestArguments({ n: '1' }));
  });
});
