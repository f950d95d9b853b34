/**
 * The base64 sentinel that carries arbitrary strings in `Mcp-Name` and `Mcp-Param-*` headers.
 *
 * A value that is not a safe plain header value is sent as `=?base64?<base64 of UTF-8>?=`. The
 * markers are lowercase and case-sensitive: `=?BASE64?…?=` is an ordinary literal.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 *   (value encoding; requirements #121, #125-#127)
 */

import { decodeBase64, encodeBase64, utf8Decode, utf8Encode } from './base64.js';

const SENTINEL_PREFIX = '=?base64?';
const SENTINEL_SUFFIX = '?=';
const SPACE = 0x20;
const TAB = 0x09;

/** The outcome of {@link decodeHeaderValue}. */
export type HeaderValueDecodeResult = { ok: true; value: string } | { ok: false; reason: string };

function isFieldChar(code: number): boolean {
  return code === SPACE || code === TAB || (code >= 0x21 && code <= 0x7e);
}

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function hasOnlyFieldChars(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    if (!isFieldChar(value.charCodeAt(index))) return false;
  }
  return true;
}

function looksLikeSentinel(value: string): boolean {
  return value.startsWith(SENTINEL_PREFIX) && value.endsWith(SENTINEL_SUFFIX);
}

/** Strips leading and trailing SP/HTAB, as RFC 9110 section 5.5 does when a field is parsed. */
function trimOptionalWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

/**
 * Tells whether `value` may be sent in a header as-is: every character is visible ASCII
 * (0x21-0x7E) or an inner space/tab, it neither starts nor ends with a space/tab, and it does not
 * look like the base64 sentinel (`=?base64?…?=`). The empty string is safe (an empty header).
 */
export function isSafePlainHeaderValue(value: string): boolean {
  if (value === '') return true;
  if (!hasOnlyFieldChars(value)) return false;
  if (isWhitespace(value.charCodeAt(0)) || isWhitespace(value.charCodeAt(value.length - 1))) {
    return false;
  }
  return !looksLikeSentinel(value);
}

/**
 * Encodes a string for an `Mcp-Name` or `Mcp-Param-*` header: unchanged when
 * {@link isSafePlainHeaderValue} holds, otherwise `=?base64?<base64 of the UTF-8 bytes>?=`.
 *
 * Lone surrogates are encoded as U+FFFD (they have no UTF-8 form), so such a value will not match
 * its body value on the server.
 *
 * @example
 * encodeHeaderValue('us-west1'); // 'us-west1'
 * encodeHeaderValue(' eu-1 ');   // '=?base64?IGV1LTEg?='
 */
export function encodeHeaderValue(value: string): string {
  if (isSafePlainHeaderValue(value)) return value;
  return `${SENTINEL_PREFIX}${encodeBase64(utf8Encode(value))}${SENTINEL_SUFFIX}`;
}

/**
 * Decodes a received `Mcp-Name` or `Mcp-Param-*` header value. Never throws.
 *
 * Leading and trailing spaces/tabs are dropped first, as RFC 9110 field parsing does (fetch
 * `Headers` has already done it); apart from that a plain value is compared as received, with no
 * case folding or other normalisation. A value that starts with exactly `=?base64?` and ends with
 * `?=` is decoded strictly: invalid base64 or invalid UTF-8 is an error. A plain value with
 * characters outside visible ASCII and inner space/tab (controls, obs-text) is an error (#131).
 *
 * @param raw the header value as the HTTP stack delivered it.
 * @returns the decoded value, or a short reason suitable for a `-32020` error message.
 */
export function decodeHeaderValue(raw: string): HeaderValueDecodeResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'header value is not a string' };
  const value = trimOptionalWhitespace(raw);
  if (looksLikeSentinel(value)) {
    if (value.length < SENTINEL_PREFIX.length + SENTINEL_SUFFIX.length) {
      return { ok: false, reason: 'malformed =?base64?…?= value' };
    }
    const bytes = decodeBase64(value.slice(SENTINEL_PREFIX.length, -SENTINEL_SUFFIX.length));
    if (bytes === undefined) return { ok: false, reason: 'invalid base64 in =?base64?…?= value' };
    const text = utf8Decode(bytes);
    if (text === undefined) return { ok: false, reason: '=?base64?…?= value is not valid UTF-8' };
    return { ok: true, value: text };
  }
  if (!hasOnlyFieldChars(value)) {
    return { ok: false, reason: 'header value contains characters other than visible ASCII' };
  }
  return { ok: true, value };
}
