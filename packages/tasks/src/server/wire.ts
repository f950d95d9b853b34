import type { TaskRecord } from '../task.js';

/** The `_meta` key under which `tasks/get` carries the handler's last progress report. */
export const PROGRESS_META_KEY = 'dev.tern/progress';

/** The `Task` fields every task shape carries (SEP-2663 §Tasks). */
function taskFields(task: TaskRecord): Record<string, unknown> {
  return {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage === undefined ? {} : { statusMessage: task.statusMessage }),
    createdAt: task.createdAt,
    lastUpdatedAt: task.lastUpdatedAt,
    ttlMs: task.ttlMs,
    pollIntervalMs: task.pollIntervalMs,
  };
}

/** `CreateTaskResult`: flat `Result & Task` with `resultType: "task"`, no payload fields. */
export function toCreateTaskResult(task: TaskRecord): Record<string, unknown> {
  return { resultType: 'task', ...taskFields(task) };
}

/**
 * The `DetailedTask` of `tasks/get` (and `notifications/tasks`): the task plus the payload of its
 * status, `inputRequests`, `result` or `error`, and nothing else (no `requestState`).
 */
export function toDetailedTask(task: TaskRecord): Record<string, unknown> {
  const detailed = taskFields(task);
  if (task.status === 'input_required') detailed['inputRequests'] = task.inputRequests;
  if (task.status === 'completed') detailed['result'] = task.result ?? {};
  if (task.status === 'failed')
    detailed['error'] = task.error ?? { code: -32603, message: 'Internal error' };
  if (
    task.progress !== undefined &&
    (task.status === 'working' || task.status === 'input_required')
  ) {
    detailed['_meta'] = { [PROGRESS_META_KEY]: task.progress };
  }
  return detailed;
}

/** `tasks/get` answers with the detailed task as a complete result (SEP-2322 discriminator). */
export function toGetTaskResult(task: TaskRecord): Record<string, unknown> {
  return { resultType: 'complete', ...toDetailedTask(task) };
}

/** The empty acknowledgement of `tasks/update` and `tasks/cancel`. */
export const ACK: Readonly<Record<string, unknown>> = Object.freeze({ resultType: 'complete' });
