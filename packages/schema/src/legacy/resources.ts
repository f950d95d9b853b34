import * as z from 'zod/mini';
import { createRequestSchema } from '../envelope.js';
import {
  resourceContentsUnionSchema,
  ResourceSchema,
  ResourceTemplateSchema,
} from '../resource.js';
import {
  LegacyPaginatedRequestParamsSchema,
  legacyPaginatedResultShape,
  legacyRequestMetaSchema,
  legacyResultShape,
} from './base.js';

/** 2025-11-25 `resources/list` (`params` optional). */
export const LegacyListResourcesRequestSchema = createRequestSchema(
  z.literal('resources/list'),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** 2025-11-25 `resources/list`. */
export type LegacyListResourcesRequest = z.infer<typeof LegacyListResourcesRequestSchema>;

/** 2025-11-25 result of `resources/list`. */
export const LegacyListResourcesResultSchema = z.looseObject({
  ...legacyPaginatedResultShape,
  /** The resources. */
  resources: z.array(ResourceSchema),
});
/** 2025-11-25 result of `resources/list`. */
export type LegacyListResourcesResult = z.infer<typeof LegacyListResourcesResultSchema>;

/** 2025-11-25 `resources/templates/list` (`params` optional). */
export const LegacyListResourceTemplatesRequestSchema = createRequestSchema(
  z.literal('resources/templates/list'),
  z.optional(LegacyPaginatedRequestParamsSchema),
);
/** 2025-11-25 `resources/templates/list`. */
export type LegacyListResourceTemplatesRequest = z.infer<
  typeof LegacyListResourceTemplatesRequestSchema
>;

/** 2025-11-25 result of `resources/templates/list`. */
export const LegacyListResourceTemplatesResultSchema = z.looseObject({
  ...legacyPaginatedResultShape,
  /** The resource templates. */
  resourceTemplates: z.array(ResourceTemplateSchema),
});
/** 2025-11-25 result of `resources/templates/list`. */
export type LegacyListResourceTemplatesResult = z.infer<
  typeof LegacyListResourceTemplatesResultSchema
>;

/** Params of 2025-11-25 `resources/read`: no MRTR fields. */
export const LegacyReadResourceRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** URI of the resource. */
  uri: z.string(),
});
/** Params of 2025-11-25 `resources/read`. */
export type LegacyReadResourceRequestParams = z.infer<typeof LegacyReadResourceRequestParamsSchema>;

/** 2025-11-25 `resources/read`; a missing resource is `-32002` there. */
export const LegacyReadResourceRequestSchema = createRequestSchema(
  z.literal('resources/read'),
  LegacyReadResourceRequestParamsSchema,
);
/** 2025-11-25 `resources/read`. */
export type LegacyReadResourceRequest = z.infer<typeof LegacyReadResourceRequestSchema>;

/** 2025-11-25 result of `resources/read`: no `resultType`, no caching hints. */
export const LegacyReadResourceResultSchema = z.looseObject({
  ...legacyResultShape,
  /** The contents. */
  contents: z.array(resourceContentsUnionSchema),
});
/** 2025-11-25 result of `resources/read`. */
export type LegacyReadResourceResult = z.infer<typeof LegacyReadResourceResultSchema>;

/** Params of `resources/subscribe`. */
export const SubscribeRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** URI to watch. */
  uri: z.string(),
});
/** Params of `resources/subscribe`. */
export type SubscribeRequestParams = z.infer<typeof SubscribeRequestParamsSchema>;

/** `resources/subscribe` (removed in 2026-07-28 in favour of `subscriptions/listen`). */
export const SubscribeRequestSchema = createRequestSchema(
  z.literal('resources/subscribe'),
  SubscribeRequestParamsSchema,
);
/** A `resources/subscribe` request. */
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

/** Params of `resources/unsubscribe`. */
export const UnsubscribeRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** URI to stop watching. */
  uri: z.string(),
});
/** Params of `resources/unsubscribe`. */
export type UnsubscribeRequestParams = z.infer<typeof UnsubscribeRequestParamsSchema>;

/** `resources/unsubscribe` (removed in 2026-07-28). */
export const UnsubscribeRequestSchema = createRequestSchema(
  z.literal('resources/unsubscribe'),
  UnsubscribeRequestParamsSchema,
);
/** A `resources/unsubscribe` request. */
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequestSchema>;
