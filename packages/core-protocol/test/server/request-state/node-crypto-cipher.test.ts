// The pluggable AES-256-GCM behind the sealer (requirements.md #58-#60 hold whatever the cipher):
// node:crypto and WebCrypto make the same tokens, tokens of the WebCrypto-only sealer still open,
// and tampering (including a truncated tag) is refused by both.
import { describe, expect, it } from 'vitest';

import {
  defaultStateCipher,
  nodeCryptoCipher,
} from '../../../src/server/request-state/node-crypto-cipher.js';
import {
  RequestStateSealer,
  type StateBinding,
} from '../../../src/server/request-state/request-state-sealer.js';
import {
  type StateCipher,
  webCryptoCipher,
} from '../../../src/server/request-state/state-cipher.js';
import { decodeBase64Url, encodeBase64Url } from '../../../src/shared/base64.js';

const binding: StateBinding = {
  principal: 'alice',
  method: 'tools/call',
  target: 'book',
  argumentsDigest: '{"city":"Lisbon"}',
};
const keys = [{ id: 'old1', secret: new Uint8Array(32).fill(9) }];
const FIXTURE_NOW = 1_790_000_000_000;
/** Sealed by the sealer of commit f1ecf0d (WebCrypto only), with `keys`, `binding` and FIXTURE_NOW. */
const OLD_TOKEN =
  'ts2.old1.Bt0GErSYr5CLY5AhfOd17S4Kq2EGHs_5MO0Xmza0yEXnQ3H0E9ah4TM0Ix-VLeEVWMs3eRoD0Yfzb1mTTIvXj6lJ-kc_s5x1ZZOyJXpI90PKfWCeT-UH16NWptvP16_Se35tl7_0ZkZ0WrKSvTn9upVbUSkmj0e20Nhq48RGRJG6nXXf6O3V';

const node = nodeCryptoCipher();
if (node === undefined)
  throw new Error('the test runtime must offer node:crypto through process.getBuiltinModule');
const ciphers: [string, StateCipher][] = [
  ['node:crypto', node],
  ['webcrypto', webCryptoCipher],
];

const sealerWith = (cipher: StateCipher, now = (): number => FIXTURE_NOW) =>
  RequestStateSealer.create({ keys, cipher, now, audience: 'fixture-server' });

/** Rewrites the body of a token with `change`. */
function withBody(token: string, change: (body: Uint8Array) => Uint8Array): string {
  const [version, keyId, encoded = ''] = token.split('.');
  const body = decodeBase64Url(encoded);
  if (body === undefined) throw new Error('not a token');
  return `${version}.${keyId}.${encodeBase64Url(change(body))}`;
}

describe('state ciphers', () => {
  it('picks node:crypto by default where the runtime has it', () => {
    expect(defaultStateCipher().name).toBe('node:crypto');
    expect(webCryptoCipher.name).toBe('webcrypto');
  });

  it.each(ciphers)(
    '%s opens a token sealed before ciphers were pluggable (ts2 stays readable)',
    async (_name, cipher) => {
      const opened = await (await sealerWith(cipher)).open(OLD_TOKEN, binding);
      expect(opened).toEqual({
        ok: true,
        payload: { step: 2, note: 'sealed by the WebCrypto-only sealer' },
        issuedAt: FIXTURE_NOW,
      });
    },
  );

  it.each([
    [node, webCryptoCipher],
    [webCryptoCipher, node],
  ])('a token sealed with %o opens with the other cipher', async (sealing, opening) => {
    const token = await (await sealerWith(sealing)).seal({ answers: ['ä', 3] }, binding);
    expect(token).toMatch(/^ts2\.old1\.[A-Za-z0-9_-]+$/);
    expect(await (await sealerWith(opening)).open(token, binding)).toMatchObject({
      ok: true,
      payload: { answers: ['ä', 3] },
    });
  });

  it.each(ciphers)(
    '%s refuses a flipped bit anywhere, a truncated tag, another binding and expiry',
    async (_name, cipher) => {
      const sealer = await sealerWith(cipher);
      const token = await sealer.seal({ step: 1 }, binding);
      const length = decodeBase64Url(token.split('.')[2] ?? '')?.length ?? 0;
      for (let index = 0; index < length; index += 1) {
        const flipped = withBody(token, (body) => {
          const copy = new Uint8Array(body);
          copy[index] = (copy[index] ?? 0) ^ 1;
          return copy;
        });
        expect(await sealer.open(flipped, binding)).toEqual({ ok: false, reason: 'invalid' });
      }
      // The last 16 bytes are always the tag (node:crypto is pinned to 16-byte tags too): a shortened
      // token never verifies.
      for (const cut of [1, 4, 8]) {
        const truncated = withBody(token, (body) => body.subarray(0, body.length - cut));
        expect(await sealer.open(truncated, binding)).toEqual({ ok: false, reason: 'invalid' });
      }
      expect(await sealer.open(token, { ...binding, target: 'other' })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      const later = await sealerWith(cipher, () => FIXTURE_NOW + 16 * 60 * 1000);
      expect(await later.open(token, binding)).toEqual({ ok: false, reason: 'expired' });
    },
  );

  it('treats a custom cipher that throws on a bad tag like one that answers undefined', async () => {
    const throwing: StateCipher = {
      ...webCryptoCipher,
      name: 'throwing',
      decrypt: () => {
        throw new Error('bad tag');
      },
    };
    const token = await (await sealerWith(webCryptoCipher)).seal({ step: 1 }, binding);
    expect(await (await sealerWith(throwing)).open(token, binding)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});
