/**
 * @tern/tasks: the MCP tasks extension (SEP-2663, `io.modelcontextprotocol/tasks`) for Tern.
 * Long-running tools answer `tools/call` with a task handle; clients poll `tasks/get`, answer the
 * task's asks with `tasks/update` and cancel with `tasks/cancel`. Everything exported here is
 * public API.
 */
export { TASKS_EXTENSION_ID, TERMINAL_STATUSES, isTerminal } from './task.js';
export type {
  NewTask,
  TaskError,
  TaskOutcome,
  TaskProgress,
  TaskRecord,
  TaskStatus,
} from './task.js';
export type { Delivery, SettleOptions, TaskStore } from './store/task-store.js';
export { DEFAULT_MAX_TASKS, InMemoryTaskStore } from './store/in-memory-task-store.js';
export type { InMemoryTaskStoreOptions } from './store/in-memory-task-store.js';
export { TasksExtension, installTasks } from './server/tasks-extension.js';
export type { TaskToolConfig } from './server/tasks-extension.js';
export { TASK_DEFAULTS } from './server/tasks-options.js';
export type { TasksOptions, ToolTaskSupport } from './server/tasks-options.js';
export { startTask } from './server/task-handle.js';
export type { StartTaskOptions, TaskHandle } from './server/task-handle.js';
export { PROGRESS_META_KEY } from './server/wire.js';

// Client
export { withTasks } from './client/with-tasks.js';
export type { WithTasksOptions } from './client/with-tasks.js';
export { TaskClient } from './client/task-client.js';
export type {
  StartedTask,
  StartOutcome,
  TaskCallOptions,
  TaskClientOptions,
} from './client/task-client.js';
export type { DetailedTask } from './client/detailed-task.js';
export { followTask } from './client/follow-task.js';
export type { FollowTaskOptions, TaskRequester } from './client/follow-task.js';
