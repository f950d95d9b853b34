import { JsonRpcErrorCode } from '@tern/jsonrpc';
import * as z from 'zod/mini';
import { ClientCapabilitiesSchema } from './capabilities.js';
import { createErrorResponseSchema } from './envelope.js';

// Error shapes: the standard JSON-RPC error objects with their codes pinned, and the three
// MCP-defined error responses whose `data` is typed. The JsonRpcError class lives in
// @tern/jsonrpc (with the code table) and MCP-specific subclasses in core-protocol; these schemas
// only describe wires.

/** @internal Builds an error object with a pinned code and optional open `data`. */
function createErrorObjectSchema<TCode extends number>(code: TCode) {
  return z.looseObject({
    code: z.literal(code),
    /** A short description of the error. */
    message: z.string(),
    /** Additional information. */
    data: z.optional(z.unknown()),
  });
}

/** `-32700`: the receiver got invalid JSON. */
export const ParseErrorSchema = createErrorObjectSchema(-32700);
/** A parse error object. */
export type ParseError = z.infer<typeof ParseErrorSchema>;

/** `-32600`: the message is not a valid JSON-RPC request object. */
export const InvalidRequestErrorSchema = createErrorObjectSchema(-32600);
/** An invalid-request error object. */
export type InvalidRequestError = z.infer<typeof InvalidRequestErrorSchema>;

/** `-32601`: unknown method, or one gated by a capability the server did not advertise (HTTP 404). */
export const MethodNotFoundErrorSchema = createErrorObjectSchema(-32601);
/** A method-not-found error object. */
export type MethodNotFoundError = z.infer<typeof MethodNotFoundErrorSchema>;

/**
 * `-32602`: invalid params: missing required `_meta` (HTTP 400), unknown tool or prompt,
 * resource not found (`data.uri` recommended), invalid cursor or log level.
 */
export const InvalidParamsErrorSchema = createErrorObjectSchema(-32602);
/** An invalid-params error object. */
export type InvalidParamsError = z.infer<typeof InvalidParamsErrorSchema>;

/** `-32603`: an unexpected failure in the receiver. */
export const InternalErrorSchema = createErrorObjectSchema(-32603);
/** An internal error object. */
export type InternalError = z.infer<typeof InternalErrorSchema>;

/**
 * `-32020` error response: HTTP headers missing, malformed or not matching the body.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports#header-validation
 */
export const HeaderMismatchErrorSchema = createErrorResponseSchema(
  createErrorObjectSchema(JsonRpcErrorCode.HeaderMismatch),
);
/** A header-mismatch error response. */
export type HeaderMismatchError = z.infer<typeof HeaderMismatchErrorSchema>;

/**
 * `-32021` error response: the request needs client capabilities it did not declare.
 * `data.requiredCapabilities` is a `ClientCapabilities`-shaped object (for example
 * `{ "elicitation": {} }`), not a list.
 */
export const MissingRequiredClientCapabilityErrorSchema = createErrorResponseSchema(
  z.looseObject({
    code: z.literal(JsonRpcErrorCode.MissingRequiredClientCapability),
    /** A short description of the error. */
    message: z.string(),
    /** What is missing. */
    data: z.looseObject({
      /** The capabilities the request would need. */
      requiredCapabilities: ClientCapabilitiesSchema,
    }),
  }),
);
/** A missing-capability error response. */
export type MissingRequiredClientCapabilityError = z.infer<
  typeof MissingRequiredClientCapabilityErrorSchema
>;

/**
 * `-32022` error response: the requested protocol version is not supported. The client should
 * retry (new id) with a version from `data.supported`.
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning
 */
export const UnsupportedProtocolVersionErrorSchema = createErrorResponseSchema(
  z.looseObject({
    code: z.literal(JsonRpcErrorCode.UnsupportedProtocolVersion),
    /** A short description of the error. */
    message: z.string(),
    /** The versions on offer and the one requested. */
    data: z.looseObject({
      /** Versions the server supports. */
      supported: z.array(z.string()),
      /** The version the request asked for. */
      requested: z.string(),
    }),
  }),
);
/** An unsupported-version error response. */
export type UnsupportedProtocolVersionError = z.infer<typeof UnsupportedProtocolVersionErrorSchema>;
