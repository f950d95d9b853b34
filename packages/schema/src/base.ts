import * as z from 'zod/mini';
import { openObjectSchema } from './json.js';
import {
  NotificationMetaObjectSchema,
  RequestMetaObjectSchema,
  ResultMetaObjectSchema,
} from './meta.js';

/**
 * The core values of `result.resultType`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic#result-types
 */
export const ResultType = {
  /** An ordinary, final result. */
  Complete: 'complete',
  /** An `InputRequiredResult`: the server needs input from the client (MRTR). */
  InputRequired: 'input_required',
} as const;
/** A core `resultType` value. */
export type ResultType = (typeof ResultType)[keyof typeof ResultType];

/**
 * The core `resultType` values. Strict: the spec's `| string` only leaves room for values of
 * extensions advertised in capabilities, and a client must treat any other value as invalid.
 * Extension-aware code validates its own values before falling back to this schema.
 */
export const ResultTypeSchema = z.enum([ResultType.Complete, ResultType.InputRequired]);

/** @internal `resultType: "complete"` plus `_meta`, shared by every final 2026 result. */
export const completeResultShape = {
  /** Always `"complete"` on a final result. */
  resultType: z.literal(ResultType.Complete),
  /** Result metadata, including `io.modelcontextprotocol/serverInfo`. */
  _meta: z.optional(ResultMetaObjectSchema),
};

/** Generic request shape: a method name and open params. */
export const RequestSchema = z.looseObject({
  /** The method to invoke. */
  method: z.string(),
  /** Method parameters. */
  params: z.optional(openObjectSchema),
});
/** Generic request shape. */
export type Request = z.infer<typeof RequestSchema>;

/**
 * Common params of every 2026-07-28 request: `_meta` with the required protocol version and
 * client capabilities. This makes `params` itself required on every request.
 */
export const RequestParamsSchema = z.looseObject({
  /** Per-request metadata. */
  _meta: RequestMetaObjectSchema,
});
/** Common params of every request. */
export type RequestParams = z.infer<typeof RequestParamsSchema>;

/** Generic notification shape: a method name and open params. */
export const NotificationSchema = z.looseObject({
  /** The notification method. */
  method: z.string(),
  /** Notification parameters. */
  params: z.optional(openObjectSchema),
});
/** Generic notification shape. */
export type Notification = z.infer<typeof NotificationSchema>;

/** Common params of any notification: only an optional `_meta`. */
export const NotificationParamsSchema = z.looseObject({
  /** Notification metadata, including the listen `subscriptionId` where applicable. */
  _meta: z.optional(NotificationMetaObjectSchema),
});
/** Common params of any notification. */
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

/**
 * Common result fields. `resultType` is required on every 2026-07-28 result and is any string
 * here, because a generic result may carry an extension's value; per-method schemas pin it to
 * `"complete"` or `"input_required"`.
 *
 * Clients talking to older servers must treat a **missing** `resultType` as `"complete"`. That
 * defaulting happens in the client *before* parsing (core-protocol does it), so these schemas
 * stay strict and a 2026 server can never forget the field. Unknown members pass through.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic#result-types
 */
export const ResultSchema = z.looseObject({
  /** How the client should interpret the result. */
  resultType: z.string(),
  /** Result metadata, including `io.modelcontextprotocol/serverInfo`. */
  _meta: z.optional(ResultMetaObjectSchema),
});
/** Common result fields. */
export type Result = z.infer<typeof ResultSchema>;

/** A result that carries nothing but `resultType: "complete"` and optional `_meta`. */
export const EmptyResultSchema = z.looseObject(completeResultShape);
/** A result without content. */
export type EmptyResult = z.infer<typeof EmptyResultSchema>;

/**
 * Results a client sends. 2026-07-28 clients never answer JSON-RPC requests (input comes back
 * through MRTR `inputResponses`), so this is only the generic {@link ResultSchema}.
 */
export const ClientResultSchema = ResultSchema;
/** Results a client sends (generic). */
export type ClientResult = z.infer<typeof ClientResultSchema>;
