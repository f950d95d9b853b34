import type { InputChannel } from '@tern/core-protocol';
import { isJsonRpcError } from '@tern/jsonrpc';
import type { JsonRpcNotification } from '@tern/jsonrpc';
import type { TaskStore } from '../store/task-store.js';
import type { TaskError, TaskProgress, TaskRecord } from '../task.js';
import { TaskInputChannel } from './task-input-channel.js';

/** What a {@link TaskRunner} needs from its extension. */
export interface TaskRunnerOptions {
  store: TaskStore;
  /** How long a renewed lease lasts; renewed every third of it. */
  leaseMs: number;
  maxOutstandingInputs: number;
  now: () => number;
  /** Sees errors that are not the task's own outcome (a store that failed, a handler's bug). */
  reportError: (error: unknown) => void;
}

/** Why a runner's signal was aborted. */
export class TaskStoppedError extends Error {
  override readonly name = 'TaskStoppedError';
  readonly reason: 'cancelled' | 'expired' | 'closed';
  constructor(message: string, reason: 'cancelled' | 'expired' | 'closed') {
    super(message);
    this.reason = reason;
  }
}

/** The error a task fails with when its handler broke without a JSON-RPC error. */
const INTERNAL: TaskError = { code: -32603, message: 'Internal error' };

/**
 * Runs one task's handler in this process: gives it the task's abort signal and input channel,
 * records its progress, renews the task's lease while it runs, stops it on `tasks/cancel` or
 * when its TTL elapses, and settles the task with the handler's outcome.
 */
export class TaskRunner {
  readonly taskId: string;
  readonly channel: TaskInputChannel;
  readonly #controller = new AbortController();
  readonly #options: TaskRunnerOptions;
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  readonly #unwatch: () => void;
  #onDone: (() => void) | undefined;

  constructor(task: TaskRecord, options: TaskRunnerOptions) {
    this.taskId = task.taskId;
    this.#options = options;
    this.channel = new TaskInputChannel({
      store: options.store,
      taskId: task.taskId,
      signal: this.#controller.signal,
      maxOutstanding: options.maxOutstandingInputs,
    });
    this.#unwatch = options.store.watch(task.taskId, (current) => {
      if (current.status === 'cancelled')
        this.stop(new TaskStoppedError('The task was cancelled', 'cancelled'));
      else this.channel.onChange(current);
    });
    const renewEvery = Math.max(1, Math.floor(options.leaseMs / 3));
    this.#timers.push(unrefTimer(setInterval(() => void this.#renew(), renewEvery)));
    if (task.ttlMs !== null) {
      const left = Date.parse(task.createdAt) + task.ttlMs - options.now();
      const expire = (): void =>
        this.stop(new TaskStoppedError('The task outlived its ttlMs', 'expired'));
      this.#timers.push(unrefTimer(setTimeout(expire, Math.max(0, left))));
    }
  }

  /** Aborted when the task is cancelled, expires, or the extension closes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get inputChannel(): InputChannel {
    return this.channel;
  }

  /** Stops the handler (its signal aborts with `reason`). */
  stop(reason: TaskStoppedError): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /** Calls `fn` once the task has been settled or abandoned. */
  onDone(fn: () => void): void {
    this.#onDone = fn;
  }

  /** The handler's notifications: progress goes into the task; others have no stream to go to. */
  readonly notify = (notification: JsonRpcNotification): void => {
    if (notification.method !== 'notifications/progress') return;
    const params = notification.params ?? {};
    const progress = params['progress'];
    if (typeof progress !== 'number') return;
    const report: TaskProgress = { progress };
    if (typeof params['total'] === 'number') report.total = params['total'];
    if (typeof params['message'] === 'string') report.message = params['message'];
    this.reportProgress(report);
  };

  /** Records the handler's progress (and its message as the task's status message). */
  reportProgress(progress: TaskProgress): void {
    const patch =
      progress.message === undefined ? { progress } : { progress, statusMessage: progress.message };
    this.#options.store.touch(this.taskId, patch).catch(this.#options.reportError);
  }

  /** Settles the task with what `running` (the handler behind the middleware) gives. */
  follow(running: Promise<object>): void {
    running
      .then(
        (result) => this.#settle(this.#stopped() ? undefined : outcomeOf(result)),
        (error: unknown) => this.#settle(this.#stopped() ? undefined : this.#failureOf(error)),
      )
      .catch(this.#options.reportError)
      .finally(() => this.#dispose());
  }

  async #settle(outcome: Parameters<TaskStore['settle']>[1] | undefined): Promise<void> {
    if (outcome === undefined) return;
    await this.#options.store.settle(this.taskId, outcome);
  }

  /**
   * True once the runner stopped the handler: cancelled (already settled by tasks/cancel), expired
   * (gone from the store) or closed (left to its lease, as if the process died). Whatever the
   * handler answers then, even an `isError` result made of the abort, is not the task's outcome.
   */
  #stopped(): boolean {
    return (
      this.#controller.signal.aborted && this.#controller.signal.reason instanceof TaskStoppedError
    );
  }

  #failureOf(error: unknown): Parameters<TaskStore['settle']>[1] {
    if (isJsonRpcError(error)) {
      const wire = error.toJson();
      return {
        status: 'failed',
        error: {
          code: wire.code,
          message: wire.message,
          ...(wire.data === undefined ? {} : { data: wire.data }),
        },
      };
    }
    this.#options.reportError(error);
    return { status: 'failed', error: INTERNAL };
  }

  async #renew(): Promise<void> {
    try {
      const renewed = await this.#options.store.touch(this.taskId, {
        leaseUntil: this.#options.now() + this.#options.leaseMs,
      });
      // Gone (a shared store lost it) or settled elsewhere (reclaimed after its lease ran out
      // while this process could not renew): nobody can get this handler's outcome any more.
      if (renewed === undefined)
        this.stop(new TaskStoppedError('The task is gone from the store', 'expired'));
    } catch (error) {
      this.#options.reportError(error);
    }
  }

  #dispose(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#unwatch();
    this.#onDone?.();
  }
}

/** A result of the handler turned into the task's outcome. */
function outcomeOf(result: object): Parameters<TaskStore['settle']>[1] {
  if ((result as { resultType?: unknown }).resultType === 'input_required') {
    // The handler asked through the request's context after the task had started.
    return {
      status: 'failed',
      error: {
        code: -32603,
        message:
          'The tool asked for input outside its task; ask through the task handle (startTask)',
      },
    };
  }
  return { status: 'completed', result: result as Record<string, unknown> };
}

/** Timers must not keep a process alive on their own (Node has `unref`; other runtimes do not). */
function unrefTimer<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
