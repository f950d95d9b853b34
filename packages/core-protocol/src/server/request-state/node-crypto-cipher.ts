import type { StateCipher } from './state-cipher.js';
import { webCryptoCipher } from './state-cipher.js';
import { nodeBuiltin } from '../../shared/node-builtin.js';
import { concatBytes } from '../../shared/transient-bytes.js';

/** The part of `node:crypto` this cipher uses (typed here: the core has no Node types). */
interface NodeCipher {
  setAAD(data: Uint8Array): unknown;
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
}
interface NodeBuffer {
  Buffer: {
    from(text: string, encoding: 'utf8'): Uint8Array;
    concat(parts: readonly Uint8Array[], totalLength: number): { toString(encoding: 'base64url'): string };
  };
}
interface NodeCrypto {
  createSecretKey(key: Uint8Array): object;
  createCipheriv(
    algorithm: 'aes-256-gcm',
    key: object,
    iv: Uint8Array,
    options: { authTagLength: number },
  ): NodeCipher & {
    update(data: string, encoding: 'utf8'): Uint8Array;
    getAuthTag(): Uint8Array;
  };
  createDecipheriv(
    algorithm: 'aes-256-gcm',
    key: object,
    iv: Uint8Array,
    options: { authTagLength: number },
  ): NodeCipher & {
    setAuthTag(tag: Uint8Array): unknown;
  };
}

const TAG_BYTES = 16;

function createNodeCipher(nodeCrypto: NodeCrypto): StateCipher<object> {
  const options = { authTagLength: TAG_BYTES };
  return {
    name: 'node:crypto',
    // A KeyObject: the key bytes live outside the JS heap from here on.
    importKey: (raw) => Promise.resolve(nodeCrypto.createSecretKey(raw)),
    encrypt(key, { iv, additionalData, data }) {
      const cipher = nodeCrypto.createCipheriv('aes-256-gcm', key, iv, options);
      cipher.setAAD(additionalData);
      const body = cipher.update(data);
      const last = cipher.final();
      return concatBytes([body, last, cipher.getAuthTag()]);
    },
    decrypt(key, { iv, additionalData, data: sealed }) {
      if (sealed.length < TAG_BYTES) return undefined;
      const split = sealed.length - TAG_BYTES;
      try {
        // authTagLength pins the tag to 16 bytes: a truncated tag is refused, not accepted.
        const decipher = nodeCrypto.createDecipheriv('aes-256-gcm', key, iv, options);
        decipher.setAAD(additionalData);
        decipher.setAuthTag(sealed.subarray(split));
        const body = decipher.update(sealed.subarray(0, split));
        // final() verifies the tag (constant time, in OpenSSL) and throws when it does not match.
        return concatBytes([body, decipher.final()]);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Seals text straight into a token body: base64url(iv ‖ AES-256-GCM ciphertext ‖ tag), the same
 * bytes as `encrypt` on the UTF-8 of the text, without the copies in between (the sealer's path
 * for the built-in cipher).
 * @internal
 */
export type NodeTextSealer = (key: object, input: { iv: Uint8Array; additionalData: string; plaintext: string }) => string;

function createTextSealer(nodeCrypto: NodeCrypto, nodeBuffer: NodeBuffer): NodeTextSealer {
  const { Buffer } = nodeBuffer;
  const options = { authTagLength: TAG_BYTES };
  return (key, { iv, additionalData, plaintext }) => {
    const cipher = nodeCrypto.createCipheriv('aes-256-gcm', key, iv, options);
    cipher.setAAD(Buffer.from(additionalData, 'utf8'));
    const body = cipher.update(plaintext, 'utf8');
    const last = cipher.final();
    const tag = cipher.getAuthTag();
    return Buffer.concat([iv, body, last, tag], iv.length + body.length + last.length + tag.length).toString('base64url');
  };
}

let loaded: { cipher: StateCipher<object> | undefined; textSealer: NodeTextSealer | undefined } | undefined;

/**
 * AES-256-GCM through `node:crypto`: synchronous, no thread-pool round trip (a fraction of
 * WebCrypto's CPU per token on Node). `undefined` on runtimes without `node:crypto`.
 */
export function nodeCryptoCipher(): StateCipher<object> | undefined {
  if (loaded === undefined) {
    const nodeCrypto = nodeBuiltin<NodeCrypto>(
      'node:crypto',
      (module) =>
        typeof module.createCipheriv === 'function' && typeof module.createSecretKey === 'function',
    );
    const nodeBuffer = nodeBuiltin<NodeBuffer>(
      'node:buffer',
      (module) => typeof module.Buffer?.from === 'function' && typeof module.Buffer.concat === 'function',
    );
    loaded = {
      cipher: nodeCrypto === undefined ? undefined : createNodeCipher(nodeCrypto),
      textSealer: nodeCrypto === undefined || nodeBuffer === undefined ? undefined : createTextSealer(nodeCrypto, nodeBuffer),
    };
  }
  return loaded.cipher;
}

/**
 * The text sealer of the built-in `node:crypto` cipher, when the runtime has `node:crypto` and
 * `node:buffer`; `undefined` elsewhere.
 * @internal
 */
export function nodeTextSealer(): NodeTextSealer | undefined {
  nodeCryptoCipher();
  return loaded?.textSealer;
}

/** The cipher a sealer uses unless told otherwise: `node:crypto` where present, else WebCrypto. */
export function defaultStateCipher(): StateCipher {
  return (nodeCryptoCipher() as StateCipher | undefined) ?? webCryptoCipher;
}
