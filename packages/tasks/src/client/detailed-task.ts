import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { InputRequests } from '@tern/schema';
import type { TaskError, TaskStatus } from '../task.js';

/** A task as `tasks/get` (and `CreateTaskResult`) shows it to a client (SEP-2663 §Tasks). */
export interface DetailedTask {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
  inputRequests?: InputRequests;
  result?: Record<string, unknown>;
  error?: TaskError;
  _meta?: Record<string, unknown>;
}

const STATUSES: ReadonlySet<string> = new Set([
  'working',
  'input_required',
  'completed',
  'failed',
  'cancelled',
]);

/**
 * Checks the task fields of a result from the server (a `CreateTaskResult` or a `tasks/get`
 * result) and gives them without `resultType`.
 * @throws SdkError INVALID_RESULT when the server broke the shape
 */
export function readTask(raw: Record<string, unknown>, method: string): DetailedTask {
  const { resultType: _resultType, ...task } = raw;
  const invalid = (what: string): SdkError =>
    new SdkError(SdkErrorCode.InvalidResult, `Invalid ${method} result: ${what}`, { data: raw });
  if (typeof task['taskId'] !== 'string' || task['taskId'] === '')
    throw invalid('taskId must be a string');
  if (typeof task['status'] !== 'string' || !STATUSES.has(task['status']))
    throw invalid('unknown status');
  const poll = task['pollIntervalMs'];
  if (poll !== undefined && (typeof poll !== 'number' || !(poll >= 0)))
    throw invalid('pollIntervalMs must be a number');
  if (task['status'] === 'input_required' && !isObject(task['inputRequests']))
    throw invalid('inputRequests missing');
  if (task['status'] === 'completed' && !isObject(task['result'])) throw invalid('result missing');
  if (task['status'] === 'failed' && !isObject(task['error'])) throw invalid('error missing');
  return task as unknown as DetailedTask;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
