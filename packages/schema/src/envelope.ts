import * as z from 'zod/mini';
import { jsonRpcVersionSchema, RequestIdSchema } from './ids.js';

// Builders for the JSON-RPC envelopes of the spec's concrete messages. They keep the ~40
// request/notification/response definitions short and identical in shape. Internal: the public
// surface is the schemas they build.

/**
 * Builds `{ jsonrpc: "2.0", id, method, params }` with the given method and params schemas.
 * @internal
 */
export function createRequestSchema<TMethod extends z.ZodMiniType<string>, TParams extends z.ZodMiniType>(
  method: TMethod,
  params: TParams,
) {
  return z.looseObject({ jsonrpc: jsonRpcVersionSchema, id: RequestIdSchema, method, params });
}

/**
 * Builds `{ jsonrpc: "2.0", method, params }` with the given method and params schemas.
 * @internal
 */
export function createNotificationSchema<
  TMethod extends z.ZodMiniType<string>,
  TParams extends z.ZodMiniType,
>(method: TMethod, params: TParams) {
  return z.looseObject({ jsonrpc: jsonRpcVersionSchema, method, params });
}

/**
 * Builds `{ jsonrpc: "2.0", id, result }` with the given result schema.
 * @internal
 */
export function createResultResponseSchema<TResult extends z.ZodMiniType>(result: TResult) {
  return z.looseObject({ jsonrpc: jsonRpcVersionSchema, id: RequestIdSchema, result });
}

/**
 * Builds `{ jsonrpc: "2.0", id?, error }` with the given error-object schema.
 * @internal
 */
export function createErrorResponseSchema<TError extends z.ZodMiniType>(error: TError) {
  return z.looseObject({ jsonrpc: jsonRpcVersionSchema, id: z.optional(RequestIdSchema), error });
}
