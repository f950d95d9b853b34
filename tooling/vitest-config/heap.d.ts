/** Bytes of live heap after repeated full collections. Needs `--expose-gc` (set by the shared config). */
export function heapAfterGc(): Promise<number>;
/** Megabytes, rounded to a tenth, for messages. */
export function mb(bytes: number): number;
