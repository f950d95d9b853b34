import * as z from 'zod/mini';

/**
 * A JSON-RPC request id: a string or an integer, never `null` and never a fractional number.
 * It must not equal the id of any other request of the same sender still awaiting a response.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic#requests
 */
export const RequestIdSchema = z.union([z.string(), z.int()]);
/** A JSON-RPC request id (string or integer). */
export type RequestId = z.infer<typeof RequestIdSchema>;

/**
 * A progress token (`_meta.progressToken`), used to associate `notifications/progress` with the
 * request that opted in. String or integer, unique among the sender's active requests.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/utilities/progress
 */
export const ProgressTokenSchema = z.union([z.string(), z.int()]);
/** A progress token (string or integer). */
export type ProgressToken = z.infer<typeof ProgressTokenSchema>;

/**
 * An opaque pagination cursor. An empty string is a valid cursor; only the absence of
 * `nextCursor` ends a list.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/pagination
 */
export const CursorSchema = z.string();
/** An opaque pagination cursor. */
export type Cursor = z.infer<typeof CursorSchema>;

/**
 * The JSON-RPC version literal carried by every envelope.
 * @internal
 */
export const jsonRpcVersionSchema = z.literal('2.0');
