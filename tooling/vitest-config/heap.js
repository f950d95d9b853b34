// The heap after full collections, for the memory-budget tests. Vitest runs every test file with
// `--expose-gc` (see index.js); a run without it fails loudly instead of measuring garbage.

/** Bytes of live heap after repeated full collections (finalizers and timers get to run in between). */
export async function heapAfterGc() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('heapAfterGc needs node --expose-gc');
  for (let round = 0; round < 4; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return process.memoryUsage().heapUsed;
}

/** Megabytes, rounded to a tenth, for messages. */
export function mb(bytes) {
  return Math.round(bytes / 104_857.6) / 10;
}
