import * as z from 'zod/mini';

/**
 * The severity of a log message, following RFC 5424 syslog severities. Used in
 * `notifications/message` and in the per-request `io.modelcontextprotocol/logLevel` opt-in.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/server/utilities/logging
 */
export const LoggingLevelSchema = z.enum([
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
]);
/** The severity of a log message. */
export type LoggingLevel = z.infer<typeof LoggingLevelSchema>;
