import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  decodeBase64,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  portableBase64Url,
  utf8Decode,
  utf8Encode,
} from '../../src/shared/base64.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): Uint8Array => utf8Encode(text);

describe('encodeBase64', () => {
  it('matches the RFC 4648 section 10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(ascii(plain))).toBe(encoded);
    }
  });

  it('uses + and / for the last two sextets', () => {
    expect(encodeBase64(bytes(0xfb, 0xff, 0xbf))).toBe('+/+/');
  });

  it('encodes and decodes 1 MiB without overflowing the stack', () => {
    const big = new Uint8Array(1024 * 1024 + 2).map((_, index) => index & 255);
    const encoded = encodeBase64(big);
    expect(encoded).toHaveLength(Math.ceil(big.length / 3) * 4);
    const decoded = decodeBase64(encoded);
    // A plain loop: toEqual on millions of elements is slow.
    expect(decoded?.length).toBe(big.length);
    expect(decoded?.every((value, index) => value === big[index])).toBe(true);
    expect(decodeBase64Url(encodeBase64Url(big))?.length).toBe(big.length);
  });
});

describe('decodeBase64', () => {
  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
        expect(decodeBase64(encodeBase64(input))).toEqual(input);
      }),
    );
  });

  it('agrees with atob on canonical input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (input) => {
        const encoded = encodeBase64(input);
        const viaAtob = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0));
        expect(decodeBase64(encoded)).toEqual(viaAtob);
      }),
    );
  });

  it.each([
    ['missing padding', 'Zg'],
    ['too much padding', 'Zg==='],
    ['padding in the middle', 'Zg==Zg=='],
    ['a lone pad group', '===='],
    ['whitespace', 'Zm9v YmFy'],
    ['a trailing newline', 'Zm9v\n'],
    ['base64url characters', 'Zm9-'],
    ['non-ASCII characters', 'Zm9vÿ=='],
    ['a length of 4n+1', 'Zm9vY'],
    ['non-zero unused bits (one pad)', 'Zm9='],
    ['non-zero unused bits (two pads)', 'Zh=='],
  ])('rejects %s', (_label, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('decodes the empty string to no bytes', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const decoded = decodeBase64(text);
        if (decoded !== undefined) expect(encodeBase64(decoded)).toBe(text);
      }),
    );
  });
});

describe('encodeBase64Url', () => {
  it('uses - and _ and no padding', () => {
    expect(encodeBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(encodeBase64Url(ascii('f'))).toBe('Zg');
    expect(encodeBase64Url(ascii('fo'))).toBe('Zm8');
  });
});

describe('decodeBase64Url', () => {
  it('round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
        expect(decodeBase64Url(encodeBase64Url(input))).toEqual(input);
      }),
    );
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard-alphabet characters', '+/+/'],
    ['a length of 4n+1', 'Zm9vY'],
    ['non-zero unused bits', 'Zh'],
    ['a dot', 'Zm9v.'],
  ])('rejects %s', (_label, text) => {
    expect(decodeBase64Url(text)).toBeUndefined();
  });

  it('accepts only the canonical spelling of any byte string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
        const decoded = decodeBase64Url(text);
        if (decoded !== undefined) expect(encodeBase64Url(decoded)).toBe(text);
      }),
    );
  });
});

describe('utf8Encode', () => {
  it('encodes multi-byte characters', () => {
    expect(utf8Encode('Grüße 🙂')).toEqual(
      bytes(0x47, 0x72, 0xc3, 0xbc, 0xc3, 0x9f, 0x65, 0x20, 0xf0, 0x9f, 0x99, 0x82),
    );
  });

  it('replaces a lone surrogate with U+FFFD', () => {
    expect(utf8Encode('\uD800')).toEqual(bytes(0xef, 0xbf, 0xbd));
  });
});

describe('utf8Decode', () => {
  it('round-trips well-formed strings, including a leading BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Decode(utf8Encode(text))).toBe(text);
      }),
    );
    expect(utf8Decode(utf8Encode('\uFEFFx'))).toBe('\uFEFFx');
  });

  it.each([
    ['a truncated sequence', bytes(0xc3)],
    ['an overlong form', bytes(0xc0, 0xaf)],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80)],
    ['a stray continuation byte', bytes(0x80)],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80)],
  ])('rejects %s', (_label, input) => {
    expect(utf8Decode(input)).toBeUndefined();
  });
});

describe('base64url on Node (native Buffer) and everywhere else (portable)', () => {
  it('encodes every byte string to the same text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(portableBase64Url.encode(bytes));
      }),
    );
  });

  it('accepts and refuses exactly the same texts, and decodes them to the same bytes', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .';
    const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 });
    fc.assert(
      fc.property(text, (input) => {
        expect(decodeBase64Url(input)).toEqual(portableBase64Url.decode(input));
      }),
      { numRuns: 2000 },
    );
    // Non-zero unused bits: a second spelling of the same byte, refused by both.
    expect(decodeBase64Url('AB')).toBeUndefined();
    expect(decodeBase64Url('AAB')).toBeUndefined();
    expect(decodeBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});
