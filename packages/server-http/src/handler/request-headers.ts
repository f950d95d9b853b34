/**
 * Header/body validation of a 2026-07-28 request before dispatch (ST §5; requirements.md #116,
 * #117, #119, #120, #127, #131-#137). Every failure is an {@link McpHttpError} with status 400 and
 * the request id kept (#10).
 */
import type { McpServer, RequestEnvelope } from '@tern/core-protocol';
import {
  checkHeaderValue,
  decodeHeaderValue,
  mcpParamHeaderName,
  readRequestMeta,
  toWireError,
} from '@tern/core-protocol';
import { HeaderMismatchError, InvalidParamsError } from '@tern/jsonrpc';
import type { JsonRpcRequest } from '@tern/jsonrpc';
import { HttpHeader, MetaKey } from '@tern/schema';
import type { HttpRequestInfo } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';

const PROTOCOL_VERSION_HEADER = HttpHeader.ProtocolVersion.toLowerCase();
const METHOD_HEADER = HttpHeader.Method.toLowerCase();
const NAME_HEADER = HttpHeader.Name.toLowerCase();

/** The body field `Mcp-Name` mirrors, per method (#120). */
const NAME_FIELDS: Readonly<Record<string, 'name' | 'uri'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
};

function reject(
  request: JsonRpcRequest,
  error: HeaderMismatchError | InvalidParamsError,
): McpHttpError {
  return new McpHttpError(400, { error, id: request.id });
}

/** Quotes a value for an error message, cut short so a huge header is never echoed whole. */
function quote(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

function own(object: Record<string, unknown> | undefined, key: string): unknown {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Checks `MCP-Protocol-Version` against `_meta` and reads the request envelope. In this order:
 * header missing (-32020, naming the supported versions for legacy clients, ST §9), `_meta`
 * protocol version missing (-32602, even with the header), header ≠ `_meta` (-32020), version not
 * supported (-32022 with `data.supported`/`data.requested`), other `_meta` fields missing or
 * invalid (-32602).
 *
 * @throws McpHttpError 400
 */
export function readEnvelope(
  exchange: HttpRequestInfo,
  request: JsonRpcRequest,
  server: McpServer,
): RequestEnvelope {
  const header = exchange.header(PROTOCOL_VERSION_HEADER);
  if (header === undefined) {
    const supported = server.supportedVersions;
    // A 2025-era client opens with `initialize`, which has no such header: tell it plainly that
    // this endpoint is modern-only, naming the versions it serves (spec/legacy.md §5, #51).
    const message =
      request.method === 'initialize'
        ? `This endpoint serves only MCP ${supported.join(', ')}: it has no initialize handshake, so 2025-era clients cannot use it`
        : `Missing ${HttpHeader.ProtocolVersion} header; this server supports ${supported.join(', ')}`;
    throw reject(
      request,
      new HeaderMismatchError(message, { data: { supported: [...supported] } }),
    );
  }
  const meta = own(request.params, '_meta');
  const bodyVersion =
    typeof meta === 'object' && meta !== null
      ? own(meta as Record<string, unknown>, MetaKey.ProtocolVersion)
      : undefined;
  if (typeof bodyVersion !== 'string') {
    throw reject(
      request,
      new InvalidParamsError(`Missing or invalid _meta["${MetaKey.ProtocolVersion}"]`),
    );
  }
  if (header !== bodyVersion) {
    throw reject(
      request,
      new HeaderMismatchError(
        `${HttpHeader.ProtocolVersion} header ${quote(header)} does not match _meta protocol version ${quote(bodyVersion)}`,
      ),
    );
  }
  try {
    return readRequestMeta(request.params, server.supportedVersions, server.listedVersions);
  } catch (error) {
    // -32602 (missing clientCapabilities, bad logLevel) and -32022: both 400 on HTTP (#35, #117).
    throw new McpHttpError(400, { error: toWireError(error), id: request.id, cause: error });
  }
}

/**
 * Checks `Mcp-Method`, `Mcp-Name` (for `tools/call`, `prompts/get`, `resources/read`, and the
 * extension methods that declare a `nameParam`, such as `tasks/get`) and the
 * `Mcp-Param-*` headers of a `tools/call` against the body. Values are compared case-sensitively
 * after sentinel decoding; names case-insensitively (#134). An unknown tool is left to the core,
 * which answers -32602.
 *
 * @throws McpHttpError 400 with -32020
 */
export function checkMcpHeaders(
  exchange: HttpRequestInfo,
  request: JsonRpcRequest,
  server: McpServer,
): void {
  const method = exchange.header(METHOD_HEADER);
  if (method === undefined) {
    throw reject(request, new HeaderMismatchError(`Missing ${HttpHeader.Method} header`));
  }
  if (method !== request.method) {
    const message = `${HttpHeader.Method} header ${quote(method)} does not match body method ${quote(request.method)}`;
    throw reject(request, new HeaderMismatchError(message));
  }
  const field = Object.hasOwn(NAME_FIELDS, request.method)
    ? NAME_FIELDS[request.method]
    : server.nameParamOf(request.method);
  if (field === undefined) return;
  const target = own(request.params, field);
  // A missing or non-string name/uri is invalid params; the core reports it precisely (-32602).
  if (typeof target !== 'string') return;
  checkNameHeader(exchange.header(NAME_HEADER), target, request);
  if (request.method === 'tools/call') {
    checkParamHeaders(exchange, request, server.toolHeaderParams(target));
  }
}

/** `Mcp-Name` must be present and, decoded, equal the body's name or URI (#120, #127). */
function checkNameHeader(raw: string | undefined, target: string, request: JsonRpcRequest): void {
  if (raw === undefined) {
    throw reject(request, new HeaderMismatchError(`Missing ${HttpHeader.Name} header`));
  }
  const decoded = decodeHeaderValue(raw);
  if (!decoded.ok) {
    const message = `${HttpHeader.Name} header is invalid: ${decoded.reason}`;
    throw reject(request, new HeaderMismatchError(message));
  }
  if (decoded.value !== target) {
    throw reject(
      request,
      new HeaderMismatchError(`${HttpHeader.Name} header does not match the body`),
    );
  }
}

function checkParamHeaders(
  exchange: HttpRequestInfo,
  request: JsonRpcRequest,
  params: ReturnType<McpServer['toolHeaderParams']>,
): void {
  if (params === undefined || params.length === 0) return;
  const args = own(request.params, 'arguments');
  for (const param of params) {
    const outcome = checkHeaderValue(
      param,
      args,
      exchange.header(mcpParamHeaderName(param).toLowerCase()),
    );
    if (!outcome.ok) throw reject(request, new HeaderMismatchError(outcome.reason));
  }
}
