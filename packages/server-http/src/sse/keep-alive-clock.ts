/**
 * One keep-alive timer per period for every open SSE stream of the process, instead of a timer
 * per stream: an idle listen stream then costs a `Set` entry, not a `Timeout` (about 130 bytes of
 * heap each; bench/RESULTS.md, idle listen streams). Streams that share a period are pinged in
 * the same tick, so a stream's first comment comes at most one period after it opened, and every
 * later one exactly a period apart.
 * @internal
 */

/** What the clock pings. */
export interface KeepAliveTarget {
  ping(): void;
}

/** The streams of one period and the timer that pings them while there are any. */
export class KeepAliveClock {
  readonly #periodMs: number;
  readonly #targets = new Set<KeepAliveTarget>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(periodMs: number) {
    this.#periodMs = periodMs;
  }

  add(target: KeepAliveTarget): void {
    this.#targets.add(target);
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(this.#tick, this.#periodMs);
    // Node: idle streams must not keep the process alive. Other runtimes have no unref.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  delete(target: KeepAliveTarget): void {
    if (!this.#targets.delete(target) || this.#targets.size > 0 || this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  readonly #tick = (): void => {
    for (const target of this.#targets) target.ping();
  };
}

const clocks = new Map<number, KeepAliveClock>();

/** The process's clock for `periodMs` (one per distinct period, made on first use). */
export function keepAliveClock(periodMs: number): KeepAliveClock {
  let clock = clocks.get(periodMs);
  if (clock === undefined) {
    clock = new KeepAliveClock(periodMs);
    clocks.set(periodMs, clock);
  }
  return clock;
}
