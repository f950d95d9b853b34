// Requirements (shared/spec/requirements.md): #121 Mcp-Name uses the sentinel when needed, #125
// value encoding, #126 lowercase markers and wrapping of look-alikes, #127 server decodes before
// comparing, #131 invalid characters rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  decodeHeaderValue,
  encodeHeaderValue,
  isSafePlainHeaderValue,
} from '../../src/shared/base64-sentinel.js';

describe('encodeHeaderValue', () => {
  it('keeps the spec examples (#125)', () => {
    expect(encodeHeaderValue('us-west1')).toBe('us-west1');
    expect(encodeHeaderValue(' eu-1 ')).toBe('=?base64?IGV1LTEg?=');
    expect(encodeHeaderValue('Grüße')).toBe('=?base64?R3LDvMOfZQ==?=');
  });

  it('sends the empty string as an empty value', () => {
    expect(encodeHeaderValue('')).toBe('');
  });

  it('keeps inner spaces and tabs plain', () => {
    expect(encodeHeaderValue('late orders')).toBe('late orders');
    expect(encodeHeaderValue('a\tb')).toBe('a\tb');
  });

  it.each([
    ['a leading space', ' a'],
    ['a trailing tab', 'a\t'],
    ['a lone space', ' '],
    ['CR LF (header injection)', 'a\r\nX-Evil: 1'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
    ['non-ASCII', 'café'],
    ['an emoji', '🙂'],
  ])('wraps a value with %s', (_label, value) => {
    const encoded = encodeHeaderValue(value);
    expect(encoded).toMatch(/^=\?base64\?[A-Za-z0-9+/]*={0,2}\?=$/);
    expect(decodeHeaderValue(encoded)).toEqual({ ok: true, value });
  });

  it('wraps a plain value that looks like the sentinel (#126)', () => {
    for (const value of ['=?base64?SGk=?=', '=?base64??=', '=?base64?=']) {
      const encoded = encodeHeaderValue(value);
      expect(encoded).not.toBe(value);
      expect(decodeHeaderValue(encoded)).toEqual({ ok: true, value });
    }
  });

  it('leaves an uppercase look-alike plain: only lowercase markers count (#126)', () => {
    expect(encodeHeaderValue('=?BASE64?SGk=?=')).toBe('=?BASE64?SGk=?=');
  });

  it('round-trips arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const encoded = encodeHeaderValue(value);
        expect(encoded === value || encoded.startsWith('=?base64?')).toBe(true);
        expect(decodeHeaderValue(encoded)).toEqual({ ok: true, value });
      }),
    );
  });

  it('always produces a value made of visible ASCII and inner spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const encoded = encodeHeaderValue(value);
        expect(encoded).toMatch(/^(?:[\x21-\x7e](?:[\x20\x09\x21-\x7e]*[\x21-\x7e])?)?$/);
      }),
    );
  });
});

describe('isSafePlainHeaderValue', () => {
  it('accepts visible ASCII with inner whitespace and the empty string', () => {
    expect(isSafePlainHeaderValue('tools/call')).toBe(true);
    expect(isSafePlainHeaderValue('a b\tc')).toBe(true);
    expect(isSafePlainHeaderValue('')).toBe(true);
  });

  it('refuses edge whitespace, controls, non-ASCII and sentinel look-alikes', () => {
    expect(isSafePlainHeaderValue(' a')).toBe(false);
    expect(isSafePlainHeaderValue('a ')).toBe(false);
    expect(isSafePlainHeaderValue('a\nb')).toBe(false);
    expect(isSafePlainHeaderValue('ä')).toBe(false);
    expect(isSafePlainHeaderValue('=?base64?eA==?=')).toBe(false);
  });
});

describe('decodeHeaderValue', () => {
  it('returns a plain value unchanged, case-sensitively (#134)', () => {
    expect(decodeHeaderValue('Tools/Call')).toEqual({ ok: true, value: 'Tools/Call' });
  });

  it('drops surrounding whitespace as HTTP field parsing does', () => {
    expect(decodeHeaderValue('  acme\t')).toEqual({ ok: true, value: 'acme' });
    expect(decodeHeaderValue(' =?base64?IGV1LTEg?= ')).toEqual({ ok: true, value: ' eu-1 ' });
  });

  it('decodes the sentinel before comparison (#127)', () => {
    expect(decodeHeaderValue('=?base64?R3LDvMOfZQ==?=')).toEqual({ ok: true, value: 'Grüße' });
    expect(decodeHeaderValue('=?base64??=')).toEqual({ ok: true, value: '' });
  });

  it('treats uppercase markers as a literal (#126)', () => {
    expect(decodeHeaderValue('=?BASE64?SGk=?=')).toEqual({ ok: true, value: '=?BASE64?SGk=?=' });
  });

  it.each([
    ['invalid base64', '=?base64?not base64?='],
    ['missing padding', '=?base64?SGk?='],
    ['base64url alphabet', '=?base64?-_-_?='],
    ['bytes that are not UTF-8', '=?base64?wA==?='],
    ['overlapping markers', '=?base64?='],
  ])('rejects a sentinel with %s', (_label, raw) => {
    const result = decodeHeaderValue(raw);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['a control character (#131)', 'a\u0001b'],
    ['an embedded newline', 'a\nb'],
    ['obs-text as delivered by fetch', 'caf\u00e9'],
    ['a non-Latin character', 'Grüße'],
  ])('rejects a plain value with %s', (_label, raw) => {
    const result = decodeHeaderValue(raw);
    expect(result).toEqual({ ok: false, reason: expect.any(String) });
  });

  it('never throws, whatever it receives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'binary' }).map((inner) => `=?base64?${inner}?=`),
          fc.uint8Array().map((raw) => `=?base64?${btoa(String.fromCharCode(...raw))}?=`),
        ),
        (raw) => {
          const result = decodeHeaderValue(raw);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
    expect(decodeHeaderValue(42 as unknown as string).ok).toBe(false);
  });
});
