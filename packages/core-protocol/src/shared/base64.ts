/**
 * Runtime-neutral base64, base64url and UTF-8 helpers.
 *
 * They avoid `Buffer` (Node only) and `atob`/`btoa` (lenient: `atob` skips whitespace and accepts
 * missing padding), and they never spread a large array into `String.fromCharCode`, so inputs of
 * any size are safe. Decoders are strict and return `undefined` instead of throwing, because their
 * input usually comes from the network.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648 (sections 4 and 5)
 */

import { nodeBuiltin } from './node-builtin.js';

const STANDARD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PAD = 0x3d; // '='
/** Groups of four characters per output chunk, so no string grows by single characters forever. */
const GROUPS_PER_CHUNK = 4096;

const STANDARD_LOOKUP = buildLookup(STANDARD_ALPHABET);
const URL_LOOKUP = buildLookup(URL_ALPHABET);

const utf8Encoder = new TextEncoder();
// `ignoreBOM: true` keeps a leading U+FEFF as data, so decoding is the exact inverse of encoding.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function buildLookup(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let index = 0; index < alphabet.length; index++) {
    table[alphabet.charCodeAt(index)] = index;
  }
  return table;
}

function encodeWith(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const chunks: string[] = [];
  let chunk = '';
  let groups = 0;
  const fullEnd = bytes.length - (bytes.length % 3);
  for (let index = 0; index < fullEnd; index += 3) {
    const triple =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    chunk +=
      alphabet.charAt(triple >>> 18) +
      alphabet.charAt((triple >>> 12) & 63) +
      alphabet.charAt((triple >>> 6) & 63) +
      alphabet.charAt(triple & 63);
    if (++groups === GROUPS_PER_CHUNK) {
      chunks.push(chunk);
      chunk = '';
      groups = 0;
    }
  }
  const rest = bytes.length - fullEnd;
  if (rest > 0) {
    const first = bytes[fullEnd] ?? 0;
    const second = rest === 2 ? (bytes[fullEnd + 1] ?? 0) : 0;
    chunk += alphabet.charAt(first >>> 2) + alphabet.charAt(((first & 3) << 4) | (second >>> 4));
    if (rest === 2) {
      chunk += alphabet.charAt((second & 15) << 2);
    }
    if (pad) {
      chunk += rest === 2 ? '=' : '==';
    }
  }
  chunks.push(chunk);
  return chunks.join('');
}

function decodeWith(
  text: string,
  lookup: Int8Array,
  padded: boolean,
): Uint8Array<ArrayBuffer> | undefined {
  let length = text.length;
  if (padded) {
    if (length % 4 !== 0) return undefined;
    if (length > 0 && text.charCodeAt(length - 1) === PAD) {
      length -= text.charCodeAt(length - 2) === PAD ? 2 : 1;
    }
  } else if (length % 4 === 1) {
    return undefined;
  }
  const rest = length % 4;
  const out = new Uint8Array((length >>> 2) * 3 + (rest === 0 ? 0 : rest - 1));
  const sextet = (index: number): number => {
    const code = text.charCodeAt(index);
    return code < 128 ? (lookup[code] ?? -1) : -1;
  };
  let outIndex = 0;
  const fullEnd = length - rest;
  for (let index = 0; index < fullEnd; index += 4) {
    const a = sextet(index);
    const b = sextet(index + 1);
    const c = sextet(index + 2);
    const d = sextet(index + 3);
    if ((a | b | c | d) < 0) return undefined;
    const triple = (a << 18) | (b << 12) | (c << 6) | d;
    out[outIndex++] = triple >>> 16;
    out[outIndex++] = (triple >>> 8) & 255;
    out[outIndex++] = triple & 255;
  }
  if (rest > 0) {
    const a = sextet(fullEnd);
    const b = sextet(fullEnd + 1);
    const c = rest === 3 ? sextet(fullEnd + 2) : 0;
    if ((a | b | c) < 0) return undefined;
    // Non-zero unused bits mean a second spelling of the same bytes; reject it (RFC 4648 3.5).
    if (rest === 2 ? (b & 15) !== 0 : (c & 3) !== 0) return undefined;
    out[outIndex++] = (a << 2) | (b >>> 4);
    if (rest === 3) {
      out[outIndex] = ((b & 15) << 4) | (c >>> 2);
    }
  }
  return out;
}

/**
 * Encodes bytes as standard base64 (RFC 4648 section 4) with `=` padding.
 */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(bytes, STANDARD_ALPHABET, true);
}

/**
 * Decodes standard base64 (RFC 4648 section 4) strictly: the length must be a multiple of four,
 * padding must be correct, no whitespace or characters outside the alphabet, and the unused bits
 * of the last character must be zero (so every byte string has exactly one accepted spelling).
 *
 * @returns the bytes, or `undefined` when `text` is not canonical padded base64.
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  return decodeWith(text, STANDARD_LOOKUP, true);
}

/**
 * Encodes bytes as base64url (RFC 4648 section 5) without padding, as used in URLs and tokens.
 * Uses the runtime's native encoder where there is one (`Buffer`: the same text, several times
 * faster on the sealed tokens of every MRTR round).
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return nativeBase64Url()?.encode(bytes) ?? encodeWith(bytes, URL_ALPHABET, false);
}

/**
 * Decodes unpadded base64url (RFC 4648 section 5) strictly: `=` padding, whitespace, characters
 * outside `A-Z a-z 0-9 - _`, impossible lengths and non-zero unused bits are all rejected.
 *
 * @returns the bytes, or `undefined` when `text` is not canonical unpadded base64url.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const fast = nativeBase64Url();
  if (fast === undefined) return decodeWith(text, URL_LOOKUP, false);
  // The native decoder is lenient (it skips what is not base64url), so the text is accepted only
  // when it is exactly the canonical encoding of what it decodes to: any stray character, padding,
  // impossible length or non-zero unused bit spells something else.
  const bytes = fast.decode(text);
  return fast.encode(bytes) === text ? bytes : undefined;
}

/** The portable encoder and decoder of base64url, whatever the runtime offers (for tests). */
export const portableBase64Url = {
  encode: (bytes: Uint8Array): string => encodeWith(bytes, URL_ALPHABET, false),
  decode: (text: string): Uint8Array<ArrayBuffer> | undefined =>
    decodeWith(text, URL_LOOKUP, false),
};

interface NativeBuffer {
  Buffer: {
    from(
      data: ArrayBufferLike,
      offset: number,
      length: number,
    ): { toString(encoding: 'base64url'): string };
    from(text: string, encoding: 'base64url'): Uint8Array;
  };
}

interface Base64UrlCodec {
  encode: (bytes: Uint8Array) => string;
  decode: (text: string) => Uint8Array<ArrayBuffer>;
}

let native: Base64UrlCodec | undefined;
let lookedForNative = false;

/** `Buffer`'s base64url where the runtime has `node:buffer`, else `undefined`. */
function nativeBase64Url(): Base64UrlCodec | undefined {
  if (!lookedForNative) {
    lookedForNative = true;
    const module = nodeBuiltin<NativeBuffer>(
      'node:buffer',
      (candidate) => typeof candidate.Buffer?.from === 'function',
    );
    native =
      module === undefined
        ? undefined
        : {
            encode: (bytes) =>
              module.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
                'base64url',
              ),
            // A copy: a Buffer may be a view into a shared pool.
            decode: (text) => new Uint8Array(module.Buffer.from(text, 'base64url')),
          };
  }
  return native;
}

/**
 * Encodes a string as UTF-8. Lone surrogates become U+FFFD (the `TextEncoder` rule), so a string
 * that is not well-formed UTF-16 does not survive a round trip unchanged.
 */
export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return utf8Encoder.encode(text);
}

/**
 * Decodes UTF-8 strictly (a fatal decoder): overlong forms, surrogates and truncated sequences are
 * rejected rather than replaced. A leading byte order mark is kept as U+FEFF.
 *
 * @returns the string, or `undefined` when `bytes` is not valid UTF-8.
 */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
