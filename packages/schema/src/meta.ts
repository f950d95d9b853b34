import * as z from 'zod/mini';
import { ClientCapabilitiesSchema } from './capabilities.js';
import { ProgressTokenSchema, RequestIdSchema } from './ids.js';
import { ImplementationSchema } from './implementation.js';
import { LoggingLevelSchema } from './logging-level.js';

/**
 * Reserved `_meta` keys, spelled exactly as on the wire.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic#_meta
 */
export const MetaKey = {
  /** Protocol revision of this request (required on every 2026-07-28 request). */
  ProtocolVersion: 'io.modelcontextprotocol/protocolVersion',
  /** Client capabilities that apply to this request (required on every 2026-07-28 request). */
  ClientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  /** Self-reported client identity (recommended on every request). */
  ClientInfo: 'io.modelcontextprotocol/clientInfo',
  /** Per-request opt-in to `notifications/message` at or above this level. */
  LogLevel: 'io.modelcontextprotocol/logLevel',
  /** Self-reported server identity on results. */
  ServerInfo: 'io.modelcontextprotocol/serverInfo',
  /** Id of the `subscriptions/listen` request a stream message belongs to. */
  SubscriptionId: 'io.modelcontextprotocol/subscriptionId',
  /** Opt-in to `notifications/progress` for this request. */
  ProgressToken: 'progressToken',
  /** W3C Trace Context `traceparent` propagation. */
  TraceParent: 'traceparent',
  /** W3C Trace Context `tracestate` propagation. */
  TraceState: 'tracestate',
  /** W3C Baggage propagation. */
  Baggage: 'baggage',
  /** 2025-11-25 only: the task a message relates to (`RelatedTaskMetadata`). */
  RelatedTask: 'io.modelcontextprotocol/related-task',
} as const;
/** One of the reserved `_meta` keys in {@link MetaKey}. */
export type MetaKey = (typeof MetaKey)[keyof typeof MetaKey];

/**
 * The contents of a `_meta` field: any keys, values not validated. Implementations must not make
 * assumptions about values under reserved keys they do not know.
 */
export const MetaObjectSchema = z.record(z.string(), z.unknown());
/** The contents of a `_meta` field. */
export type MetaObject = z.infer<typeof MetaObjectSchema>;

/**
 * `params._meta` of every 2026-07-28 request. `protocolVersion` and `clientCapabilities` are
 * required: a request without them is answered with `-32602` (HTTP 400). The protocol version is
 * any string here so that a server can answer an unknown one with `-32022` rather than `-32602`.
 * Other keys (`traceparent`, vendor keys) pass through.
 */
export const RequestMetaObjectSchema = z.looseObject({
  /** Protocol revision used for this request. */
  [MetaKey.ProtocolVersion]: z.string(),
  /** Capabilities that apply to this request. */
  [MetaKey.ClientCapabilities]: ClientCapabilitiesSchema,
  /** Self-reported client identity. */
  [MetaKey.ClientInfo]: z.optional(ImplementationSchema),
  /** Opt-in to log notifications at or above this level, for this request only. */
  [MetaKey.LogLevel]: z.optional(LoggingLevelSchema),
  /** Opt-in to progress notifications for this request. */
  [MetaKey.ProgressToken]: z.optional(ProgressTokenSchema),
});
/** `params._meta` of every 2026-07-28 request. */
export type RequestMetaObject = z.infer<typeof RequestMetaObjectSchema>;

/** `result._meta`: servers should include their identity on every result. */
export const ResultMetaObjectSchema = z.looseObject({
  /** Self-reported server identity. */
  [MetaKey.ServerInfo]: z.optional(ImplementationSchema),
});
/** `result._meta`. */
export type ResultMetaObject = z.infer<typeof ResultMetaObjectSchema>;

/**
 * `params._meta` of notifications. Carries the subscription id on every message of a
 * `subscriptions/listen` stream; absent on request-scoped notifications.
 */
export const NotificationMetaObjectSchema = z.looseObject({
  /** JSON-RPC id of the `subscriptions/listen` request (its JSON type is kept). */
  [MetaKey.SubscriptionId]: z.optional(RequestIdSchema),
});
/** `params._meta` of notifications. */
export type NotificationMetaObject = z.infer<typeof NotificationMetaObjectSchema>;
