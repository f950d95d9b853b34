import type { InputRequest } from '@tern/schema';
import type { NewTask, TaskOutcome, TaskProgress, TaskRecord } from '../task.js';

/** What {@link TaskStore.deliver} did with a batch of answers. */
export interface Delivery {
  /** The keys that were outstanding and are now answered. */
  accepted: string[];
  /** The keys that were ignored: never issued, already answered, or the task is terminal. */
  ignored: string[];
}

/** Options of {@link TaskStore.settle}. */
export interface SettleOptions {
  /**
   * Settle only a task whose lease ended before this time (epoch ms): how a server reclaims a
   * task whose handler's process died, without racing that process renewing its lease.
   * A task without a lease, or with a lease at or after this time, is left unchanged.
   */
  ifLeaseEndedBefore?: number;
}

/**
 * Where tasks live. Every method is atomic on one task, and a write is visible to every reader
 * (in any process sharing the store) once its promise resolves: the server answers
 * `CreateTaskResult` only after {@link create} resolved (SEP-2663 §Task Creation).
 *
 * The contract, tested by `runTaskStoreContract` of `@tern/tasks/testing` for every
 * implementation:
 * - terminal statuses are final: no method changes a completed, failed or cancelled task,
 *   except {@link delete};
 * - a task past `createdAt + ttlMs` is gone: reads give `undefined`;
 * - a key, once issued, is never issued again for that task;
 * - {@link watch} listeners see every change of the task, with the record after the change.
 */
export interface TaskStore {
  /**
   * Stores a new task in `working`.
   * @throws Error when the id exists or the store is full
   */
  create(task: NewTask): Promise<TaskRecord>;
  /** The task, or `undefined` when unknown or expired. */
  get(taskId: string): Promise<TaskRecord | undefined>;
  /**
   * Adds an outstanding input request under `key` and moves the task to `input_required`.
   * Gives `undefined` (and changes nothing) when the task is unknown or terminal.
   * @throws Error when `key` was issued before for this task
   */
  ask(taskId: string, key: string, request: InputRequest): Promise<TaskRecord | undefined>;
  /**
   * Delivers answers: outstanding keys become answered (out of `inputRequests`, into
   * `inputResponses`), others are ignored (SEP-2663 §Task Update Requests). When no request is
   * left outstanding the task goes back to `working`. `undefined` for an unknown task.
   */
  deliver(taskId: string, responses: Record<string, unknown>): Promise<Delivery | undefined>;
  /** Removes and gives the delivered answer under `key`, if there is one. */
  take(taskId: string, key: string): Promise<{ found: true; value: unknown } | { found: false }>;
  /** Records progress, a status message or a renewed lease of a task that is not terminal. */
  touch(
    taskId: string,
    patch: { progress?: TaskProgress; statusMessage?: string; leaseUntil?: number },
  ): Promise<TaskRecord | undefined>;
  /**
   * Ends a task that is not terminal yet, dropping its outstanding requests and answers. Gives
   * the ended task, or `undefined` when it was unknown, already terminal or (with
   * `ifLeaseEndedBefore`) still leased (then unchanged).
   */
  settle(
    taskId: string,
    outcome: TaskOutcome,
    options?: SettleOptions,
  ): Promise<TaskRecord | undefined>;
  /** Forgets a task. */
  delete(taskId: string): Promise<void>;
  /** Calls `listener` after every change of the task. Returns the function that stops it. */
  watch(taskId: string, listener: (task: TaskRecord) => void): () => void;
}
