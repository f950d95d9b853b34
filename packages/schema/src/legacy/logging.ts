import * as z from 'zod/mini';
import { createRequestSchema } from '../envelope.js';
import { LoggingLevelSchema } from '../logging-level.js';
import { legacyRequestMetaSchema } from './base.js';

/** Params of `logging/setLevel`. */
export const SetLevelRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** The minimum level the client wants for the rest of the session. */
  level: LoggingLevelSchema,
});
/** Params of `logging/setLevel`. */
export type SetLevelRequestParams = z.infer<typeof SetLevelRequestParamsSchema>;

/**
 * `logging/setLevel`: session-wide log level (2026-07-28 replaced it with the per-request
 * `io.modelcontextprotocol/logLevel`).
 */
export const SetLevelRequestSchema = createRequestSchema(
  z.literal('logging/setLevel'),
  SetLevelRequestParamsSchema,
);
/** A `logging/setLevel` request. */
export type SetLevelRequest = z.infer<typeof SetLevelRequestSchema>;
