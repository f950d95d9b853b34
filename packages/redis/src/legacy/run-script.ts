/** Error of a Redis command that got no answer in time (a Redis that hangs, a network partition). */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${String(timeoutMs)} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Waits at most `timeoutMs` for a command. The connection fails commands at once while Redis is
 * down, but a Redis that hangs (paused, partitioned) keeps the socket open: this bounds that wait.
 */
export async function bounded<TValue>(work: Promise<TValue>, timeoutMs: number): Promise<TValue> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
