import type { TaskStore } from '../store/task-store.js';

/** Options of {@link installTasks}. */
export interface TasksOptions {
  /** Where tasks live. Default: a new `InMemoryTaskStore` (one process only). */
  store?: TaskStore;
  /** Time to live of a new task from its creation, in ms; `null` for unlimited. Default: 1 hour. */
  ttlMs?: number | null;
  /** The polling interval suggested to clients, in ms. Default: 1000. */
  pollIntervalMs?: number;
  /**
   * How long the process running a task's handler vouches for it without renewing (renewed every
   * third of it). A task that is not terminal past its lease is failed on the next `tasks/get`:
   * its process died. Default: 30 000.
   */
  leaseMs?: number;
  /** Most input requests one task may have outstanding at once. Default: 16. */
  maxOutstandingInputs?: number;
  /** Most tasks one `subscriptions/listen` request may name in `notifications.taskIds`. Default: 64. */
  maxListenTaskIds?: number;
  /** The clock, in epoch ms. Default: `Date.now`. */
  now?: () => number;
  /** Sees errors that reach no client (a failing store, a handler's bug). Default: ignored. */
  onError?: (error: unknown) => void;
}

/** The defaults of {@link TasksOptions}. */
export const TASK_DEFAULTS = {
  ttlMs: 60 * 60 * 1000,
  pollIntervalMs: 1000,
  leaseMs: 30_000,
  maxOutstandingInputs: 16,
  maxListenTaskIds: 64,
} as const;

/** When a tool runs as a task. */
export interface ToolTaskSupport {
  /**
   * - `optional` (default): as a task when the client declared the extension on the request,
   *   blocking otherwise;
   * - `required`: a modern client that did not declare the extension gets `-32021` naming it
   *   (SEP-2663 §Capability Negotiation); 2025-era clients get a blocking result.
   */
  support?: 'optional' | 'required';
  /**
   * - `immediately` (default): the task is created before the handler runs; `ctx.elicit` and
   *   friends inside it are answered through `tasks/update`;
   * - `by-handler`: the handler runs on the request (asks are MRTR rounds) until it calls
   *   `startTask(ctx)`.
   */
  start?: 'immediately' | 'by-handler';
}
