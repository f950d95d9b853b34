/**
 * The AES-256-GCM primitive behind {@link RequestStateSealer}: the sealer owns the token format,
 * the key derivation and the checks; a cipher only encrypts and decrypts with a 96-bit IV and a
 * 128-bit tag. Two ship: {@link webCryptoCipher} (any runtime) and {@link nodeCryptoCipher}
 * (`node:crypto`, where the runtime has it). Both produce the same bytes, so tokens move freely
 * between instances that use different ones. See docs/mrtr.md ("Sealing cost").
 */

/** What one AES-256-GCM operation works on. */
export interface CipherInput {
  /** The 96-bit IV. */
  iv: Uint8Array<ArrayBuffer>;
  /** Authenticated, not encrypted. */
  additionalData: Uint8Array<ArrayBuffer>;
  /** The plaintext to encrypt, or the ciphertext followed by its 16-byte tag to decrypt. */
  data: Uint8Array<ArrayBuffer>;
}

/** A pluggable AES-256-GCM implementation. Results may be synchronous or promised. */
export interface StateCipher<TKey = unknown> {
  /** For diagnostics: `'webcrypto'`, `'node:crypto'` or your own. */
  readonly name: string;
  /**
   * Prepares a 32-byte AES-256 key (already derived per purpose by the sealer). Called once per
   * key when a sealer is created; the sealer wipes `raw` afterwards, so keep your own copy if needed.
   */
  importKey(raw: Uint8Array<ArrayBuffer>): Promise<TKey>;
  /** Encrypts `input.data`; returns ciphertext followed by the 16-byte tag. */
  encrypt(key: TKey, input: CipherInput): Uint8Array | Promise<Uint8Array>;
  /**
   * Decrypts `input.data`, ciphertext followed by its 16-byte tag; `undefined` when the tag does not verify
   * (never throws for that). The tag must be compared in constant time.
   */
  decrypt(key: TKey, input: CipherInput): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/** AES-256-GCM through WebCrypto (`crypto.subtle`): works on every runtime, asynchronous. */
export const webCryptoCipher: StateCipher<CryptoKey> = {
  name: 'webcrypto',
  importKey: (raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
  async encrypt(key, { iv, additionalData, data }) {
    return new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, data),
    );
  },
  async decrypt(key, { iv, additionalData, data }) {
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, data),
      );
    } catch {
      return undefined;
    }
  },
};
