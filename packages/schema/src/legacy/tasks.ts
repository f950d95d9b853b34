import * as z from 'zod/mini';
import { createNotificationSchema, createRequestSchema } from '../envelope.js';
import { MetaObjectSchema } from '../meta.js';
import {
  LegacyPaginatedRequestParamsSchema,
  legacyPaginatedResultShape,
  legacyRequestMetaSchema,
  legacyResultShape,
} from './base.js';

// Experimental tasks as 2025-11-25 had them in core. In 2026-07-28 they moved to the
// `io.modelcontextprotocol/tasks` extension; a compat layer can simply not advertise them.

/** The state of a task. */
export const TaskStatusSchema = z.enum([
  'working',
  'input_required',
  'completed',
  'failed',
  'cancelled',
]);
/** The state of a task. */
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** `task` param asking for task-augmented execution. */
export const TaskMetadataSchema = z.looseObject({
  /** Requested retention in milliseconds. */
  ttl: z.optional(z.int()),
});
/** `task` param asking for task-augmented execution. */
export type TaskMetadata = z.infer<typeof TaskMetadataSchema>;

/** Value of `_meta["io.modelcontextprotocol/related-task"]`. */
export const RelatedTaskMetadataSchema = z.looseObject({
  /** The related task. */
  taskId: z.string(),
});
/** Value of `_meta["io.modelcontextprotocol/related-task"]`. */
export type RelatedTaskMetadata = z.infer<typeof RelatedTaskMetadataSchema>;

/** `Tool.execution`: whether the tool supports task-augmented calls. */
export const ToolExecutionSchema = z.looseObject({
  /** `forbidden` (default), `optional` or `required`. */
  taskSupport: z.optional(z.enum(['forbidden', 'optional', 'required'])),
});
/** `Tool.execution`. */
export type ToolExecution = z.infer<typeof ToolExecutionSchema>;

/** @internal The fields of a task. */
const taskShape = {
  /** The task id. */
  taskId: z.string(),
  /** Current state. */
  status: TaskStatusSchema,
  /** Human-readable status message. */
  statusMessage: z.optional(z.string()),
  /** ISO 8601 creation time. */
  createdAt: z.string(),
  /** ISO 8601 time of the last update. */
  lastUpdatedAt: z.string(),
  /** Retention in milliseconds from creation; `null` means unlimited. */
  ttl: z.nullable(z.int()),
  /** Suggested polling interval in milliseconds. */
  pollInterval: z.optional(z.int()),
};

/** A task's state. */
export const TaskSchema = z.looseObject(taskShape);
/** A task's state. */
export type Task = z.infer<typeof TaskSchema>;

/** Params of a request that may be task-augmented. */
export const TaskAugmentedRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** Asks for task-augmented execution. */
  task: z.optional(TaskMetadataSchema),
});
/** Params of a request that may be task-augmented. */
export type TaskAugmentedRequestParams = z.infer<typeof TaskAugmentedRequestParamsSchema>;

/** The immediate result of a task-augmented request. */
export const CreateTaskResultSchema = z.looseObject({
  ...legacyResultShape,
  /** The created task. */
  task: TaskSchema,
});
/** The immediate result of a task-augmented request. */
export type CreateTaskResult = z.infer<typeof CreateTaskResultSchema>;

/** @internal `{ taskId }` params. */
const taskIdParamsSchema = z.looseObject({
  /** The task. */
  taskId: z.string(),
});

/** `tasks/get`: polls a task's state. */
export const GetTaskRequestSchema = createRequestSchema(z.literal('tasks/get'), taskIdParamsSchema);
/** A `tasks/get` request. */
export type GetTaskRequest = z.infer<typeof GetTaskRequestSchema>;

/** The result of `tasks/get`: the task's state. */
export const GetTaskResultSchema = z.looseObject({ ...legacyResultShape, ...taskShape });
/** The result of `tasks/get`. */
export type GetTaskResult = z.infer<typeof GetTaskResultSchema>;

/** `tasks/result`: blocks until the task's payload (the original request's result) is ready. */
export const GetTaskPayloadRequestSchema = createRequestSchema(
  z.literal('tasks/result'),
  taskIdParamsSchema,
);
/** A `tasks/result` request. */
export type GetTaskPayloadRequest = z.infer<typeof GetTaskPayloadRequestSchema>;

/** The result of `tasks/result`: the original request's result, whatever its shape. */
export const GetTaskPayloadResultSchema = z.looseObject(legacyResultShape);
/** The result of `tasks/result`. */
export type GetTaskPayloadResult = z.infer<typeof GetTaskPayloadResultSchema>;

/** `tasks/cancel`: cancels a task. */
export const CancelTaskRequestSchema = createRequestSchema(
  z.literal('tasks/cancel'),
  taskIdParamsSchema,
);
/** A `tasks/cancel` request. */
export type CancelTaskRequest = z.infer<typeof CancelTaskRequestSchema>;

/** The result of `tasks/cancel`: the task's state. */
export const CancelTaskResultSchema = z.looseObject({ ...legacyResultShape, ...taskShape });
/** The result of `tasks/cancel`. */
export type CancelTaskResult = z.infer<typeof CancelTaskResultSchema>;

/** `tasks/list`: lists tasks. */
export const ListTasksRequestSchema = createRequestSchema(
  z.literal('tasks/list'),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** A `tasks/list` request. */
export type ListTasksRequest = z.infer<typeof ListTasksRequestSchema>;

/** The result of `tasks/list`. */
export const ListTasksResultSchema = z.looseObject({
  ...legacyPaginatedResultShape,
  /** The tasks. */
  tasks: z.array(TaskSchema),
});
/** The result of `tasks/list`. */
export type ListTasksResult = z.infer<typeof ListTasksResultSchema>;

/** Params of `notifications/tasks/status`: the task's state plus `_meta`. */
export const TaskStatusNotificationParamsSchema = z.looseObject({
  /** Notification metadata. */
  _meta: z.optional(MetaObjectSchema),
  ...taskShape,
});
/** Params of `notifications/tasks/status`. */
export type TaskStatusNotificationParams = z.infer<typeof TaskStatusNotificationParamsSchema>;

/** `notifications/tasks/status`: a task changed state. */
export const TaskStatusNotificationSchema = createNotificationSchema(
  z.literal('notifications/tasks/status'),
  TaskStatusNotificationParamsSchema,
);
/** `notifications/tasks/status`. */
export type TaskStatusNotification = z.infer<typeof TaskStatusNotificationSchema>;
