import type { Ask, InputChannel } from '@tern/core-protocol';
import { InternalError } from '@tern/jsonrpc';
import type { TaskStore } from '../store/task-store.js';
import type { TaskRecord } from '../task.js';

/** What a {@link TaskInputChannel} works with. */
export interface TaskInputChannelOptions {
  store: TaskStore;
  taskId: string;
  /** Aborted when the task is cancelled, expires or its server stops. */
  signal: AbortSignal;
  /** Most input requests outstanding at once. */
  maxOutstanding: number;
}

/**
 * The input channel of a handler running as a task: each ask becomes an outstanding input request
 * of the task (status `input_required`, visible on `tasks/get`), and resolves when `tasks/update`
 * delivers its answer, in this process or any other sharing the store. Keys are unique over the
 * task's lifetime: an ask whose key was used before, or an answer that must be asked again,
 * goes out under a fresh key (`key#2`, ...).
 */
export class TaskInputChannel implements InputChannel {
  readonly #options: TaskInputChannelOptions;
  readonly #issued = new Set<string>();
  readonly #waiters = new Map<string, (value: unknown) => void>();

  constructor(options: TaskInputChannelOptions) {
    this.#options = options;
  }

  /** Hands delivered answers to the asks waiting for them (called on every change of the task). */
  onChange(task: TaskRecord): void {
    for (const key of Object.keys(task.inputResponses)) {
      if (this.#waiters.has(key)) void this.#collect(key);
    }
  }

  async ask(ask: Ask): Promise<unknown> {
    for (;;) {
      const key = this.#freshKey(ask.key);
      if (this.#waiters.size >= this.#options.maxOutstanding) {
        throw new InternalError(
          `The task asked for more than ${this.#options.maxOutstanding} inputs at once`,
        );
      }
      const answer = this.#waitFor(key);
      const asked = await this.#options.store.ask(this.#options.taskId, key, ask.request);
      if (asked === undefined) {
        this.#waiters.delete(key);
        throw this.#stopped();
      }
      // An answer delivered between the ask and the wait is already in the store.
      void this.#collect(key);
      const value = ask.accept(await answer);
      if (value !== undefined) return value;
    }
  }

  /** The handler runs once (no replay), so `once` simply runs `fn`. */
  async once<TValue>(_key: string, fn: () => TValue | Promise<TValue>): Promise<TValue> {
    return fn();
  }

  #freshKey(base: string): string {
    let key = base;
    for (let n = 2; this.#issued.has(key); n += 1) key = `${base}#${n}`;
    this.#issued.add(key);
    return key;
  }

  #waitFor(key: string): Promise<unknown> {
    const { signal } = this.#options;
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(this.#stopped());
        return;
      }
      const onAbort = (): void => {
        this.#waiters.delete(key);
        reject(this.#stopped());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(key, (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
    });
  }

  async #collect(key: string): Promise<void> {
    const resolve = this.#waiters.get(key);
    if (resolve === undefined) return;
    const taken = await this.#options.store.take(this.#options.taskId, key);
    if (!taken.found || this.#waiters.get(key) !== resolve) return;
    this.#waiters.delete(key);
    resolve(taken.value);
  }

  #stopped(): Error {
    const reason: unknown = this.#options.signal.reason;
    return reason instanceof Error
      ? reason
      : new InternalError('The task ended while it was waiting for input');
  }
}
