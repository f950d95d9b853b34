/**
 * Small HTTP helpers of the legacy (2025-era) client path: headers, body reading, errors, waits.
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import { isJsonRpcErrorResponse, safeParseMessage } from '@tern/jsonrpc';
import type { JsonRpcErrorObject, JsonRpcMessage } from '@tern/jsonrpc';

/** Both response kinds a legacy client must accept on a POST. */
export const LEGACY_ACCEPT = 'application/json, text/event-stream';

/** Bodies kept on an HTTP error, in characters. */
const MAX_ERROR_BODY = 64 * 1024;

/** The media type of a response, lower-cased, without parameters. */
export function mediaTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** The body as text; empty when it cannot be read. */
export async function readText(response: Response): Promise<string> {
  return response.text().catch(() => '');
}

/** The single JSON-RPC message in `text`, if that is what it holds. */
export function parseQuietly(text: string): JsonRpcMessage | undefined {
  if (text === '') return undefined;
  const parsed = safeParseMessage(text);
  return parsed.success ? parsed.message : undefined;
}

/**
 * A local error for an HTTP answer without the JSON-RPC response it should carry. Its code is
 * `HTTP_ERROR` and its `data` is `{ status, body, error, method }`, the shape client-http's
 * `HttpError` uses (`error`: a JSON-RPC error found in the body that did not answer by id).
 */
export function httpError(method: string, response: Response, body: string): SdkError {
  const message = parseQuietly(body);
  const error: JsonRpcErrorObject | undefined =
    message !== undefined && isJsonRpcErrorResponse(message) ? message.error : undefined;
  return new SdkError(
    SdkErrorCode.HttpError,
    `HTTP ${response.status} for ${method}` +
      (error === undefined ? '' : `: ${error.message} (${error.code})`),
    { data: { status: response.status, body: body.slice(0, MAX_ERROR_BODY), error, method } },
  );
}

/** The HTTP status an `HTTP_ERROR` SdkError (or client-http's `HttpError`) carries. */
export function statusOf(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; data?: { status?: unknown } } | undefined)?.status ??
    (error as { data?: { status?: unknown } } | undefined)?.data?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** `promise`, or a rejection with the abort reason as soon as `signal` aborts. */
export function untilAborted<TValue>(
  promise: Promise<TValue>,
  signal: AbortSignal,
): Promise<TValue> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}
