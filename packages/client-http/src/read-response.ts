/**
 * Turns the HTTP response of one POST into the JSON-RPC response of its request, or says that the
 * stream broke before it arrived.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports (responses;
 *   requirements #108, #113, #142)
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import {
  isJsonRpcErrorResponse,
  isJsonRpcNotification,
  isJsonRpcResponse,
  safeParseMessage,
} from '@tern/jsonrpc';
import type {
  JsonRpcErrorObject,
  JsonRpcId,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcResponse,
} from '@tern/jsonrpc';
import { HttpError } from './errors.js';
import { abortReason } from './abort-reason.js';
import { readSseEvents, SseEventTooLargeError } from './sse-reader.js';

/** What one attempt produced. */
export type ResponseOutcome =
  /** The JSON-RPC response of the request (a result, or an error to throw as `JsonRpcError`). */
  | { kind: 'response'; response: JsonRpcResponse }
  /** The connection failed or the stream ended before the response: re-issue with a new id. */
  | { kind: 'broken'; cause: unknown };

/** What {@link readResponse} needs to know about the request. */
export interface ReadResponseContext {
  id: JsonRpcId;
  method: string;
  signal: AbortSignal;
  onNotification: ((notification: JsonRpcNotification) => void) | undefined;
  maxEventSize: number | undefined;
}

/** Bodies kept on an {@link HttpError}, in characters. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Reads `response` (the answer to the POST of request `context.id`):
 *
 * - non-2xx: a JSON-RPC error response with the request's id resolves the call (404 + `-32601`,
 *   400 + `-32022`...); anything else is an {@link HttpError};
 * - `application/json`: the body must be the response of the request;
 * - `text/event-stream`: notifications go to `onNotification` until the response arrives; keep-alive
 *   comments, responses to other ids and malformed events are ignored; an early end is `broken`.
 *
 * An error response without an id (`null`) on a 2xx answers the request: the response channel of a
 * POST belongs to that one request.
 *
 * @throws HttpError, SdkError (`INVALID_RESULT`) for an oversized SSE event, or the abort reason
 */
export async function readResponse(
  response: Response,
  context: ReadResponseContext,
): Promise<ResponseOutcome> {
  if (!response.ok) return { kind: 'response', response: await readFailure(response, context) };
  const mediaType = mediaTypeOf(response);
  if (mediaType === 'text/event-stream' && response.body !== null)
    return readEventStream(response.body, context);
  if (mediaType === 'application/json') return readJson(response, context);
  const body = await readErrorBody(response, context.signal);
  throw new HttpError(
    response.status === 202 || response.status === 204 || body === ''
      ? `The server answered ${context.method} with HTTP ${response.status} and no JSON-RPC response`
      : `The server answered ${context.method} with an unexpected Content-Type: ${response.headers.get('content-type') ?? '(none)'}`,
    { status: response.status, headers: response.headers, body },
  );
}

async function readJson(
  response: Response,
  context: ReadResponseContext,
): Promise<ResponseOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (context.signal.aborted) throw abortReason(context.signal);
    return { kind: 'broken', cause: error };
  }
  const parsed = safeParseMessage(bytes);
  if (parsed.success && isJsonRpcResponse(parsed.message) && answers(parsed.message, context.id)) {
    return { kind: 'response', response: parsed.message };
  }
  throw new HttpError(
    `The server answered ${context.method} with a body that is not its JSON-RPC response`,
    {
      status: response.status,
      headers: response.headers,
      body: new TextDecoder().decode(bytes).slice(0, MAX_ERROR_BODY),
    },
  );
}

async function readEventStream(
  body: ReadableStream<Uint8Array>,
  context: ReadResponseContext,
): Promise<ResponseOutcome> {
  try {
    for await (const event of readSseEvents(
      body,
      context.maxEventSize === undefined ? {} : { maxEventSize: context.maxEventSize },
    )) {
      // One JSON-RPC message per default (`message`) event; other event types are not MCP's.
      if ((event.event !== undefined && event.event !== 'message') || event.data === '') continue;
      const parsed = safeParseMessage(event.data);
      if (!parsed.success) continue;
      const message = parsed.message;
      if (isJsonRpcResponse(message)) {
        // Leaving the loop cancels the body: the final response ends the stream (#111).
        if (answers(message, context.id)) return { kind: 'response', response: message };
      } else if (isJsonRpcNotification(message)) {
        deliver(message, context);
      }
      // A JSON-RPC request on the stream is a server error (#110): ignored.
    }
  } catch (error) {
    if (context.signal.aborted) throw abortReason(context.signal);
    if (error instanceof SseEventTooLargeError) {
      throw new SdkError(
        SdkErrorCode.InvalidResult,
        `The ${context.method} stream was refused: ${error.message}`,
        { cause: error },
      );
    }
    return { kind: 'broken', cause: error };
  }
  if (context.signal.aborted) throw abortReason(context.signal);
  return { kind: 'broken', cause: undefined };
}

/** A non-2xx response: the JSON-RPC error of the request, or an {@link HttpError}. */
async function readFailure(
  response: Response,
  context: ReadResponseContext,
): Promise<JsonRpcResponse> {
  const body = await readErrorBody(response, context.signal);
  const message = body === '' ? undefined : parseQuietly(body);
  if (message !== undefined && isJsonRpcErrorResponse(message) && message.id === context.id)
    return message;
  const error: JsonRpcErrorObject | undefined =
    message !== undefined && isJsonRpcErrorResponse(message) ? message.error : undefined;
  throw new HttpError(
    `HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`} for ${context.method}` +
      (error === undefined ? '' : `: ${error.message} (${error.code})`),
    {
      status: response.status,
      headers: response.headers,
      body: body.slice(0, MAX_ERROR_BODY),
      error,
    },
  );
}

/** The body as text; empty when it cannot be read (the status alone is the answer then). */
async function readErrorBody(response: Response, signal: AbortSignal): Promise<string> {
  try {
    return await response.text();
  } catch {
    if (signal.aborted) throw abortReason(signal);
    return '';
  }
}

function parseQuietly(text: string): JsonRpcMessage | undefined {
  const parsed = safeParseMessage(text);
  return parsed.success ? parsed.message : undefined;
}

/** The `error` of a JSON-RPC error response in `body`, if that is what it holds. @internal */
export function jsonRpcErrorOf(body: string): JsonRpcErrorObject | undefined {
  const message = body === '' ? undefined : parseQuietly(body);
  return message !== undefined && isJsonRpcErrorResponse(message) ? message.error : undefined;
}

function answers(response: JsonRpcResponse, id: JsonRpcId): boolean {
  if (response.id === id) return true;
  return isJsonRpcErrorResponse(response) && (response.id === null || response.id === undefined);
}

function deliver(notification: JsonRpcNotification, context: ReadResponseContext): void {
  try {
    context.onNotification?.(notification);
  } catch {
    // A failing listener must not cost the request its response.
  }
}

function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}
