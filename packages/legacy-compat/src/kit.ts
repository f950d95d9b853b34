/**
 * `@tern/legacy-compat/kit`: the transport-neutral pieces of the dual-era layer, for sibling
 * transports of Tern (such as `@tern/stdio`) that serve or reach 2025-era peers over something
 * other than HTTP. Applications use the main entry point; this one may change in any release.
 *
 * @module
 */

// Server: one legacy session, whatever carries its messages
export { LegacySession } from './server/legacy-session.js';
export type { LegacySessionInit } from './server/legacy-session.js';
export type { LegacyReply } from './server/legacy-reply.js';
export { requestKey, runLegacyRequest } from './server/run-legacy-request.js';
export type { LegacyRequestContext } from './server/run-legacy-request.js';
export { resolveLegacyOptions } from './server/legacy-layer-options.js';
export { AskBudget } from './server/ask-budget.js';
export type { ResolvedLegacyOptions } from './server/legacy-layer-options.js';
export { describeServer } from './server/describe-server.js';
export type { ServerDescription } from './server/describe-server.js';
export { toEnvelopeCapabilities, toLegacyServerCapabilities } from './server/capabilities.js';
export { toLegacyNotification } from './server/change-notification.js';

// Client: a modern McpClient in front of a legacy server
export {
  discoverResultFrom,
  readModernMeta,
  toLegacyCapabilities,
  toLegacyParams,
  toModernResult,
} from './client/translate.js';
export type { ModernRequestMeta } from './client/translate.js';
export { answerServerRequest } from './client/server-requests.js';
export type { InputAnswerer } from './client/server-requests.js';
export { emulateListen } from './client/legacy-listen.js';
export type { ListenHost } from './client/legacy-listen.js';
export type { NegotiatedSession } from './client/handshake.js';
export { readInitializeResult } from './client/initialize-result.js';
