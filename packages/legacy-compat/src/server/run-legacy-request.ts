import type { AuthInfo, McpServer, RequestEnvelope } from '@tern/core-protocol';
import { toWireError } from '@tern/core-protocol';
import {
  createErrorResponse,
  createResultResponse,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
  isJsonRpcError,
  MethodNotFoundError,
} from '@tern/jsonrpc';
import type { JsonRpcId, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { InputRequestSchema, LoggingLevelSchema, MetaKey } from '@tern/schema';
import type { ProgressToken } from '@tern/schema';
import type { AskBudget } from './ask-budget.js';
import { LegacyInputChannel } from './legacy-input-channel.js';
import type { ResolvedLegacyOptions } from './legacy-layer-options.js';
import { toLegacyResponse } from './legacy-response.js';
import type { LegacySession } from './legacy-session.js';
import type { LegacyReply } from './legacy-reply.js';
import { registerRequestStream } from './request-streams.js';

/** Methods of the legacy revisions that the 2026 core answers unchanged. */
const CORE_METHODS = new Set([
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'completion/complete',
]);

/** Everything a legacy request runs with. @internal */
export interface LegacyRequestContext {
  readonly server: McpServer;
  readonly options: ResolvedLegacyOptions;
  readonly session: LegacySession;
  readonly reply: LegacyReply;
  readonly auth: AuthInfo | undefined;
  readonly askBudget: AskBudget;
}

/** The key of a request id in the session's table of running requests. */
export function requestKey(id: JsonRpcId): string {
  return `${typeof id}:${String(id)}`;
}

/**
 * Runs one request of a legacy session and sends its response through the POST's reply. The
 * methods that 2026-07-28 removed (`ping`, `logging/setLevel`, `resources/subscribe`,
 * `resources/unsubscribe`) are answered here; the rest goes to the core with an envelope built
 * from the session and an input channel that sends real server-to-client requests. A request the
 * client cancelled gets no response (cancellation utility: the receiver should not respond).
 * Never rejects.
 */
export async function runLegacyRequest(
  context: LegacyRequestContext,
  request: JsonRpcRequest,
): Promise<void> {
  const { session, reply } = context;
  const key = requestKey(request.id);
  if (session.running.has(key)) {
    reply.respond(
      createErrorResponse(
        request.id,
        new InvalidRequestError(`Request id ${String(request.id)} is already in use`).toJson(),
      ),
    );
    return;
  }
  const controller = new AbortController();
  session.running.set(key, { controller });
  const unregister = registerRequestStream(controller.signal, reply);
  let response: JsonRpcResponse;
  try {
    response = await answer(context, request, controller.signal);
  } catch (error) {
    // Protocol errors are answers; anything else is a fault worth showing to the operator.
    if (!isJsonRpcError(error)) context.options.onError(error);
    response = createErrorResponse(request.id, toWireError(error).toJson());
  } finally {
    unregister();
    if (session.running.get(key)?.controller === controller) session.running.delete(key);
    session.touch();
  }
  if (controller.signal.aborted) reply.skip();
  else reply.respond(toLegacyResponse(request.method, response, session.protocolVersion));
}

async function answer(
  context: LegacyRequestContext,
  request: JsonRpcRequest,
  signal: AbortSignal,
): Promise<JsonRpcResponse> {
  const { session } = context;
  const capabilities = session.serverCapabilities;
  const params = request.params ?? {};
  switch (request.method) {
    case 'ping':
      return createResultResponse(request.id, {});
    case 'logging/setLevel': {
      if (capabilities.logging === undefined) return notFound(request);
      const level = LoggingLevelSchema.safeParse(params['level']);
      if (!level.success) return invalidParams(request, 'logging/setLevel needs a valid "level"');
      session.logLevel = level.data;
      await session.saveState();
      return createResultResponse(request.id, {});
    }
    case 'resources/subscribe':
    case 'resources/unsubscribe': {
      if (capabilities.resources?.subscribe !== true) return notFound(request);
      const uri = params['uri'];
      if (typeof uri !== 'string') return invalidParams(request, `${request.method} needs a "uri"`);
      if (request.method === 'resources/unsubscribe') session.unsubscribe(uri);
      else {
        const refusal = subscriptionRefusal(context, uri);
        if (refusal !== undefined) return invalidParams(request, refusal);
        session.subscribe(uri);
      }
      await session.saveState();
      return createResultResponse(request.id, {});
    }
    case 'initialize':
      return createErrorResponse(
        request.id,
        new InvalidRequestError(
          'The session is already initialized; initialize opens a new session without Mcp-Session-Id',
        ).toJson(),
      );
    default:
      if (!CORE_METHODS.has(request.method)) return notFound(request);
      return execute(context, request, signal);
  }
}

/**
 * Hands a request to the core. A handler registered with `requestState: 'manual'` may still
 * return `input_required`: its input requests are then sent to the client as real requests and
 * the handler is called again with the answers (spec/legacy.md §7), so a legacy client never
 * sees `input_required`.
 */
async function execute(
  context: LegacyRequestContext,
  request: JsonRpcRequest,
  signal: AbortSignal,
): Promise<JsonRpcResponse> {
  const { server, session, reply, options } = context;
  const params = request.params ?? {};
  const legacyMeta = isObject(params['_meta']) ? params['_meta'] : {};
  const envelope: RequestEnvelope = {
    protocolVersion: session.protocolVersion,
    capabilities: session.envelopeCapabilities,
    clientInfo: session.clientInfo,
    logLevel: session.logLevel,
    progressToken: progressTokenOf(legacyMeta['progressToken']),
  };
  const channel = new LegacyInputChannel({
    session,
    reply,
    signal,
    askTimeoutMs: options.askTimeoutMs,
    maxAskAttempts: options.maxAskAttempts,
    maxPendingAsks: options.maxPendingAsksPerSession,
    budget: context.askBudget,
    heldSize: JSON.stringify(params).length,
  });
  // The core checks the 2026 `_meta` of params; the envelope above is what it actually uses.
  const meta = {
    ...legacyMeta,
    [MetaKey.ProtocolVersion]: session.protocolVersion,
    [MetaKey.ClientCapabilities]: session.envelopeCapabilities,
  };
  let current: JsonRpcRequest = { ...request, params: { ...params, _meta: meta } };
  for (let round = 0; ; round += 1) {
    const response = await server.execute(current, {
      envelope,
      signal,
      auth: context.auth,
      notify: (notification) => {
        if (!signal.aborted) reply.send(notification);
      },
      inputChannel: channel,
    });
    if ('error' in response || response.result['resultType'] !== 'input_required') return response;
    if (round >= options.maxInputRounds) {
      return createErrorResponse(
        request.id,
        new InternalError(
          `The request needed more than ${options.maxInputRounds} rounds of input`,
        ).toJson(),
      );
    }
    const inputResponses = await answerInputRequests(channel, response.result['inputRequests']);
    const requestState = response.result['requestState'];
    current = {
      ...current,
      params: {
        ...current.params,
        inputResponses,
        ...(typeof requestState === 'string' ? { requestState } : {}),
      },
    };
  }
}

/** Sends each input request of a manual handler's round to the client, in parallel. */
async function answerInputRequests(
  channel: LegacyInputChannel,
  inputRequests: unknown,
): Promise<Record<string, unknown>> {
  const entries = Object.entries(isObject(inputRequests) ? inputRequests : {});
  const answers = await Promise.all(
    entries.map(async ([key, value]) => {
      const parsed = InputRequestSchema.safeParse(value);
      if (!parsed.success)
        throw new InternalError(`Input request "${key}" is not one a client can answer`);
      return [key, await channel.request(parsed.data)] as const;
    }),
  );
  return Object.fromEntries(answers);
}

function progressTokenOf(value: unknown): ProgressToken | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Number.isSafeInteger(value)) return value as ProgressToken;
  throw new InvalidParamsError('Invalid _meta.progressToken: it must be a string or an integer');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a `resources/subscribe` would break the session's bounds, if it would. */
function subscriptionRefusal(context: LegacyRequestContext, uri: string): string | undefined {
  const { options, session } = context;
  if (uri.length > options.maxSubscriptionUriLength) {
    return `A subscribed URI may have at most ${options.maxSubscriptionUriLength} characters`;
  }
  if (!session.subscriptions.has(uri) && session.subscriptions.size >= options.maxSubscriptionsPerSession) {
    return `A session may subscribe to at most ${options.maxSubscriptionsPerSession} URIs; unsubscribe first`;
  }
  return undefined;
}

function notFound(request: JsonRpcRequest): JsonRpcResponse {
  return createErrorResponse(
    request.id,
    new MethodNotFoundError(`Method not found: ${request.method}`).toJson(),
  );
}

function invalidParams(request: JsonRpcRequest, message: string): JsonRpcResponse {
  return createErrorResponse(request.id, new InvalidParamsError(message).toJson());
}
