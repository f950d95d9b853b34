import * as z from 'zod/mini';
import { NotificationParamsSchema } from './base.js';
import { cacheableShape } from './caching.js';
import {
  createNotificationSchema,
  createRequestSchema,
  createResultResponseSchema,
} from './envelope.js';
import { NotificationMetaObjectSchema, RequestMetaObjectSchema } from './meta.js';
import { InputRequiredResultSchema, inputResponseParamsShape } from './mrtr.js';
import { PaginatedRequestParamsSchema, paginatedResultShape } from './pagination.js';
import { resourceContentsUnionSchema, ResourceSchema, ResourceTemplateSchema } from './resource.js';

/** `resources/list`: asks for (a page of) the resources the server offers. */
export const ListResourcesRequestSchema = createRequestSchema(
  z.literal('resources/list'),
  PaginatedRequestParamsSchema,
);
/** A `resources/list` request. */
export type ListResourcesRequest = z.infer<typeof ListResourcesRequestSchema>;

/** The result of `resources/list`: a page of resources, with the caching hints. */
export const ListResourcesResultSchema = z.looseObject({
  ...cacheableShape,
  ...paginatedResultShape,
  /** The resources. */
  resources: z.array(ResourceSchema),
});
/** The result of `resources/list`. */
export type ListResourcesResult = z.infer<typeof ListResourcesResultSchema>;

/** A successful response to `resources/list`. */
export const ListResourcesResultResponseSchema =
  createResultResponseSchema(ListResourcesResultSchema);
/** A successful response to `resources/list`. */
export type ListResourcesResultResponse = z.infer<typeof ListResourcesResultResponseSchema>;

/** `resources/templates/list`: asks for (a page of) the resource templates. */
export const ListResourceTemplatesRequestSchema = createRequestSchema(
  z.literal('resources/templates/list'),
  PaginatedRequestParamsSchema,
);
/** A `resources/templates/list` request. */
export type ListResourceTemplatesRequest = z.infer<typeof ListResourceTemplatesRequestSchema>;

/** The result of `resources/templates/list`, with the caching hints. */
export const ListResourceTemplatesResultSchema = z.looseObject({
  ...cacheableShape,
  ...paginatedResultShape,
  /** The resource templates. */
  resourceTemplates: z.array(ResourceTemplateSchema),
});
/** The result of `resources/templates/list`. */
export type ListResourceTemplatesResult = z.infer<typeof ListResourceTemplatesResultSchema>;

/** A successful response to `resources/templates/list`. */
export const ListResourceTemplatesResultResponseSchema = createResultResponseSchema(
  ListResourceTemplatesResultSchema,
);
/** A successful response to `resources/templates/list`. */
export type ListResourceTemplatesResultResponse = z.infer<
  typeof ListResourceTemplatesResultResponseSchema
>;

/** Common params of resource requests: `_meta` and the resource `uri`. */
export const ResourceRequestParamsSchema = z.looseObject({
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
  /** URI of the resource (any scheme; not parsed). */
  uri: z.string(),
});
/** Common params of resource requests. */
export type ResourceRequestParams = z.infer<typeof ResourceRequestParamsSchema>;

/** Params of `resources/read`, including the MRTR retry fields. */
export const ReadResourceRequestParamsSchema = z.looseObject({
  ...inputResponseParamsShape,
  /** URI of the resource to read. */
  uri: z.string(),
});
/** Params of `resources/read`. */
export type ReadResourceRequestParams = z.infer<typeof ReadResourceRequestParamsSchema>;

/**
 * `resources/read`: reads a resource. May be answered with `input_required`. An unknown resource
 * is `-32602` (optionally with `data.uri`), never an empty `contents`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/resources#reading-resources
 */
export const ReadResourceRequestSchema = createRequestSchema(
  z.literal('resources/read'),
  ReadResourceRequestParamsSchema,
);
/** A `resources/read` request. */
export type ReadResourceRequest = z.infer<typeof ReadResourceRequestSchema>;

/** The final result of `resources/read`, with the caching hints. */
export const ReadResourceResultSchema = z.looseObject({
  ...cacheableShape,
  /** The contents (text or blob); a resource may have several sub-resources. */
  contents: z.array(resourceContentsUnionSchema),
});
/** The final result of `resources/read`. */
export type ReadResourceResult = z.infer<typeof ReadResourceResultSchema>;

/** What `resources/read` may answer: the final result or `input_required` (on `resultType`). */
export const ReadResourceResultOrInputRequiredSchema = z.discriminatedUnion('resultType', [
  ReadResourceResultSchema,
  InputRequiredResultSchema,
]);
/** What `resources/read` may answer. */
export type ReadResourceResultOrInputRequired = z.infer<
  typeof ReadResourceResultOrInputRequiredSchema
>;

/** A successful response to `resources/read`. */
export const ReadResourceResultResponseSchema = createResultResponseSchema(
  ReadResourceResultOrInputRequiredSchema,
);
/** A successful response to `resources/read`. */
export type ReadResourceResultResponse = z.infer<typeof ReadResourceResultResponseSchema>;

/** Sent on a `subscriptions/listen` stream (opted in with `resourcesListChanged`). */
export const ResourceListChangedNotificationSchema = createNotificationSchema(
  z.literal('notifications/resources/list_changed'),
  z.optional(NotificationParamsSchema),
);
/** `notifications/resources/list_changed`. */
export type ResourceListChangedNotification = z.infer<typeof ResourceListChangedNotificationSchema>;

/** Params of `notifications/resources/updated`. */
export const ResourceUpdatedNotificationParamsSchema = z.looseObject({
  /** Notification metadata (the listen `subscriptionId`). */
  _meta: z.optional(NotificationMetaObjectSchema),
  /** URI of the updated resource; may be a sub-resource of the subscribed one. */
  uri: z.string(),
});
/** Params of `notifications/resources/updated`. */
export type ResourceUpdatedNotificationParams = z.infer<
  typeof ResourceUpdatedNotificationParamsSchema
>;

/** Sent on a `subscriptions/listen` stream for URIs in `resourceSubscriptions`. */
export const ResourceUpdatedNotificationSchema = createNotificationSchema(
  z.literal('notifications/resources/updated'),
  ResourceUpdatedNotificationParamsSchema,
);
/** `notifications/resources/updated`. */
export type ResourceUpdatedNotification = z.infer<typeof ResourceUpdatedNotificationSchema>;
