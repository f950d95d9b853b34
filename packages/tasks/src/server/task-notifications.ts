import type { ListenTopic } from '@tern/core-protocol';
import { InvalidParamsError } from '@tern/jsonrpc';
import * as z from 'zod/mini';
import type { TaskStore } from '../store/task-store.js';
import { isTerminal } from '../task.js';
import type { TaskRecord } from '../task.js';
import { declaresTasks, missingTasksCapability } from './task-methods.js';
import { toDetailedTask } from './wire.js';

/** What the `taskIds` listen topic needs. */
export interface TaskNotificationsDeps {
  store: TaskStore;
  /** Settles a task whose process died (lease past), as `tasks/get` does. */
  reap: (task: TaskRecord) => Promise<TaskRecord>;
  /** Most task ids one listen request may name. */
  maxTaskIds: number;
  /** Sees store failures while a stream runs. */
  onError: (error: unknown) => void;
}

/**
 * `notifications/tasks` on `subscriptions/listen` (SEP-2663 §Task Status Notifications): a client
 * names tasks in `notifications.taskIds`; the acknowledgement lists the ones the server agreed to
 * (the caller's own, not yet gone), and each change of one of them is sent as the full
 * `DetailedTask`, as `tasks/get` would give it. The stream starts with each task's current state,
 * so a change between the client's last poll and the subscription is not missed, and it stops
 * watching a task once that task is terminal.
 */
export function taskListenTopic(deps: TaskNotificationsDeps): ListenTopic<string[]> {
  return {
    value: z.array(z.string().check(z.minLength(1), z.maxLength(256))),
    honour: async (taskIds, ctx) => {
      // A client that asks for task notifications must declare the extension (SEP-2663: -32021).
      if (!declaresTasks(ctx.capabilities)) throw missingTasksCapability();
      const unique = [...new Set(taskIds)];
      if (unique.length > deps.maxTaskIds) {
        throw new InvalidParamsError(`notifications.taskIds may name at most ${deps.maxTaskIds} tasks, got ${unique.length}`);
      }
      const owner = ctx.auth?.principal ?? null;
      const tasks = await Promise.all(unique.map((taskId) => deps.store.get(taskId)));
      // Another principal's task is left out silently, as if unknown: its existence must not leak.
      const agreed = unique.filter((_, index) => tasks[index]?.owner === owner);
      return agreed.length === 0 ? undefined : agreed;
    },
    open: (taskIds, send) => {
      const stops = taskIds.map((taskId) => {
        let stopped = false;
        const tell = (task: TaskRecord): void => {
          if (stopped) return;
          send('notifications/tasks', toDetailedTask(task));
          if (isTerminal(task.status)) stop();
        };
        const unwatch = deps.store.watch(taskId, tell);
        const stop = (): void => {
          stopped = true;
          unwatch();
        };
        void currentState(deps, taskId).then((task) => {
          if (task !== undefined) tell(task);
        }, deps.onError);
        return stop;
      });
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

async function currentState(deps: TaskNotificationsDeps, taskId: string): Promise<TaskRecord | undefined> {
  const task = await deps.store.get(taskId);
  return task === undefined ? undefined : deps.reap(task);
}
