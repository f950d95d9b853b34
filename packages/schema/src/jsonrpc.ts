import * as z from 'zod/mini';
import { ResultSchema } from './base.js';
import {
  createErrorResponseSchema,
  createNotificationSchema,
  createRequestSchema,
  createResultResponseSchema,
} from './envelope.js';
import { openObjectSchema } from './json.js';

// The JSON-RPC 2.0 envelope shapes as the MCP schema defines them. Framing, id bookkeeping and the
// `JsonRpcError` class live in @tern/jsonrpc; these schemas only describe the wire shapes.

/**
 * The `error` member of a JSON-RPC error response: integer `code`, `message`, optional `data`
 * (any JSON value, not validated).
 */
export const ErrorSchema = z.looseObject({
  /** The error type (integer). */
  code: z.int(),
  /** A short description of the error. */
  message: z.string(),
  /** Additional information defined by the sender. */
  data: z.optional(z.unknown()),
});
/**
 * The `error` member of a JSON-RPC error response. Named after the spec's `Error`; alias it on
 * import (`import type { Error as ErrorObject }`) where the global `Error` is also needed.
 */
export type Error = z.infer<typeof ErrorSchema>;

/** A request that expects a response: any method, open params. */
export const JSONRPCRequestSchema = createRequestSchema(z.string(), z.optional(openObjectSchema));
/** A request that expects a response. */
export type JSONRPCRequest = z.infer<typeof JSONRPCRequestSchema>;

/** A notification, which never gets a response: any method, open params. */
export const JSONRPCNotificationSchema = createNotificationSchema(
  z.string(),
  z.optional(openObjectSchema),
);
/** A notification. */
export type JSONRPCNotification = z.infer<typeof JSONRPCNotificationSchema>;

/** A successful response; the result must carry `resultType` (see {@link ResultSchema}). */
export const JSONRPCResultResponseSchema = createResultResponseSchema(ResultSchema);
/** A successful response. */
export type JSONRPCResultResponse = z.infer<typeof JSONRPCResultResponseSchema>;

/** An error response. `id` may be omitted only when the request id could not be read. */
export const JSONRPCErrorResponseSchema = createErrorResponseSchema(ErrorSchema);
/** An error response. */
export type JSONRPCErrorResponse = z.infer<typeof JSONRPCErrorResponseSchema>;

/** A response: either a result or an error. */
export const JSONRPCResponseSchema = z.union([
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** A response: either a result or an error. */
export type JSONRPCResponse = z.infer<typeof JSONRPCResponseSchema>;

/**
 * Any JSON-RPC message MCP may put on the wire. Members are tried in order (request, notification,
 * result response, error response); as every member is open, classify by the presence of
 * `method`/`id`/`result`/`error` first when the kind matters.
 */
export const JSONRPCMessageSchema = z.union([
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** Any JSON-RPC message. */
export type JSONRPCMessage = z.infer<typeof JSONRPCMessageSchema>;
