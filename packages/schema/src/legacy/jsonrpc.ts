import * as z from 'zod/mini';
import { createResultResponseSchema } from '../envelope.js';
import {
  JSONRPCErrorResponseSchema,
  JSONRPCNotificationSchema,
  JSONRPCRequestSchema,
} from '../jsonrpc.js';
import { LegacyResultSchema } from './base.js';

/** A 2025-11-25 successful response: the result has no `resultType`. */
export const LegacyJSONRPCResultResponseSchema = createResultResponseSchema(LegacyResultSchema);
/** A 2025-11-25 successful response. */
export type LegacyJSONRPCResultResponse = z.infer<typeof LegacyJSONRPCResultResponseSchema>;

/** A 2025-11-25 response: result or error. */
export const LegacyJSONRPCResponseSchema = z.union([
  LegacyJSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** A 2025-11-25 response. */
export type LegacyJSONRPCResponse = z.infer<typeof LegacyJSONRPCResponseSchema>;

/** Any 2025-11-25 JSON-RPC message (batches of 2025-03-26 are arrays of these). */
export const LegacyJSONRPCMessageSchema = z.union([
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  LegacyJSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** Any 2025-11-25 JSON-RPC message. */
export type LegacyJSONRPCMessage = z.infer<typeof LegacyJSONRPCMessageSchema>;
