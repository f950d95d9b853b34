import type { InputRequest } from '@tern/schema';

/** The identifier of the tasks extension (SEP-2663), in `capabilities.extensions`. */
export const TASKS_EXTENSION_ID = 'io.modelcontextprotocol/tasks';

/** Where a task is in its life (SEP-2663 §Task Status). */
export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** The statuses a task never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'completed',
  'failed',
  'cancelled',
]);

/** True when a task in `status` will never change again. */
export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** The JSON-RPC error a failed task carries (SEP-2663: `failed` only for JSON-RPC errors). */
export interface TaskError {
  code: number;
  message: string;
  data?: unknown;
}

/** The last progress a task's handler reported. */
export interface TaskProgress {
  progress: number;
  total?: number;
  message?: string;
}

/**
 * A task as a {@link TaskStore} keeps it. Plain JSON (a store may serialize it), with times as
 * ISO 8601 strings and `leaseUntil` as epoch milliseconds.
 */
export interface TaskRecord {
  taskId: string;
  /** The principal that created the task (`ctx.auth.principal`), or `null` without auth. */
  owner: string | null;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  /** Time to live from `createdAt`, in integer milliseconds; `null` for unlimited. */
  ttlMs: number | null;
  pollIntervalMs: number;
  /** The input requests still waiting for an answer, by key. */
  inputRequests: Record<string, InputRequest>;
  /** Answers delivered by `tasks/update` that the handler has not taken yet, by key. */
  inputResponses: Record<string, unknown>;
  /** Every key this task ever asked under: keys are unique over a task's lifetime. */
  issuedKeys: string[];
  progress?: TaskProgress;
  /** The final result, for `completed`. */
  result?: Record<string, unknown>;
  /** The JSON-RPC error, for `failed`. */
  error?: TaskError;
  /**
   * Until when the process running the handler has promised to be alive (epoch ms). A task
   * that is not terminal past its lease has lost its handler and is failed on the next read.
   */
  leaseUntil?: number;
}

/** What a new task starts with. */
export interface NewTask {
  taskId: string;
  owner: string | null;
  ttlMs: number | null;
  pollIntervalMs: number;
  leaseUntil?: number;
  statusMessage?: string;
}

/** How a task ends. */
export type TaskOutcome =
  | { status: 'completed'; result: Record<string, unknown> }
  | { status: 'failed'; error: TaskError }
  | { status: 'cancelled'; statusMessage?: string };
