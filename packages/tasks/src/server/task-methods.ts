import type { McpServer, RequestContext } from '@tern/core-protocol';
import { InvalidParamsError, MissingRequiredClientCapabilityError } from '@tern/jsonrpc';
import type { ClientCapabilities } from '@tern/schema';
import * as z from 'zod/mini';
import type { TaskStore } from '../store/task-store.js';
import { isTerminal, TASKS_EXTENSION_ID } from '../task.js';
import type { TaskRecord } from '../task.js';
import { ACK, toGetTaskResult } from './wire.js';

/** True when the request declared the tasks extension in its client capabilities. */
export function declaresTasks(capabilities: ClientCapabilities): boolean {
  const extensions = (capabilities as { extensions?: unknown }).extensions;
  return (
    typeof extensions === 'object' &&
    extensions !== null &&
    Object.hasOwn(extensions, TASKS_EXTENSION_ID)
  );
}

/** The -32021 error for a request that needs the tasks extension. */
export function missingTasksCapability(): MissingRequiredClientCapabilityError {
  return new MissingRequiredClientCapabilityError(
    { extensions: { [TASKS_EXTENSION_ID]: {} } },
    {
      message: `This request needs the ${TASKS_EXTENSION_ID} extension, which the client did not declare`,
    },
  );
}

/** What the task methods need. */
export interface TaskMethodsDeps {
  store: TaskStore;
  now: () => number;
  /** Settles tasks whose process died (lease past) when they are read. */
  reap: (task: TaskRecord) => Promise<TaskRecord>;
}

const TASK_ID = z.string().check(z.minLength(1), z.maxLength(256));

/**
 * Registers `tasks/get`, `tasks/update` and `tasks/cancel`. Each needs the extension declared on
 * the request (-32021), names the task in `Mcp-Name` on HTTP (SEP-2663 §Routing Headers), and
 * answers an unknown task, or another principal's, with -32602 (so a task's existence does not
 * leak across principals).
 */
export function registerTaskMethods(
  server: McpServer,
  deps: TaskMethodsDeps,
): { remove(): void }[] {
  const find = async (taskId: string, ctx: RequestContext): Promise<TaskRecord> => {
    if (!declaresTasks(ctx.client.capabilities)) throw missingTasksCapability();
    const task = await deps.store.get(taskId);
    if (task?.owner !== (ctx.auth?.principal ?? null) || task === undefined) {
      throw new InvalidParamsError('Unknown task', { data: { taskId } });
    }
    return deps.reap(task);
  };
  return [
    server.registerMethod(
      'tasks/get',
      { params: z.object({ taskId: TASK_ID }), nameParam: 'taskId' },
      async ({ taskId }, ctx) => toGetTaskResult(await find(taskId, ctx)),
    ),
    server.registerMethod(
      'tasks/update',
      {
        params: z.object({ taskId: TASK_ID, inputResponses: z.record(z.string(), z.unknown()) }),
        nameParam: 'taskId',
      },
      async ({ taskId, inputResponses }, ctx) => {
        const task = await find(taskId, ctx);
        // Keys not outstanding are ignored (SEP-2663 §Task Update Requests); a terminal task takes none.
        if (!isTerminal(task.status)) await deps.store.deliver(taskId, inputResponses);
        return { ...ACK };
      },
    ),
    server.registerMethod(
      'tasks/cancel',
      { params: z.object({ taskId: TASK_ID }), nameParam: 'taskId' },
      async ({ taskId }, ctx) => {
        await find(taskId, ctx);
        // Idempotent: cancelling a terminal task is acknowledged the same way (settle is a no-op).
        await deps.store.settle(taskId, {
          status: 'cancelled',
          statusMessage: 'Cancelled by the client',
        });
        return { ...ACK };
      },
    ),
  ];
}
