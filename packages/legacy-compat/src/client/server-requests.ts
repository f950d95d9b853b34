/**
 * Answers the requests a legacy server sends to the client (`elicitation/create`,
 * `sampling/createMessage`, `roots/list`, `ping`) with the client's own input handlers: the same
 * ones that answer MRTR `inputRequests` of a modern server.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation
 */
import { isSdkError, SdkErrorCode, toWireError } from '@tern/core-protocol';
import {
  createErrorResponse,
  createResultResponse,
  InternalError,
  InvalidParamsError,
  MethodNotFoundError,
} from '@tern/jsonrpc';
import type { JsonRpcErrorObject, JsonRpcRequest, JsonRpcResponse } from '@tern/jsonrpc';
import { InputRequestSchema } from '@tern/schema';
import type { ClientCapabilities, InputRequest, InputResponse } from '@tern/schema';
import { isRecord } from './translate.js';

/** Answers one input request (from `TransportSendOptions.answerInputRequest`). */
export type InputAnswerer = (request: InputRequest) => Promise<InputResponse>;

/** The methods a client answers through its input handlers, with the capability each needs. */
const INPUT_METHODS: Readonly<Record<string, keyof ClientCapabilities>> = {
  'elicitation/create': 'elicitation',
  'sampling/createMessage': 'sampling',
  'roots/list': 'roots',
};

/**
 * The JSON-RPC response to a server-to-client request. Never throws: every failure becomes an
 * error response, which legacy revisions allow the client to send.
 *
 * - `ping` is answered `{}` at once.
 * - An input request is turned into its 2026-07-28 shape (`elicitationId`, `task` and `_meta` are
 *   left out: modern handlers have no use for them, and the JSON-RPC id already correlates the
 *   answer) and handed to `answer`.
 * - An unknown method, a capability the client did not declare at all (`declared`), or no
 *   handler: `-32601`. A sub-capability it did not declare (a URL elicitation to a form-only
 *   client): `-32602`, as 2025-11-25 prescribes. Params that are not valid: `-32602`. A failing
 *   handler: `-32603` with the SDK's generic message, never the handler's own error.
 */
export async function answerServerRequest(
  request: JsonRpcRequest,
  answer: InputAnswerer | undefined,
  declared: ClientCapabilities = {},
): Promise<JsonRpcResponse> {
  if (request.method === 'ping') return createResultResponse(request.id, {});
  const capability = INPUT_METHODS[request.method];
  if (capability === undefined || declared[capability] === undefined || answer === undefined) {
    return createErrorResponse(
      request.id,
      new MethodNotFoundError(`The client does not handle ${request.method}`).toJson(),
    );
  }
  const parsed = InputRequestSchema.safeParse({
    method: request.method,
    params: toModernParams(request),
  });
  if (!parsed.success) {
    return createErrorResponse(
      request.id,
      new InvalidParamsError(`Invalid ${request.method} params`).toJson(),
    );
  }
  try {
    const result = await answer(parsed.data);
    return createResultResponse(request.id, result);
  } catch (error) {
    return createErrorResponse(request.id, wireErrorFor(error, request.method));
  }
}

/** The params of a legacy server request in their modern shape. */
function toModernParams(request: JsonRpcRequest): Record<string, unknown> | undefined {
  const params = request.params;
  if (params === undefined) return request.method === 'roots/list' ? undefined : {};
  const { _meta: _ignored, task: _task, ...rest } = params;
  if (request.method === 'elicitation/create' && isRecord(rest)) {
    const { elicitationId: _elicitationId, ...modern } = rest;
    return modern;
  }
  return rest;
}

function wireErrorFor(error: unknown, method: string): JsonRpcErrorObject {
  if (isSdkError(error)) {
    if (error.code === SdkErrorCode.NoInputHandler) {
      return new MethodNotFoundError(`The client does not handle ${method}`).toJson();
    }
    // The client core refuses input it did not declare (requirements.md #63, #212, #233).
    if (error.code === SdkErrorCode.InvalidResult)
      return new InvalidParamsError(error.message).toJson();
    if (error.code === SdkErrorCode.InputHandlerFailed)
      return new InternalError(error.message).toJson();
    // Aborts, timeouts and the like: nothing the server can act on.
    return new InternalError().toJson();
  }
  return toWireError(error).toJson();
}
