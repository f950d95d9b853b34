import { createAsker, SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { Asker, RequestContext } from '@tern/core-protocol';
import { TASKS_EXTENSION_ID } from '../task.js';

/**
 * What a handler works with once it runs as a task, or inline when the client cannot take a
 * task (it did not declare the extension, or it is a 2025-era client): the same straight-line
 * asks, the abort signal and progress, bound to the task.
 */
export interface TaskHandle extends Asker {
  /** The task's id, or `undefined` when the call runs inline (blocking). */
  readonly taskId: string | undefined;
  /** Aborted on `tasks/cancel`, when the TTL elapses, or (inline) when the request goes away. */
  readonly signal: AbortSignal;
  /** Records progress on the task (`tasks/get` shows it), or sends it on the request inline. */
  progress(progress: number, total?: number, message?: string): void;
}

/** The per-call entry of the tasks extension in `ctx.extensions`. @internal */
export interface TaskControl {
  start(ctx: RequestContext, statusMessage: string | undefined): Promise<TaskHandle>;
}

/** Options of {@link startTask}. */
export interface StartTaskOptions {
  /** The task's first status message. */
  statusMessage?: string;
}

/**
 * Turns the running `tools/call` into a task, when the client declared the tasks extension on
 * this request: the task is created durably, the client gets `CreateTaskResult` at once, and the
 * handler goes on in the background. Asks made before (through `ctx`) were answered with MRTR
 * rounds on `tools/call` (SEP-2663 §Task Creation); asks after go through the returned handle and
 * are answered with `tasks/update`. For a client that cannot take a task, the handle runs inline.
 * In a tool that already runs as a task (`task.start: "immediately"`), it gives that task.
 *
 * @throws SdkError INVALID_USAGE when the tasks extension is not installed or `ctx` is not of a
 *   `tools/call`
 */
export async function startTask(
  ctx: RequestContext,
  options: StartTaskOptions = {},
): Promise<TaskHandle> {
  const control = ctx.extensions[TASKS_EXTENSION_ID] as TaskControl | undefined;
  if (control === undefined || typeof control.start !== 'function') {
    throw new SdkError(
      SdkErrorCode.InvalidUsage,
      'startTask needs the tasks extension (installTasks) and the context of a tools/call handler',
    );
  }
  return control.start(ctx, options.statusMessage);
}

/** A handle that runs on the request itself (no task). */
export function inlineHandle(ctx: RequestContext): TaskHandle {
  return {
    taskId: undefined,
    signal: ctx.signal,
    progress: (progress, total, message) => ctx.progress(progress, total, message),
    elicit: ctx.elicit,
    elicitUrl: ctx.elicitUrl,
    sample: ctx.sample,
    listRoots: ctx.listRoots,
  };
}

/** A handle bound to a task's own signal, input channel and progress. */
export function taskHandle(
  ctx: RequestContext,
  task: {
    taskId: string;
    signal: AbortSignal;
    inputChannel: Parameters<typeof createAsker>[0];
    reportProgress: (report: { progress: number; total?: number; message?: string }) => void;
  },
): TaskHandle {
  const asker = createAsker(task.inputChannel, ctx.client.capabilities);
  return {
    taskId: task.taskId,
    signal: task.signal,
    progress: (progress, total, message) =>
      task.reportProgress({
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      }),
    ...asker,
  };
}
