/**
 * `JsonRpcError`, the error that crosses the wire, and one subclass per code of the
 * `JsonRpcErrorCode` table. They share one file because `JsonRpcError.fromError` must construct
 * every subclass, and the subclasses must extend `JsonRpcError`: split across modules, that is an
 * import cycle whose outcome depends on load order.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import type { JsonRpcErrorObject } from './envelope.js';
import { JsonRpcErrorCode } from './error-codes.js';
import { wireErrorDecoders } from './wire-error-registry.js';

/** Options of {@link JsonRpcError} and of the subclasses whose `data` is free-form. */
export interface JsonRpcErrorOptions {
  /** Sent to the peer as `error.data`; left out of the wire object when `undefined`. */
  data?: unknown;
  /** The local error that led to this one (ES2022 `cause`); never sent to the peer. */
  cause?: unknown;
}

/**
 * An error that travels as a JSON-RPC error object: an integer `code`, a `message` and optional
 * `data`. Throw it (or a subclass) from a handler to answer with a specific code.
 *
 * @example
 * ```ts
 * throw new JsonRpcError(-32602, 'Unknown tool: calculator', { data: { name: 'calculator' } });
 * ```
 */
export class JsonRpcError extends Error {
  override readonly name: string = 'JsonRpcError';
  /** The integer error code, e.g. `-32601`. */
  readonly code: number;
  /** Extra information for the peer; absent when not given. */
  declare readonly data?: unknown;

  constructor(code: number, message: string, options: JsonRpcErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.code = code;
    if (options.data !== undefined) {
      this.data = options.data;
    }
  }

  /**
   * Returns the wire form `{ code, message, data? }`. The stack and `cause` never leave the
   * process; `data` is left out when it is `undefined`.
   */
  toJson(): JsonRpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /**
   * Rebuilds an error received from a peer (normally a {@link JsonRpcErrorObject}), choosing the
   * subclass by `code`; codes outside the `JsonRpcErrorCode` table (legacy `-32002` included) give
   * a plain `JsonRpcError`. A `JsonRpcError` instance is returned unchanged. Never throws:
   * - A value that is not an object with an integer `code` and a string `message` becomes an
   *   {@link InternalError} saying the error object was malformed, with the value as `cause`.
   * - For `-32021` and `-32022`, malformed `data` is coerced so that the typed `data` still holds:
   *   `requiredCapabilities` falls back to `{}`, `supported` keeps only its string entries (or
   *   becomes `[]`), and `requested` falls back to `''`. The received message is kept.
   */
  static fromError(error: unknown): JsonRpcError {
    if (error instanceof JsonRpcError) {
      return error;
    }
    try {
      const received = readErrorObject(error);
      if (received !== undefined) {
        return rebuild(received);
      }
    } catch {
      // A hostile value (a throwing getter or proxy trap) is as malformed as a missing field.
    }
    return new InternalError('Received a malformed JSON-RPC error object', { cause: error });
  }
}

/** `-32700`: the message is not valid JSON, or its bytes are not valid UTF-8. */
export class ParseError extends JsonRpcError {
  override readonly name: string = 'ParseError';
  declare readonly code: typeof JsonRpcErrorCode.ParseError;

  constructor(message = 'Parse error', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.ParseError, message, options);
  }
}

/** `-32600`: the JSON is not exactly one valid JSON-RPC 2.0 message (batches included). */
export class InvalidRequestError extends JsonRpcError {
  override readonly name: string = 'InvalidRequestError';
  declare readonly code: typeof JsonRpcErrorCode.InvalidRequest;

  constructor(message = 'Invalid Request', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.InvalidRequest, message, options);
  }
}

/** `-32601`: the method does not exist or is gated by a capability that was not advertised. */
export class MethodNotFoundError extends JsonRpcError {
  override readonly name: string = 'MethodNotFoundError';
  declare readonly code: typeof JsonRpcErrorCode.MethodNotFound;

  constructor(message = 'Method not found', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.MethodNotFound, message, options);
  }
}

/**
 * `-32602`: the params are invalid. MCP-specific uses of this code with typed `data` have their own
 * subclasses: `ResourceNotFoundError` (`data.uri`) and `InvalidRequestStateError` (`data.reason`).
 */
export class InvalidParamsError extends JsonRpcError {
  override readonly name: string = 'InvalidParamsError';
  declare readonly code: typeof JsonRpcErrorCode.InvalidParams;

  constructor(message = 'Invalid params', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.InvalidParams, message, options);
  }
}

/** `-32603`: the receiver failed unexpectedly. Keep internal details out of `message`. */
export class InternalError extends JsonRpcError {
  override readonly name: string = 'InternalError';
  declare readonly code: typeof JsonRpcErrorCode.InternalError;

  constructor(message = 'Internal error', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.InternalError, message, options);
  }
}

/**
 * `-32020`: a required MCP HTTP header is missing, malformed or contains invalid characters, or it
 * does not match the body. Sent with HTTP status 400.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports
 */
export class HeaderMismatchError extends JsonRpcError {
  override readonly name: string = 'HeaderMismatchError';
  declare readonly code: typeof JsonRpcErrorCode.HeaderMismatch;

  constructor(message = 'Header mismatch', options?: JsonRpcErrorOptions) {
    super(JsonRpcErrorCode.HeaderMismatch, message, options);
  }
}

/** `data` of a {@link MissingRequiredClientCapabilityError}. */
export interface MissingRequiredClientCapabilityData {
  /** The capabilities the request lacked, shaped like `ClientCapabilities`: `{ elicitation: {} }`. */
  requiredCapabilities: Record<string, unknown>;
}

/** Options of {@link MissingRequiredClientCapabilityError}. */
export interface MissingRequiredClientCapabilityErrorOptions {
  /** Replaces the default message, which names the missing capabilities. */
  message?: string;
  /** The local error that led to this one; never sent to the peer. */
  cause?: unknown;
}

/**
 * `-32021`: the request needs a client capability that it did not declare in
 * `io.modelcontextprotocol/clientCapabilities`. Sent with HTTP status 400.
 *
 * @example
 * ```ts
 * throw new MissingRequiredClientCapabilityError({ elicitation: {} });
 * ```
 */
export class MissingRequiredClientCapabilityError extends JsonRpcError {
  override readonly name: string = 'MissingRequiredClientCapabilityError';
  declare readonly code: typeof JsonRpcErrorCode.MissingRequiredClientCapability;
  declare readonly data: MissingRequiredClientCapabilityData;

  constructor(
    requiredCapabilities: Record<string, unknown>,
    options: MissingRequiredClientCapabilityErrorOptions = {},
  ) {
    const names = Object.keys(requiredCapabilities).join(', ');
    super(
      JsonRpcErrorCode.MissingRequiredClientCapability,
      options.message ??
        (names === ''
          ? 'Missing required client capability'
          : `Missing required client capability: ${names}`),
      { ...pickCause(options), data: { requiredCapabilities } },
    );
  }
}

/** `data` of an {@link UnsupportedProtocolVersionError}. */
export interface UnsupportedProtocolVersionData {
  /** The protocol versions the sender supports. */
  supported: string[];
  /** The protocol version the request asked for. */
  requested: string;
}

/** Options of {@link UnsupportedProtocolVersionError}. */
export interface UnsupportedProtocolVersionErrorOptions {
  /** The protocol version the request asked for. */
  requested: string;
  /** The protocol versions the sender supports. */
  supported: readonly string[];
  /** Replaces the default message, which names the requested and supported versions. */
  message?: string;
  /** The local error that led to this one; never sent to the peer. */
  cause?: unknown;
}

/**
 * `-32022`: the requested protocol version is unknown or not supported. Sent with HTTP status 400;
 * the client should retry with a version from `data.supported`.
 *
 * @example
 * ```ts
 * throw new UnsupportedProtocolVersionError('1900-01-01', ['2026-07-28']);
 * ```
 */
export class UnsupportedProtocolVersionError extends JsonRpcError {
  override readonly name: string = 'UnsupportedProtocolVersionError';
  declare readonly code: typeof JsonRpcErrorCode.UnsupportedProtocolVersion;
  declare readonly data: UnsupportedProtocolVersionData;

  constructor(
    requested: string,
    supported: readonly string[],
    options?: Omit<UnsupportedProtocolVersionErrorOptions, 'requested' | 'supported'>,
  );
  constructor(options: UnsupportedProtocolVersionErrorOptions);
  constructor(
    requestedOrOptions: string | UnsupportedProtocolVersionErrorOptions,
    supported: readonly string[] = [],
    options: Omit<UnsupportedProtocolVersionErrorOptions, 'requested' | 'supported'> = {},
  ) {
    const all =
      typeof requestedOrOptions === 'string'
        ? { ...options, requested: requestedOrOptions, supported }
        : requestedOrOptions;
    const data = { supported: [...all.supported], requested: all.requested };
    const list = data.supported.length === 0 ? 'none' : data.supported.join(', ');
    super(
      JsonRpcErrorCode.UnsupportedProtocolVersion,
      all.message ?? `Unsupported protocol version: ${data.requested} (supported: ${list})`,
      { ...pickCause(all), data },
    );
  }
}

const jsonRpcErrorNames: ReadonlySet<string> = new Set([
  'JsonRpcError',
  'ParseError',
  'InvalidRequestError',
  'MethodNotFoundError',
  'InvalidParamsError',
  'InternalError',
  'HeaderMismatchError',
  'MissingRequiredClientCapabilityError',
  'UnsupportedProtocolVersionError',
  'ResourceNotFoundError',
  'InvalidRequestStateError',
]);

/**
 * Whether `value` is a {@link JsonRpcError}. Checks `instanceof` first, then falls back to a
 * structural check (the `name` of one of this module's classes and an integer `code`) so that an
 * error from a second copy of this package is still recognised.
 */
export function isJsonRpcError(value: unknown): value is JsonRpcError {
  if (value instanceof JsonRpcError) {
    return true;
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { name, code } = value as { name?: unknown; code?: unknown };
  return typeof name === 'string' && jsonRpcErrorNames.has(name) && Number.isInteger(code);
}

function readErrorObject(value: unknown): JsonRpcErrorObject | undefined {
  const code = field(value, 'code');
  const message = field(value, 'message');
  if (typeof code !== 'number' || !Number.isSafeInteger(code) || typeof message !== 'string') {
    return undefined;
  }
  const data = field(value, 'data');
  return data === undefined ? { code, message } : { code, message, data };
}

function rebuild(received: JsonRpcErrorObject): JsonRpcError {
  for (const decode of wireErrorDecoders(received.code)) {
    const specific = decode(received);
    if (specific instanceof JsonRpcError) return specific;
  }
  const { code, message, data } = received;
  const options: JsonRpcErrorOptions = data === undefined ? {} : { data };
  switch (code) {
    case JsonRpcErrorCode.ParseError:
      return new ParseError(message, options);
    case JsonRpcErrorCode.InvalidRequest:
      return new InvalidRequestError(message, options);
    case JsonRpcErrorCode.MethodNotFound:
      return new MethodNotFoundError(message, options);
    case JsonRpcErrorCode.InvalidParams:
      return new InvalidParamsError(message, options);
    case JsonRpcErrorCode.InternalError:
      return new InternalError(message, options);
    case JsonRpcErrorCode.HeaderMismatch:
      return new HeaderMismatchError(message, options);
    case JsonRpcErrorCode.MissingRequiredClientCapability: {
      const required = field(data, 'requiredCapabilities');
      return new MissingRequiredClientCapabilityError(isPlainRecord(required) ? required : {}, {
        message,
      });
    }
    case JsonRpcErrorCode.UnsupportedProtocolVersion: {
      const requested = field(data, 'requested');
      return new UnsupportedProtocolVersionError({
        requested: typeof requested === 'string' ? requested : '',
        supported: stringsIn(field(data, 'supported')),
        message,
      });
    }
    default:
      return new JsonRpcError(code, message, options);
  }
}

/** Reads an own property only, so that nothing inherited (or polluted) is mistaken for data. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringsIn(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((entry): entry is string => typeof entry === 'string')
    : [];
}

function pickCause(options: { cause?: unknown }): { cause?: unknown } {
  return 'cause' in options ? { cause: options.cause } : {};
}
