/**
 * HTTP era detection: send a modern `server/discover` and read the answer.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning (dual-era
 *   clients on HTTP; spec digest streamable-http.md §10, legacy.md §5.2)
 */
import {
  isJsonRpcErrorResponse,
  isJsonRpcResponse,
  isJsonRpcResultResponse,
  JsonRpcErrorCode,
  safeParseMessage,
} from '@tern/jsonrpc';
import { isSdkError } from '@tern/core-protocol';
import type { JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { HttpHeader, MetaKey } from '@tern/schema';
import type { ServerEra } from './era-store.js';
import { readLegacyEvents } from './legacy-sse.js';
import { discoverProbeFor, isModernDiscoverResult, MODERN_ERROR_CODES } from './probe-rules.js';
import { metaOf } from './translate.js';

/** What one probe needs. */
export interface ProbeInit {
  url: string;
  fetch: typeof fetch;
  /** The application's extra headers (authorization), already resolved. */
  headers: Headers;
  /** The request that needs the era; its `_meta` is reused for the probe. */
  request: JsonRpcRequest;
  /** Send `request` itself as the probe (it is a `server/discover`) and keep a modern answer to it. */
  sendRequest: boolean;
  signal: AbortSignal;
  /** How long the probe may take before the server counts as legacy. */
  timeoutMs: number;
}

/** What the probe found. `era` is `undefined` when the answer says nothing about it (401, 5xx, network). */
export interface ProbeOutcome {
  era: ServerEra | undefined;
  /** The answer to `request` itself, when it was the `server/discover` probe of a modern server. */
  response?: JsonRpcResponse;
}

/** Probe id: never confused with a client core id (those are integers). */
const PROBE_ID = 'tern-era-probe';

/**
 * POSTs a modern `server/discover` and classifies the answer with {@link classifyProbeAnswer}. A
 * probe that gets no answer within `timeoutMs` means legacy (a legacy server may ignore an unknown
 * method before `initialize`).
 *
 * @throws the abort reason when `init.signal` aborts
 */
export async function probeServerEra(init: ProbeInit): Promise<ProbeOutcome> {
  const isDiscover = init.sendRequest && init.request.method === 'server/discover';
  const probe: JsonRpcRequest = isDiscover ? init.request : discoverProbeFor(init.request, PROBE_ID);
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = AbortSignal.any([init.signal, timeout]);
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json, text/event-stream');
  headers.set(HttpHeader.ProtocolVersion, String(metaOf(probe.params)[MetaKey.ProtocolVersion]));
  headers.set(HttpHeader.Method, probe.method);
  try {
    const response = await init.fetch(init.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(probe),
      signal,
    });
    const message = await readAnswer(response, probe.id);
    const era = classifyProbeAnswer(response.status, message);
    const answersRequest =
      isDiscover &&
      era === 'modern' &&
      message !== undefined &&
      isJsonRpcResponse(message) &&
      message.id === probe.id;
    return answersRequest ? { era, response: message } : { era };
  } catch (error) {
    if (init.signal.aborted) throw init.signal.reason;
    // The auth provider's own failure (AUTHORIZATION_FAILED) is final: it says nothing of the era.
    if (isSdkError(error)) throw error;
    // Silence until the timeout is a legacy trait; a network failure says nothing.
    return timeout.aborted ? { era: 'legacy' } : { era: undefined };
  }
}

/**
 * The era an answer to the `server/discover` probe reveals:
 *
 * - a recognised modern error (`-32020`, `-32021`, `-32022`) under any status: modern (the
 *   request must be fixed or retried with another version, never downgraded);
 * - a 2xx with a `DiscoverResult` whose `supportedVersions` lists a modern version: modern; any
 *   other 2xx answer (an empty result, only 2025 versions, `-32601`, a body that is no JSON-RPC
 *   response): legacy, since every modern server implements `server/discover`;
 * - `404` with `-32601`: modern (its "unknown method");
 * - `400`, `404` or `405` otherwise (empty body, HTML, a legacy "not initialized" or session
 *   error): legacy;
 * - anything else (`401`, `403`, `5xx`, ...): `undefined`, nothing learned.
 */
export function classifyProbeAnswer(
  status: number,
  message: JsonRpcMessage | undefined,
): ServerEra | undefined {
  const code =
    message !== undefined && isJsonRpcErrorResponse(message) ? message.error.code : undefined;
  if (code !== undefined && MODERN_ERROR_CODES.has(code)) return 'modern';
  if (status >= 200 && status < 300) {
    const isDiscoverResult =
      message !== undefined && isJsonRpcResultResponse(message) && isModernDiscoverResult(message.result);
    return isDiscoverResult ? 'modern' : 'legacy';
  }
  if (status === 404 && code === JsonRpcErrorCode.MethodNotFound) return 'modern';
  if (status === 400 || status === 404 || status === 405) return 'legacy';
  return undefined;
}

/** The JSON-RPC message the probe's answer carries (the first response on an SSE stream). */
async function readAnswer(
  response: Response,
  id: JsonRpcRequest['id'],
): Promise<JsonRpcMessage | undefined> {
  const mediaType = (response.headers.get('content-type') ?? '')
    .split(';', 1)[0]
    ?.trim()
    .toLowerCase();
  if (mediaType === 'text/event-stream' && response.ok && response.body !== null) {
    let answer: JsonRpcMessage | undefined;
    await readLegacyEvents(
      response.body,
      { lastEventId: undefined, retryMs: undefined },
      (message) => {
        if (!isJsonRpcResponse(message) || (message.id !== id && message.id !== null)) return false;
        answer = message;
        return true;
      },
    );
    return answer;
  }
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  const parsed = safeParseMessage(text);
  return parsed.success ? parsed.message : undefined;
}
