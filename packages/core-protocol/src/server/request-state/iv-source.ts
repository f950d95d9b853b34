/** Random bytes fetched per refill: 341 IVs for one call into the random source. */
const POOL_BYTES = 4092;
/** AES-GCM's 96-bit nonce. */
export const IV_BYTES = 12;

let pool = new Uint8Array(0);
let offset = 0;

/**
 * A fresh random 96-bit AES-GCM IV. IVs come from a pool filled by `crypto.getRandomValues`, so
 * the random source is called once per 341 tokens (each call is a few µs on Node). Every byte of
 * the pool is handed out once, then the pool is refilled: no IV is ever handed out twice.
 */
export function nextIv(): Uint8Array<ArrayBuffer> {
  if (offset + IV_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  // A view, not a copy: a pool is never written again once handed out (a refill is a new array).
  const iv = pool.subarray(offset, offset + IV_BYTES);
  offset += IV_BYTES;
  return iv;
}
