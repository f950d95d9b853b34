/**
 * Sealing of MRTR `requestState` (and other opaque server tokens such as list cursors).
 *
 * A sealed token is `ts2.<keyId>.<base64url(iv ‖ AES-256-GCM ciphertext ‖ tag)>`. The plaintext is
 * `{"v":2,"iat":<ms>,"exp":<ms>,"d":<payload>}`. The AES key is derived per purpose (request
 * state, cursors, ...) from the configured secret, and the associated data binds the token to the
 * server (audience), the purpose and the request (principal, method, target, arguments digest):
 * verified on every open, never stored in the token.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr
 *   (requestState security; requirements #58-#60)
 */

import { usageError } from '../../errors.js';
import { decodeBase64Url, encodeBase64Url, utf8Decode, utf8Encode } from '../../shared/base64.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { transientConcat, transientUtf8 } from '../../shared/transient-bytes.js';
import { IV_BYTES, nextIv } from './iv-source.js';
import { associatedDataText, checkBinding } from './state-binding.js';
import type { SealerScope, StateBinding } from './state-binding.js';
import { defaultStateCipher, nodeCryptoCipher, nodeTextSealer } from './node-crypto-cipher.js';
import type { NodeTextSealer } from './node-crypto-cipher.js';
import { webCryptoCipher } from './state-cipher.js';
import type { StateCipher } from './state-cipher.js';

/** A sealing key. Configure the same ring on every instance so any of them can open a token. */
export interface RequestStateKey {
  /** Names the key inside tokens: 1-32 characters of `A-Z a-z 0-9 _ -`. Not secret. */
  id: string;
  /** At least 32 random bytes, as bytes or as base64/base64url text (padding optional). */
  secret: Uint8Array | string;
}

export type { StateBinding } from './state-binding.js';

/** Options of {@link RequestStateSealer.create}. */
export interface RequestStateSealerOptions {
  /**
   * The key ring: the first key seals, every key opens (rotation: put the new key first and keep
   * the old one second until its tokens have expired). When absent or empty, a random key is
   * generated and {@link RequestStateSealer.generatedKey} is `true`.
   */
  keys?: readonly RequestStateKey[];
  /** Token lifetime in milliseconds: finite and positive. Default 15 minutes. */
  ttlMs?: number;
  /**
   * Longest accepted token, in characters: positive integer, default 65 536. Longer tokens are
   * rejected before any decoding or crypto, and `seal()` refuses to produce one.
   */
  maxTokenLength?: number;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * What the tokens are for (`request-state`, `cursor`, ...): each purpose seals with its own
   * derived key and its own associated data, so a token of one purpose never opens as another.
   * 1-64 characters of `a-z 0-9 -`. Default `request-state`.
   */
  purpose?: string;
  /**
   * Who the tokens are for: the server's identity (its name, plus a deployment id where several
   * deployments share a key ring). A token opens only on a sealer of the same audience. Default `''`.
   */
  audience?: string;
  /**
   * The AES-256-GCM implementation. Default: `node:crypto` where the runtime has it (synchronous,
   * no thread-pool round trip), else WebCrypto. Tokens are the same bytes either way.
   */
  cipher?: StateCipher;
}

/** Why {@link RequestStateSealer.open} refused a token. For logs only: never put it on the wire. */
export type RequestStateRejectReason =
  'malformed' | 'unknown-key' | 'invalid' | 'expired' | 'too-large';

/** The outcome of {@link RequestStateSealer.open}. */
export type RequestStateOpenResult =
  | { ok: true; payload: unknown; issuedAt: number }
  | { ok: false; reason: RequestStateRejectReason };

const TOKEN_VERSION = 'ts2';
const ENVELOPE_VERSION = 2;
const PURPOSE_PATTERN = /^[a-z0-9-]{1,64}$/;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_SECRET_BYTES = 32;
const TAG_BYTES = 16;
const DEFAULT_TTL_MS = 15 * 60 * 1000;
const DEFAULT_MAX_TOKEN_LENGTH = 64 * 1024;
/** HKDF info: one AES key per purpose, apart from anything else derived from the same secret. */
function keyInfo(purpose: string): Uint8Array<ArrayBuffer> {
  return utf8Encode(`tern/${TOKEN_VERSION}/${purpose}/aes-256-gcm`);
}

interface SealerInit {
  readonly cipher: StateCipher;
  readonly keys: ReadonlyMap<string, unknown>;
  readonly purpose: string;
  readonly audience: string;
  readonly sealingKeyId: string;
  readonly generatedKey: boolean;
  readonly ttlMs: number;
  readonly maxTokenLength: number;
  readonly now: () => number;
}

function reject(reason: RequestStateRejectReason): RequestStateOpenResult {
  return { ok: false, reason };
}

function decodeSecret(secret: Uint8Array | string, id: string): Uint8Array<ArrayBuffer> {
  if (typeof secret !== 'string') {
    if (!(secret instanceof Uint8Array))
      throw usageError(`requestState key "${id}": secret must be bytes or base64`);
    return new Uint8Array(secret); // a copy: later changes to the caller's array have no effect
  }
  // Accept either alphabet, with or without padding, and surrounding whitespace from a key file.
  const unpadded = secret.trim().replace(/={1,2}$/, '');
  const mixed = /[+/]/.test(unpadded) && /[-_]/.test(unpadded);
  const bytes = mixed
    ? undefined
    : decodeBase64Url(unpadded.replaceAll('+', '-').replaceAll('/', '_'));
  if (bytes === undefined)
    throw usageError(`requestState key "${id}": secret is not valid base64 or base64url`);
  return bytes;
}

/**
 * Derives the purpose's AES-256 key once, when the sealer is created (HKDF-SHA-256, empty salt:
 * the same 32 bytes WebCrypto's `deriveKey` to AES-GCM produced before ciphers were pluggable),
 * hands it to the cipher and wipes the derived bytes.
 */
async function importKey(
  cipher: StateCipher,
  secret: Uint8Array<ArrayBuffer>,
  purpose: string,
): Promise<unknown> {
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
  const raw = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: keyInfo(purpose) },
      base,
      256,
    ),
  );
  try {
    return await cipher.importKey(raw);
  } finally {
    raw.fill(0);
  }
}

function checkPositive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw usageError(
      `RequestStateSealer: ${name} must be a finite number greater than 0, got ${String(value)}`,
    );
  }
  return value;
}

function isEnvelope(value: unknown): value is { v: number; iat: number; exp: number; d?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Readonly<Record<string, unknown>>;
  return (
    record['v'] === ENVELOPE_VERSION &&
    typeof record['exp'] === 'number' &&
    Number.isFinite(record['exp']) &&
    typeof record['iat'] === 'number' &&
    Number.isFinite(record['iat'])
  );
}

/**
 * Seals and opens `requestState` tokens with AES-256-GCM (#58, #59): tampering, another key, a
 * different binding (#60), expiry and oversize are all rejected, and the payload is encrypted, so
 * clients can neither read nor forge it. Works on any runtime with WebCrypto; uses `node:crypto`
 * where the runtime has it (see {@link RequestStateSealerOptions.cipher}).
 *
 * Tokens are not single-use: something that must happen at most once needs a server-side check.
 *
 * @example
 * const sealer = await RequestStateSealer.create({ keys: [{ id: 'k1', secret: env.STATE_KEY }] });
 * const binding = { principal, method: 'tools/call', target: 'deploy', argumentsDigest: await digestArguments(args) };
 * const token = await sealer.seal({ step: 2 }, binding);
 * const opened = await sealer.open(token, binding); // { ok: true, payload: { step: 2 } }
 */
export class RequestStateSealer {
  /**
   * `true` when no keys were configured and a random key was generated: tokens then open only on
   * this instance and only until it restarts. Callers should warn once.
   */
  readonly generatedKey: boolean;
  readonly #cipher: StateCipher;
  readonly #keys: ReadonlyMap<string, unknown>;
  readonly #scope: SealerScope;
  readonly #sealingKeyId: string;
  readonly #ttlMs: number;
  readonly #maxTokenLength: number;
  readonly #now: () => number;
  /**
   * Encodes what only the cipher reads. The built-in ciphers read their input before they return
   * (`node:crypto` is synchronous, WebCrypto copies it first), so they get transient bytes, which
   * may come from Buffer's pool; a cipher of the user's own gets arrays of its own.
   */
  readonly #cipherBytes: (text: string) => Uint8Array<ArrayBuffer>;
  /** With the built-in `node:crypto` cipher: seals text to the token body in one step. */
  readonly #textSealer: NodeTextSealer | undefined;

  private constructor(init: SealerInit) {
    this.generatedKey = init.generatedKey;
    this.#cipher = init.cipher;
    const node = init.cipher === (nodeCryptoCipher() as StateCipher | undefined);
    this.#cipherBytes = node || init.cipher === webCryptoCipher ? transientUtf8 : utf8Encode;
    this.#textSealer = node ? nodeTextSealer() : undefined;
    this.#keys = init.keys;
    this.#scope = { version: TOKEN_VERSION, purpose: init.purpose, audience: init.audience };
    this.#sealingKeyId = init.sealingKeyId;
    this.#ttlMs = init.ttlMs;
    this.#maxTokenLength = init.maxTokenLength;
    this.#now = init.now;
  }

  /**
   * Validates the options, imports the keys and returns a sealer.
   *
   * @throws SdkError INVALID_USAGE (as a rejected promise) when `ttlMs` is not finite and positive
   *   (`Infinity`, `NaN`, `0`, negative), `maxTokenLength` is not a positive integer, a secret is
   *   neither bytes nor valid base64/base64url or decodes to fewer than 32 bytes, a key id is not
   *   1-32 characters of `A-Z a-z 0-9 _ -`, two keys share an id, or the purpose or audience is bad.
   */
  static async create(options: RequestStateSealerOptions = {}): Promise<RequestStateSealer> {
    const ttlMs = checkPositive('ttlMs', options.ttlMs, DEFAULT_TTL_MS);
    const maxTokenLength = checkPositive(
      'maxTokenLength',
      options.maxTokenLength,
      DEFAULT_MAX_TOKEN_LENGTH,
    );
    if (!Number.isInteger(maxTokenLength)) {
      throw usageError(
        `RequestStateSealer: maxTokenLength must be an integer, got ${maxTokenLength}`,
      );
    }
    const purpose = options.purpose ?? 'request-state';
    if (typeof purpose !== 'string' || !PURPOSE_PATTERN.test(purpose)) {
      throw usageError('RequestStateSealer: purpose must be 1-64 characters of a-z 0-9 -');
    }
    const audience = options.audience ?? '';
    if (typeof audience !== 'string')
      throw usageError('RequestStateSealer: audience must be a string');
    const configured = options.keys ?? [];
    const secrets = new Map<string, Uint8Array<ArrayBuffer>>();
    for (const key of configured) {
      if (typeof key.id !== 'string' || !KEY_ID_PATTERN.test(key.id)) {
        throw usageError('RequestStateSealer: a key id must be 1-32 characters of A-Z a-z 0-9 _ -');
      }
      if (secrets.has(key.id)) throw usageError(`RequestStateSealer: duplicate key id "${key.id}"`);
      const secret = decodeSecret(key.secret, key.id);
      if (secret.length < MIN_SECRET_BYTES) {
        throw usageError(
          `RequestStateSealer: key "${key.id}" has ${secret.length} bytes; at least ${MIN_SECRET_BYTES} are required`,
        );
      }
      secrets.set(key.id, secret);
    }
    const generatedKey = secrets.size === 0;
    if (generatedKey) {
      const id = `gen-${encodeBase64Url(crypto.getRandomValues(new Uint8Array(6)))}`;
      secrets.set(id, crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES)));
    }
    const cipher = options.cipher ?? defaultStateCipher();
    const keys = new Map<string, unknown>();
    for (const [id, secret] of secrets) keys.set(id, await importKey(cipher, secret, purpose));
    const [sealingKeyId = ''] = secrets.keys();
    return new RequestStateSealer({
      cipher,
      keys,
      purpose,
      audience,
      sealingKeyId,
      generatedKey,
      ttlMs,
      maxTokenLength,
      now: options.now ?? Date.now,
    });
  }

  /**
   * Seals `payload` (any JSON-serialisable value) for the request described by `binding`, with the
   * first key of the ring and a fresh random IV; it expires `ttlMs` from now.
   *
   * @throws RangeError when the token would be longer than `maxTokenLength`, or `now()` is not finite.
   * @throws TypeError when `payload` cannot be serialised (cycle, BigInt) or `binding` is not a
   *   {@link StateBinding}.
   */
  async seal(payload: unknown, binding: StateBinding): Promise<string> {
    checkBinding(binding);
    const key = this.#keys.get(this.#sealingKeyId);
    if (key === undefined) throw new RangeError('RequestStateSealer: no sealing key');
    const now = this.#now();
    if (!Number.isFinite(now))
      throw new RangeError('RequestStateSealer: now() must return a finite number');
    const text = JSON.stringify({ v: ENVELOPE_VERSION, iat: now, exp: now + this.#ttlMs, d: payload });
    const prefix = `${TOKEN_VERSION}.${this.#sealingKeyId}.`;
    const aad = associatedDataText(this.#sealingKeyId, this.#scope, binding);
    const iv = nextIv();
    if (this.#textSealer === undefined) {
      const plaintext = this.#cipherBytes(text);
      this.#checkLength(prefix, plaintext.length);
      const sealed = await this.#cipher.encrypt(key, { iv, additionalData: this.#cipherBytes(aad), data: plaintext });
      // The joined body is only read by the encoder, at once.
      return `${prefix}${encodeBase64Url(transientConcat([iv, sealed]))}`;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: most journals are known to fit unencoded.
    if (sealedLength(prefix, text.length * 3) > this.#maxTokenLength) this.#checkLength(prefix, utf8Encode(text).length);
    return `${prefix}${this.#textSealer(key as object, { iv, additionalData: aad, plaintext: text })}`;
  }

  /** @throws RangeError when a token of `plaintextBytes` would be longer than `maxTokenLength` */
  #checkLength(prefix: string, plaintextBytes: number): void {
    const length = sealedLength(prefix, plaintextBytes);
    if (length > this.#maxTokenLength) {
      throw new RangeError(
        `RequestStateSealer: the sealed state would be ${length} characters, above maxTokenLength ${this.#maxTokenLength}`,
      );
    }
  }


  /**
   * Opens a token received from a client (attacker-controlled input, #58) for the request described
   * by `binding`. Checks, in order: length (before any decoding or crypto), format, key id,
   * authenticity and binding (the GCM tag, compared in constant time by the cipher), envelope and
   * expiry. The payload is `JSON.parse`d and returned as is, never merged into other objects.
   *
   * Never throws because of the token. Answer every failure with the same generic error on the
   * wire (#59); `reason` is for logs.
   *
   * @throws TypeError only when `binding` is not a {@link StateBinding} (a programming error).
   */
  async open(token: string, binding: StateBinding): Promise<RequestStateOpenResult> {
    checkBinding(binding);
    if (typeof token !== 'string') return reject('malformed');
    if (token.length > this.#maxTokenLength) return reject('too-large');
    const parts = token.split('.', 4);
    const [version, keyId = '', encoded = ''] = parts;
    if (parts.length !== 3 || version !== TOKEN_VERSION || !KEY_ID_PATTERN.test(keyId))
      return reject('malformed');
    const body = decodeBase64Url(encoded);
    if (body === undefined || body.length < IV_BYTES + TAG_BYTES) return reject('malformed');
    const key = this.#keys.get(keyId);
    if (key === undefined) return reject('unknown-key');
    let plaintext: Uint8Array | undefined;
    try {
      plaintext = await this.#cipher.decrypt(key, {
        iv: body.subarray(0, IV_BYTES),
        additionalData: this.#cipherBytes(associatedDataText(keyId, this.#scope, binding)),
        data: body.subarray(IV_BYTES),
      });
    } catch {
      plaintext = undefined; // a custom cipher that throws instead of answering undefined
    }
    if (plaintext === undefined) return reject('invalid');
    const text = utf8Decode(plaintext);
    let envelope: unknown;
    try {
      envelope = text === undefined ? undefined : JSON.parse(text);
    } catch {
      return reject('invalid');
    }
    if (!isEnvelope(envelope)) return reject('invalid');
    // Written so that a NaN clock counts as expired.
    if (!(this.#now() < envelope.exp)) return reject('expired');
    return {
      ok: true,
      payload: Object.hasOwn(envelope, 'd') ? envelope.d : undefined,
      issuedAt: envelope.iat,
    };
  }
}

/** Characters of a token whose plaintext takes `plaintextBytes`: the prefix, then base64url of iv ‖ ciphertext ‖ tag. */
function sealedLength(prefix: string, plaintextBytes: number): number {
  return prefix.length + Math.ceil(((IV_BYTES + plaintextBytes + TAG_BYTES) * 4) / 3);
}

/**
 * Digests tool or prompt arguments for {@link StateBinding.argumentsDigest}:
 * base64url(SHA-256(UTF-8({@link canonicalJson}(args)))). Key order does not matter.
 *
 * @throws RangeError when `args` nests deeper than 256 levels; TypeError for a BigInt.
 */
export async function digestArguments(args: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', utf8Encode(canonicalJson(args)));
  return encodeBase64Url(new Uint8Array(digest));
}
