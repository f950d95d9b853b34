import { encodeBase64Url, utf8Encode } from './base64.js';
import { canonicalJson } from './canonical-json.js';
import { sha256 } from './sha256.js';

/** Fingerprints remembered by their canonical text: replay asks the same questions every round. */
const recent = new Map<string, string>();
/** Entries kept (oldest dropped first); texts longer than {@link MAX_CACHED_TEXT} are not kept. */
const MAX_CACHED = 512;
const MAX_CACHED_TEXT = 4096;

/**
 * The fingerprint of a question: base64url of the first 16 bytes of SHA-256 over the canonical
 * JSON of what is asked (`{ method, params }`: the message, the requested schema, the URL, the
 * whole sampling request). Two asks have the same fingerprint exactly when they ask the same thing,
 * whatever the key order. 128 bits: a different question never matches by chance, and the sealed
 * state it travels in cannot be changed by the client.
 *
 * Synchronous (`node:crypto` or noble's audited SHA-256), so asks are registered in the turn they
 * are made and asks made together still go out in one round. A replayed handler asks its earlier
 * questions again on every round, so recent fingerprints are remembered by their full canonical
 * text (bounded: at most 512 texts of at most 4 KiB).
 *
 * @throws RangeError when the request nests deeper than canonical JSON allows
 */
export function fingerprintOf(request: unknown): string {
  const text = canonicalJson(request);
  const known = recent.get(text);
  if (known !== undefined) return known;
  const fingerprint = encodeBase64Url(sha256(utf8Encode(text)).subarray(0, 16));
  if (text.length <= MAX_CACHED_TEXT) {
    if (recent.size >= MAX_CACHED) recent.delete(recent.keys().next().value ?? '');
    recent.set(text, fingerprint);
  }
  return fingerprint;
}
