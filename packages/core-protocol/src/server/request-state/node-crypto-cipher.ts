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
interface NodeCrypto {
  createSecretKey(key: Uint8Array): object;
  createCipheriv(
    algorithm: 'aes-256-gcm',
    key: object,
    iv: Uint8Array,
    options: { authTagLength: number },
  ): NodeCipher & {
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

let loaded: { cipher: StateCipher<object> | undefined } | undefined;

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
    loaded = { cipher: nodeCrypto === undefined ? undefined : createNodeCipher(nodeCrypto) };
  }
  return loaded.cipher;
}

/** The cipher a sealer uses unless told otherwise: `node:crypto` where present, else WebCrypto. */
export function defaultStateCipher(): StateCipher {
  return (nodeCryptoCipher() as StateCipher | undefined) ?? webCryptoCipher;
}
