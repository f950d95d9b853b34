/**
 * The `initialize` handshake of a legacy (2025-era) session over Streamable HTTP.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization
 */
import { isSdkError, SdkError, SdkErrorCode } from '@tern/core-protocol';
import {
  createRequest,
  isJsonRpcErrorResponse,
  isJsonRpcResponse,
  JsonRpcError,
} from '@tern/jsonrpc';
import type { JsonRpcErrorObject, JsonRpcId, JsonRpcResponse } from '@tern/jsonrpc';
import { HttpHeader, LEGACY_PROTOCOL_VERSIONS } from '@tern/schema';
import type {
  ClientCapabilities,
  Implementation,
  LegacyProtocolVersion,
  LoggingLevel,
} from '@tern/schema';
import type { InitializeResult } from '@tern/schema/legacy';
import { httpError, LEGACY_ACCEPT, mediaTypeOf, parseQuietly, readText } from './legacy-http.js';
import { readInitializeResult } from './initialize-result.js';
import { readLegacyEvents } from './legacy-sse.js';
import type { StandaloneStream } from './standalone-stream.js';
import { isRecord, toLegacyCapabilities } from './translate.js';

/** What `initialize` negotiated, and the state that lives as long as the session. */
export interface NegotiatedSession {
  /** `Mcp-Session-Id` of the `InitializeResult` response; sent on every later request. */
  readonly sessionId: string | undefined;
  /** The version the server chose. */
  readonly protocolVersion: LegacyProtocolVersion;
  /** The server's answer: capabilities, `serverInfo`, `instructions`. */
  readonly initialize: InitializeResult;
  /** The client's capabilities (modern shape) the session was initialized with. */
  readonly declared: ClientCapabilities;
  /** The level last set with `logging/setLevel`. */
  logLevel: LoggingLevel | undefined;
  /** Aborted when the session ends (HTTP 404, `close()`). */
  readonly ended: AbortController;
  /** The standalone GET stream, once opened. */
  standalone: StandaloneStream | undefined;
}

/** What {@link handshake} needs. */
export interface HandshakeInit {
  url: string;
  fetch: typeof fetch;
  headers: () => Promise<Headers>;
  /** The version to ask for. */
  protocolVersion: LegacyProtocolVersion;
  /** The modern capabilities of the request that started the session. */
  capabilities: ClientCapabilities | undefined;
  clientInfo: Implementation;
  /** Hands out the JSON-RPC id of the `initialize` request. */
  nextId: () => number;
  signal: AbortSignal;
}

/**
 * Sends `initialize` and checks the answer. The server must echo the requested version or name
 * another it supports; a legacy version Tern speaks is accepted (2025-11-25, 2025-06-18,
 * 2025-03-26), anything else ends the attempt. An error naming supported versions in
 * `data.supported` is retried once with the best legacy one among them.
 *
 * The caller sends `notifications/initialized` afterwards.
 *
 * @throws SdkError `HTTP_ERROR` (a 4xx/5xx without a JSON-RPC answer), `NO_COMMON_PROTOCOL_VERSION`,
 *   `INVALID_RESULT`, each with `data.method === 'initialize'`; a `JsonRpcError` the server sent
 */
export async function handshake(init: HandshakeInit): Promise<NegotiatedSession> {
  const capabilities = toLegacyCapabilities(init.capabilities);
  let requested: string = init.protocolVersion;
  for (let attempt = 0; ; attempt += 1) {
    const params = { protocolVersion: requested, capabilities, clientInfo: init.clientInfo };
    const { response, sessionId } = await postInitialize(
      init,
      createRequest(init.nextId(), 'initialize', params),
    );
    if (isJsonRpcErrorResponse(response)) {
      const alternative = supportedLegacyVersion(response.error, requested);
      if (attempt === 0 && alternative !== undefined) {
        requested = alternative;
        continue;
      }
      throw refusal(response.error, requested);
    }
    let checked;
    try {
      checked = readInitializeResult(response.result, requested);
    } catch (error) {
      // The client cannot use the version the server chose: it disconnects (2025-11-25 lifecycle).
      if (isSdkError(error) && error.code === SdkErrorCode.NoCommonProtocolVersion && sessionId !== undefined) {
        void deleteSession(init, sessionId);
      }
      throw error;
    }
    return {
      sessionId,
      protocolVersion: checked.protocolVersion,
      initialize: checked.result,
      declared: init.capabilities ?? {},
      logLevel: undefined,
      ended: new AbortController(),
      standalone: undefined,
    };
  }
}

/** POSTs `initialize` and reads its JSON-RPC response (JSON, or the first matching SSE response). */
async function postInitialize(
  init: HandshakeInit,
  request: ReturnType<typeof createRequest>,
): Promise<{ response: JsonRpcResponse; sessionId: string | undefined }> {
  const headers = await init.headers();
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', LEGACY_ACCEPT);
  const response = await init.fetch(init.url, {
    method: 'POST',
    headers,
    body: JSON.stringify(request),
    signal: init.signal,
  });
  const sessionId = response.headers.get(HttpHeader.SessionId) ?? undefined;
  if (response.ok && mediaTypeOf(response) === 'text/event-stream' && response.body !== null) {
    let answer: JsonRpcResponse | undefined;
    // Before its InitializeResult a server may only send ping and logging: nothing to act on.
    await readLegacyEvents(
      response.body,
      { lastEventId: undefined, retryMs: undefined },
      (message) => {
        if (isJsonRpcResponse(message) && answersId(message, request.id)) answer = message;
        return answer !== undefined;
      },
    );
    if (answer !== undefined) return { response: answer, sessionId };
    throw httpError('initialize', response, '');
  }
  const body = await readText(response);
  const message = parseQuietly(body);
  // A JSON-RPC error that answers initialize is the server's word even on a 4xx (a modern-only
  // server names its supported versions there).
  if (message !== undefined && isJsonRpcResponse(message) && answersId(message, request.id)) {
    if (response.ok || isJsonRpcErrorResponse(message)) return { response: message, sessionId };
  }
  throw httpError('initialize', response, body);
}

function answersId(response: JsonRpcResponse, id: JsonRpcId): boolean {
  return response.id === id;
}

/** The best legacy version listed in `error.data.supported`, other than the one just refused. */
function supportedLegacyVersion(
  error: JsonRpcErrorObject,
  requested: string,
): LegacyProtocolVersion | undefined {
  const supported = isRecord(error.data) ? error.data['supported'] : undefined;
  if (!Array.isArray(supported)) return undefined;
  return LEGACY_PROTOCOL_VERSIONS.find(
    (version) => version !== requested && supported.includes(version),
  );
}

/** The error for a refused `initialize`: a version mismatch when the server named its versions. */
function refusal(error: JsonRpcErrorObject, requested: string): Error {
  const supported = isRecord(error.data) ? error.data['supported'] : undefined;
  if (!Array.isArray(supported)) return JsonRpcError.fromError(error);
  return new SdkError(
    SdkErrorCode.NoCommonProtocolVersion,
    `The server refused initialize: ${error.message} (supported: ${supported.map(String).join(', ')})`,
    { data: { method: 'initialize', supported, requested }, cause: JsonRpcError.fromError(error) },
  );
}

async function deleteSession(init: HandshakeInit, sessionId: string): Promise<void> {
  try {
    const headers = await init.headers();
    headers.set(HttpHeader.SessionId, sessionId);
    const response = await init.fetch(init.url, {
      method: 'DELETE',
      headers,
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel().catch(() => undefined);
  } catch {
    // Best effort: the server forgets idle sessions anyway.
  }
}
