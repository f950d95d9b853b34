import * as z from 'zod/mini';
import { RequestParamsSchema } from './base.js';
import { cacheableShape } from './caching.js';
import { ServerCapabilitiesSchema } from './capabilities.js';
import { createRequestSchema, createResultResponseSchema } from './envelope.js';

/**
 * `server/discover`: asks the server for its supported versions, capabilities and instructions.
 * Servers must implement it; clients may use it as the era probe.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/discover
 */
export const DiscoverRequestSchema = createRequestSchema(
  z.literal('server/discover'),
  RequestParamsSchema,
);
/** A `server/discover` request. */
export type DiscoverRequest = z.infer<typeof DiscoverRequestSchema>;

/**
 * The result of `server/discover`. There is no top-level `serverInfo`: identity travels in
 * `_meta["io.modelcontextprotocol/serverInfo"]`.
 */
export const DiscoverResultSchema = z.looseObject({
  ...cacheableShape,
  /** Protocol versions the server accepts; the client picks one. */
  supportedVersions: z.array(z.string()),
  /** The server's capabilities. */
  capabilities: ServerCapabilitiesSchema,
  /** Natural-language guidance for the model. */
  instructions: z.optional(z.string()),
});
/** The result of `server/discover`. */
export type DiscoverResult = z.infer<typeof DiscoverResultSchema>;

/** A successful response to `server/discover`. */
export const DiscoverResultResponseSchema = createResultResponseSchema(DiscoverResultSchema);
/** A successful response to `server/discover`. */
export type DiscoverResultResponse = z.infer<typeof DiscoverResultResponseSchema>;
