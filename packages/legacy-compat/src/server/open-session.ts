import { clientKey } from '@tern/core-protocol';
import type { McpHttpFallbackContext } from '@tern/server-http';
import {
  createResultResponse,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
  isJsonRpcError,
  isJsonRpcRequest,
  safeParseMessageValue,
} from '@tern/jsonrpc';
import { HttpHeader, MetaKey } from '@tern/schema';
import type { LegacyProtocolVersion } from '@tern/schema';
import { InitializeRequestParamsSchema } from '@tern/schema/legacy';
import type { InitializeResult } from '@tern/schema/legacy';
import { toEnvelopeCapabilities, toLegacyServerCapabilities } from './capabilities.js';
import { describeServer } from './describe-server.js';
import { normaliseClientCapabilities, normaliseClientInfo, descriptionLength } from './client-description.js';
import { sendOverloaded, sendRpcError, sendSessionsUnavailable } from './http-replies.js';
import type { LayerContext } from './layer-context.js';
import { JSON_HEADERS } from './post-reply.js';
import { createSessionId } from './session-id.js';

/** The first 2026-07-28-era version: a header at or after it is a modern client's. */
const FIRST_MODERN_VERSION = '2026-07-28';

/** Whether a POST body is an `initialize` message (request or not). */
export function isInitialize(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { method?: unknown }).method === 'initialize'
  );
}

/**
 * Whether an `initialize` comes from a modern client: it carries the 2026 `_meta` protocol version
 * or a modern `MCP-Protocol-Version`. Such a request is left to the modern transport, which
 * answers 404 `-32601` (2026-07-28 removed `initialize`), instead of opening a session.
 */
export function isModernInitialize(context: McpHttpFallbackContext): boolean {
  const params = (context.body as { params?: unknown }).params;
  const meta =
    typeof params === 'object' && params !== null
      ? (params as { _meta?: unknown })._meta
      : undefined;
  if (typeof meta === 'object' && meta !== null && MetaKey.ProtocolVersion in meta) return true;
  const header = context.exchange.header(HttpHeader.ProtocolVersion.toLowerCase());
  return header !== undefined && header >= FIRST_MODERN_VERSION;
}

/**
 * Answers `initialize`: negotiates a legacy version (the client's when served, else the newest
 * served one; never a modern one), opens a session under the cap and answers the
 * `InitializeResult` with the session id in `Mcp-Session-Id` (2025-11-25 lifecycle and transports).
 * Failures answer 400 (malformed or oversized `initialize`), 429 (this client's session quota),
 * 503 (session cap reached) or 500, and open nothing. The session keeps normalised copies of
 * `clientInfo` and `capabilities`, never the objects as sent.
 */
export async function openSession(
  layer: LayerContext,
  context: McpHttpFallbackContext,
): Promise<void> {
  const { sink } = context;
  const parsed = safeParseMessageValue(context.body);
  if (!parsed.success) {
    sendRpcError(sink, { status: 400, error: parsed.error, id: parsed.id });
    return;
  }
  const request = parsed.message;
  if (!isJsonRpcRequest(request)) {
    sendRpcError(sink, {
      status: 400,
      error: new InvalidRequestError('initialize must be a request with an id'),
    });
    return;
  }
  // Sized before it is parsed: a 4 MB loose object costs far more to validate than to measure.
  const rawParams = request.params;
  const described = descriptionLength(rawParams?.['clientInfo'], rawParams?.['capabilities']);
  if (described > layer.options.maxClientDescriptionLength) {
    sendRpcError(sink, {
      status: 400,
      error: new InvalidParamsError(
        `clientInfo and capabilities may take at most ${layer.options.maxClientDescriptionLength} characters of JSON, got ${described}`,
      ),
      id: request.id,
    });
    return;
  }
  const params = InitializeRequestParamsSchema.safeParse(rawParams);
  if (!params.success) {
    sendRpcError(sink, {
      status: 400,
      error: new InvalidParamsError(
        'Invalid initialize params: protocolVersion, capabilities and clientInfo are required',
      ),
      id: request.id,
    });
    return;
  }
  const clientCapabilities = normaliseClientCapabilities(params.data.capabilities);
  const versions = layer.options.versions;
  const requested = params.data.protocolVersion;
  const served = versions.find((version) => version === requested);
  const protocolVersion: LegacyProtocolVersion = served ?? versions[0] ?? '2025-11-25';

  let description;
  try {
    description = await describeServer(layer.server);
  } catch (error) {
    if (!isJsonRpcError(error)) layer.options.onError(error);
    sendRpcError(sink, {
      status: 500,
      error: new InternalError('The server cannot start a session'),
      id: request.id,
    });
    return;
  }
  const serverCapabilities = toLegacyServerCapabilities(description.capabilities);
  let session;
  try {
    session = await layer.sessions.open({
    id: createSessionId(),
    protocolVersion,
    clientInfo: normaliseClientInfo(params.data.clientInfo),
    clientCapabilities,
    envelopeCapabilities: toEnvelopeCapabilities(protocolVersion, clientCapabilities),
    serverCapabilities,
    principal: context.auth?.principal,
    client: clientKey(context.auth, context.exchange.peerAddress),
  });
  } catch (error) {
    layer.options.onError(error);
    sendSessionsUnavailable(sink, request.id);
    return;
  }
  if (typeof session === 'string') {
    // A clear refusal instead of unbounded memory; the client may retry later.
    const message =
      session === 'client'
        ? `This client already holds ${layer.options.maxSessionsPerClient} sessions; end one (DELETE) first`
        : `Too many open sessions (the limit is ${layer.options.maxSessions}); try again later`;
    sendOverloaded(sink, request.id, { message, limit: session });
    return;
  }
  const result: InitializeResult = {
    protocolVersion,
    capabilities: serverCapabilities,
    serverInfo: layer.server.info,
    ...(description.instructions === undefined ? {} : { instructions: description.instructions }),
  };
  sink.sendJson(
    200,
    { ...JSON_HEADERS, [HttpHeader.SessionId]: session.id },
    JSON.stringify(createResultResponse(request.id, result)),
  );
}
