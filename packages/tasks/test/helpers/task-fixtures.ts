// Shared fixtures of the tasks tests: a server with the extension installed, drivers that do and
// do not declare the extension, and a poller of tasks/get.
import { McpServer } from '@tern/core-protocol';
import type { AuthInfo } from '@tern/core-protocol';
import { ServerDriver } from '@tern/core-protocol/testing';
import { installTasks, TASKS_EXTENSION_ID } from '../../src/index.js';
import type { TasksExtension, TasksOptions } from '../../src/index.js';

export const WITH_TASKS = { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION_ID]: {} } };

/** A server (with fixed sealing keys, warnings captured) and its tasks extension. */
export function createTaskServer(options: TasksOptions = {}): {
  server: McpServer;
  tasks: TasksExtension;
  errors: unknown[];
} {
  const errors: unknown[] = [];
  const server = new McpServer(
    { name: 'tasks-test', version: '1.0.0' },
    {
      requestState: { keys: [{ id: 'k', secret: new Uint8Array(32).fill(7) }] },
      logger: { warn: () => undefined },
    },
  );
  const tasks = installTasks(server, { onError: (error) => errors.push(error), ...options });
  return { server, tasks, errors };
}

/** A driver that declares the tasks extension and form elicitation. */
export function taskDriver(server: McpServer, auth?: AuthInfo): ServerDriver {
  return new ServerDriver(server, {
    capabilities: WITH_TASKS,
    ...(auth === undefined ? {} : { auth }),
  });
}

/** Polls tasks/get until `until` holds (bounded by vitest's poll timeout). */
export async function pollTask(
  driver: ServerDriver,
  taskId: string,
  until: (task: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const task = await driver.request('tasks/get', { taskId });
    if (until(task)) return task;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Task ${taskId} never reached the expected state`);
}

/** Resolves after `ms`, or rejects with the signal's reason. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
}

export const keysOf = (task: Record<string, unknown>): string[] =>
  Object.keys(task['inputRequests'] ?? {});
