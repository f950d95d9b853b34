// A promise with its resolver, for waiting on something a handler does, with a bound on the wait.

/** A promise plus the function that resolves it. */
export interface Deferred<TValue> {
  readonly promise: Promise<TValue>;
  resolve(value: TValue): void;
}

/** Creates a {@link Deferred}. */
export function createDeferred<TValue>(): Deferred<TValue> {
  let resolve: (value: TValue) => void = () => undefined;
  const promise = new Promise<TValue>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Rejects when `promise` has not settled within `ms`, so a broken path fails fast. */
export function within<TValue>(
  promise: Promise<TValue>,
  ms: number,
  what: string,
): Promise<TValue> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not happen within ${String(ms)} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
