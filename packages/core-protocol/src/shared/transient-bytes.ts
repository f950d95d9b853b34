import { utf8Encode } from './base64.js';
import { nodeBuiltin } from './node-builtin.js';

/**
 * Bytes that are read once, at once, and dropped: the plaintext and associated data handed to a
 * cipher, the body of a token about to be base64url-encoded. Where the runtime has `node:buffer`
 * they come from `Buffer`'s shared pool, which skips allocating an `ArrayBuffer` of their own
 * (about 1 µs for a 1 KB journal, several times per MRTR round); elsewhere they are ordinary
 * arrays. Never keep, transfer or expose them: a pooled view shares its memory with other Buffers.
 */
export type TransientBytes = Uint8Array<ArrayBuffer>;

interface PooledBuffer {
  Buffer: {
    // The pool is an ordinary ArrayBuffer.
    from(text: string, encoding: 'utf8'): Uint8Array<ArrayBuffer>;
    concat(parts: readonly Uint8Array[], totalLength: number): Uint8Array<ArrayBuffer>;
  };
}

let pooled: PooledBuffer['Buffer'] | undefined | null;

function pool(): PooledBuffer['Buffer'] | undefined {
  if (pooled === null) return undefined;
  if (pooled === undefined) {
    const module = nodeBuiltin<PooledBuffer>(
      'node:buffer',
      (candidate) =>
        typeof candidate.Buffer?.from === 'function' &&
        typeof candidate.Buffer.concat === 'function',
    );
    pooled = module?.Buffer ?? null;
  }
  return pooled ?? undefined;
}

/** `text` as UTF-8 (lone surrogates become U+FFFD, as with `TextEncoder`). */
export function transientUtf8(text: string): TransientBytes {
  return pool()?.from(text, 'utf8') ?? utf8Encode(text);
}

/** The parts one after another. */
export function transientConcat(parts: readonly Uint8Array[]): TransientBytes {
  let length = 0;
  for (const part of parts) length += part.length;
  return pool()?.concat(parts, length) ?? concatBytes(parts);
}

/** The parts one after another, in an array of its own (safe to keep). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
