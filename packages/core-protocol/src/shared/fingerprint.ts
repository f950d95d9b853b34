import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url, utf8Encode } from './base64.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The fingerprint of a question: base64url of the first 16 bytes of SHA-256 over the canonical
 * JSON of what is asked (`{ method, params }`: the message, the requested schema, the URL, the
 * whole sampling request). Two asks have the same fingerprint exactly when they ask the same thing,
 * whatever the key order. 128 bits: a different question never matches by chance, and the sealed
 * state it travels in cannot be changed by the client.
 *
 * Synchronous (noble's audited SHA-256), so asks are registered in the turn they are made and
 * asks made together still go out in one round.
 *
 * @throws RangeError when the request nests deeper than canonical JSON allows
 */
export function fingerprintOf(request: unknown): string {
  return encodeBase64Url(sha256(utf8Encode(canonicalJson(request))).subarray(0, 16));
}
