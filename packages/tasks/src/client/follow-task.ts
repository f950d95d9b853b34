import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { InputRequests, InputResponses } from '@tern/schema';
import { isTerminal } from '../task.js';
import type { DetailedTask } from './detailed-task.js';
import { readTask } from './detailed-task.js';

/** Sends one `tasks/*` request (with the client's `_meta`, `Mcp-Name` set to the task id). */
export type TaskRequester = (
  method: 'tasks/get' | 'tasks/update' | 'tasks/cancel',
  params: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<Record<string, unknown>>;

/** Options of {@link followTask}. */
export interface FollowTaskOptions {
  signal: AbortSignal;
  /** Answers the input requests that are new since the last poll (keys deduplicated). */
  answer: (inputRequests: InputRequests) => Promise<InputResponses>;
  /** Sees every state the task was observed in, the first poll included. */
  onTask?: ((task: DetailedTask) => void) | undefined;
  /** The interval to start with (the server's `pollIntervalMs` of each poll wins). Default 1000. */
  pollIntervalMs?: number | undefined;
  /** Bounds on the interval, whatever the server says. Default 50 ms and 30 s. */
  minPollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Sends `tasks/cancel` when `signal` aborts. Default true. */
  cancelOnAbort?: boolean;
}

/**
 * Polls a task until it is terminal, at the server's `pollIntervalMs` (SEP-2663 §Task Polling),
 * answering each new input request once with `tasks/update` (§Task Update Requests: keys are
 * deduplicated across polls). Gives the terminal task.
 */
export async function followTask(
  request: TaskRequester,
  taskId: string,
  options: FollowTaskOptions,
): Promise<DetailedTask> {
  const { signal } = options;
  const answered = new Set<string>();
  let interval = options.pollIntervalMs ?? 1000;
  try {
    for (;;) {
      const task = readTask(await request('tasks/get', { taskId }, signal), 'tasks/get');
      options.onTask?.(task);
      if (isTerminal(task.status)) return task;
      interval = task.pollIntervalMs ?? interval;
      if (task.status === 'input_required') {
        const fresh = Object.fromEntries(
          Object.entries(task.inputRequests ?? {}).filter(([key]) => !answered.has(key)),
        );
        if (Object.keys(fresh).length > 0) {
          const responses = await options.answer(fresh);
          for (const key of Object.keys(fresh)) answered.add(key);
          await request('tasks/update', { taskId, inputResponses: responses }, signal);
          continue;
        }
      }
      await sleep(
        Math.min(
          options.maxPollIntervalMs ?? 30_000,
          Math.max(options.minPollIntervalMs ?? 50, interval),
        ),
        signal,
      );
    }
  } catch (error) {
    if (signal.aborted && options.cancelOnAbort !== false) {
      // Best effort, on a signal of its own: the caller's is aborted already.
      await request('tasks/cancel', { taskId }, AbortSignal.timeout(5000)).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * The outcome of a terminal task as the original request's result: the inlined result of a
 * completed task; a failed task throws its JSON-RPC error; a cancelled one throws ABORTED.
 */
export function taskOutcome(
  task: DetailedTask,
): { result: Record<string, unknown> } | { error: NonNullable<DetailedTask['error']> } {
  if (task.status === 'completed' && task.result !== undefined) return { result: task.result };
  if (task.status === 'failed' && task.error !== undefined) return { error: task.error };
  throw new SdkError(SdkErrorCode.Aborted, `Task ${task.taskId} was ${task.status}`, {
    data: { taskId: task.taskId, status: task.status },
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
