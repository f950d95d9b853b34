import * as z from 'zod/mini';
import { NotificationParamsSchema } from '../base.js';
import { createNotificationSchema, createRequestSchema } from '../envelope.js';
import { ImplementationSchema } from '../implementation.js';
import { legacyRequestMetaSchema, LegacyRequestParamsSchema, legacyResultShape } from './base.js';
import { LegacyClientCapabilitiesSchema, LegacyServerCapabilitiesSchema } from './capabilities.js';

// The 2025-11-25 handshake (`initialize` → result → `notifications/initialized`) and `ping`,
// both removed in 2026-07-28.

/** Params of `initialize`. */
export const InitializeRequestParamsSchema = z.looseObject({
  /** Request metadata. */
  _meta: z.optional(legacyRequestMetaSchema),
  /** The latest version the client supports. */
  protocolVersion: z.string(),
  /** The client's session-wide capabilities. */
  capabilities: LegacyClientCapabilitiesSchema,
  /** The client's identity. */
  clientInfo: ImplementationSchema,
});
/** Params of `initialize`. */
export type InitializeRequestParams = z.infer<typeof InitializeRequestParamsSchema>;

/**
 * `initialize`: the first message of a legacy session. A dual-era server must never answer with
 * a modern version here.
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle
 */
export const InitializeRequestSchema = createRequestSchema(
  z.literal('initialize'),
  InitializeRequestParamsSchema,
);
/** An `initialize` request. */
export type InitializeRequest = z.infer<typeof InitializeRequestSchema>;

/** The result of `initialize`. */
export const InitializeResultSchema = z.looseObject({
  ...legacyResultShape,
  /** The version the server chose (the client's if supported). */
  protocolVersion: z.string(),
  /** The server's session-wide capabilities. */
  capabilities: LegacyServerCapabilitiesSchema,
  /** The server's identity. */
  serverInfo: ImplementationSchema,
  /** Natural-language guidance for the model. */
  instructions: z.optional(z.string()),
});
/** The result of `initialize`. */
export type InitializeResult = z.infer<typeof InitializeResultSchema>;

/** `notifications/initialized`: the client is ready for normal operation. */
export const InitializedNotificationSchema = createNotificationSchema(
  z.literal('notifications/initialized'),
  z.optional(NotificationParamsSchema),
);
/** `notifications/initialized`. */
export type InitializedNotification = z.infer<typeof InitializedNotificationSchema>;

/** `ping` (either direction); the receiver answers `{}` promptly. */
export const PingRequestSchema = createRequestSchema(
  z.literal('ping'),
  z.optional(LegacyRequestParamsSchema),
);
/** A `ping` request. */
export type PingRequest = z.infer<typeof PingRequestSchema>;
