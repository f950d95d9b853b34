/** Error of a Redis command that got no answer in time (a Redis that hangs, a network partition). */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${String(timeoutMs)} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Waits at most `timeoutMs` for `work`. The connection fails commands at once while Redis is
 * down, but a Redis that hangs (paused, partitioned) keeps the socket open: this bounds that wait.
 * @throws RedisTimeoutError when the time is up (the command itself may still complete)
 */
export async function withDeadline<TValue>(work: Promise<TValue>, timeoutMs: number): Promise<TValue> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
