/**
 * Turns bytes, text or an already-parsed value into exactly one validated JSON-RPC message, or into
 * the `-32700`/`-32600` error to answer with. Input is treated as hostile: the `safeParse*`
 * functions never throw, recursion is never used, and no key of the input is ever copied or merged
 * into another object.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/index
 */
import { isJsonRpcId, JSONRPC_VERSION } from './envelope.js';
import type { JsonRpcId, JsonRpcMessage } from './envelope.js';
import { InvalidRequestError, ParseError } from './json-rpc-error.js';
import type { JsonRpcError } from './json-rpc-error.js';

/** Options of {@link safeParseMessage}, {@link safeParseMessageValue} and {@link parseMessage}. */
export interface ParseMessageOptions {
  /**
   * The deepest nesting of objects and arrays accepted, counting the message object itself as 1.
   * Deeper messages are refused with `-32600`. Defaults to 64; a value that is not a positive
   * integer also means 64.
   */
  maxDepth?: number;
}

/**
 * The outcome of {@link safeParseMessage}. On failure, `error` is a `ParseError` (`-32700`) or an
 * `InvalidRequestError` (`-32600`), and `id` is the message's id when it could be read (a string or
 * safe integer `id` member), else `null`: pass both to `createErrorResponse`.
 */
export type ParseMessageResult =
  | { success: true; message: JsonRpcMessage }
  | { success: false; error: JsonRpcError; id: JsonRpcId | null };

const defaultMaxDepth = 64;

// Stateless when not streaming, so one instance serves every call. `fatal` turns invalid UTF-8
// into an exception instead of U+FFFD replacement characters (MCP: messages MUST be UTF-8).
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one JSON-RPC message from a transport frame (an HTTP body, a stdio line). Bytes are
 * decoded as strict UTF-8 (a leading byte order mark is dropped). Never throws.
 *
 * Refused with `-32700` (`ParseError`): invalid UTF-8, text that is not JSON, and JSON nested too
 * deeply for the runtime's `JSON.parse`. Refused with `-32600` (`InvalidRequestError`): everything
 * else that is not exactly one JSON-RPC 2.0 message as MCP narrows it, including batches (arrays,
 * even `[]`), non-object `params` or `result`, `null`/fractional/unsafe ids and nesting deeper than
 * `maxDepth`. The accepted message is the object `JSON.parse` built; keys such as `__proto__` stay
 * plain data.
 *
 * @example
 * ```ts
 * const parsed = safeParseMessage(await request.text());
 * if (!parsed.success) {
 *   return Response.json(createErrorResponse(parsed.id, parsed.error.toJson()), { status: 400 });
 * }
 * dispatch(parsed.message);
 * ```
 */
export function safeParseMessage(
  input: string | Uint8Array,
  options: ParseMessageOptions = {},
): ParseMessageResult {
  let text: string;
  try {
    text = typeof input === 'string' ? input : utf8.decode(input);
  } catch {
    return failure(new ParseError('Parse error: message is not valid UTF-8'), null);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 and others throw RangeError instead of SyntaxError on absurdly deep nesting.
    const reason = error instanceof RangeError ? 'is nested too deeply' : 'is not valid JSON';
    return failure(new ParseError(`Parse error: message ${reason}`), null);
  }
  // JSON.parse never shares or cycles references, so the walk can skip tracking them; it builds
  // nothing but JSON values, so only the depth can be wrong, and a text with no more brackets
  // than the depth limit cannot nest deeper than it.
  return validate(value, options, bracketsWithin(text, depthLimitOf(options)) ? 'skip' : 'walk');
}

/**
 * Whether `text` has at most `limit` `{` and `[` characters (inside strings too): an upper bound
 * of how deep the value it parses to nests.
 */
function bracketsWithin(text: string, limit: number): boolean {
  if (text.length <= limit) return true;
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // 0x7b `{`, 0x5b `[`
    if ((code === 0x7b || code === 0x5b) && ++count > limit) return false;
  }
  return true;
}

/**
 * Validates a value that something else already parsed from JSON (for example a body that
 * `express.json()` produced), with the same rules and result as {@link safeParseMessage}. Never
 * throws.
 *
 * Because the value did not necessarily come from `JSON.parse`, it must also be a JSON tree: only
 * strings, numbers, booleans, `null`, arrays without holes and objects whose prototype is
 * `Object.prototype` or `null`. Anything else (`undefined`, functions, class instances such as
 * `Date`, a changed prototype, shared or cyclic references, throwing getters) is refused with
 * `-32600`. The accepted message is the value itself, not a copy.
 */
export function safeParseMessageValue(
  value: unknown,
  options: ParseMessageOptions = {},
): ParseMessageResult {
  return validate(value, options, 'walk-shared');
}

/**
 * Like {@link safeParseMessage}, but returns the message directly.
 *
 * @throws ParseError (`-32700`) or InvalidRequestError (`-32600`) when the input is not exactly one
 * valid message. Use {@link safeParseMessage} when the id is needed for the error response.
 */
export function parseMessage(
  input: string | Uint8Array,
  options?: ParseMessageOptions,
): JsonRpcMessage {
  const result = safeParseMessage(input, options);
  if (!result.success) {
    throw result.error;
  }
  return result.message;
}

/** The depth limit of `options`: `maxDepth` when it is a positive integer, else the default. */
function depthLimitOf({ maxDepth = defaultMaxDepth }: ParseMessageOptions): number {
  return Number.isSafeInteger(maxDepth) && maxDepth >= 1 ? maxDepth : defaultMaxDepth;
}

/**
 * Validates a message. `tree` says how much of the tree below the envelope to check: `skip` for a
 * value known to be within the depth limit, `walk` for one from `JSON.parse`, `walk-shared` for
 * one that may hold anything (shared references too).
 */
function validate(
  value: unknown,
  options: ParseMessageOptions,
  tree: 'skip' | 'walk' | 'walk-shared',
): ParseMessageResult {
  let id: JsonRpcId | null = null;
  try {
    if (Array.isArray(value)) {
      // MCP 2026-07-28 removed JSON-RPC batching: one message per frame.
      return invalid('batches are not supported; send exactly one message', null);
    }
    if (!isPlainObject(value)) {
      return invalid('a message must be a JSON object', null);
    }
    const ownId = own(value, 'id');
    id = isJsonRpcId(ownId) ? ownId : null;
    const problem =
      envelopeProblem(value) ??
      (tree === 'skip'
        ? undefined
        : treeProblem(
            value,
            depthLimitOf(options),
            tree === 'walk-shared' ? new Set([value]) : undefined,
          ));
    return problem === undefined
      ? { success: true, message: value as unknown as JsonRpcMessage }
      : invalid(problem, id);
  } catch {
    // Only a value that did not come from JSON.parse can throw here (getters, proxies).
    return invalid('the message could not be read', id);
  }
}

/** Checks the top level of a message; returns why it is invalid, or `undefined`. */
function envelopeProblem(message: Record<string, unknown>): string | undefined {
  if (own(message, 'jsonrpc') !== JSONRPC_VERSION) {
    return 'jsonrpc must be "2.0"';
  }
  const hasResult = Object.hasOwn(message, 'result');
  const hasError = Object.hasOwn(message, 'error');
  if (Object.hasOwn(message, 'method')) {
    if (hasResult || hasError) {
      return 'a message cannot have both method and result or error';
    }
    if (typeof own(message, 'method') !== 'string') {
      return 'method must be a string';
    }
    if (Object.hasOwn(message, 'params') && !isPlainObject(own(message, 'params'))) {
      return 'params must be an object';
    }
    // Present id: a request (MCP requirements.md #3: string or integer, never null).
    // Absent id: a notification.
    return Object.hasOwn(message, 'id') && !isJsonRpcId(own(message, 'id')) ? badId : undefined;
  }
  if (hasResult === hasError) {
    return hasResult
      ? 'a response cannot have both result and error'
      : 'a message must have method, result or error';
  }
  if (hasResult) {
    if (!isJsonRpcId(own(message, 'id'))) {
      return badId;
    }
    return isPlainObject(own(message, 'result')) ? undefined : 'result must be an object';
  }
  // An error response may carry `id: null` (or no id) when the failed request's id was unreadable.
  const id = own(message, 'id');
  if (id !== undefined && id !== null && !isJsonRpcId(id)) {
    return badId;
  }
  const error = own(message, 'error');
  if (!isPlainObject(error)) {
    return 'error must be an object';
  }
  if (!Number.isSafeInteger(own(error, 'code')) || typeof own(error, 'message') !== 'string') {
    return 'error must have an integer code and a string message';
  }
  return undefined;
}

const badId = 'id must be a string or an integer no larger than Number.MAX_SAFE_INTEGER';

/**
 * Walks the whole message with an explicit stack (hostile nesting cannot overflow the call stack)
 * and returns why it is not an acceptable JSON tree, or `undefined`. `seen` tracks visited
 * containers when the value may hold shared or cyclic references.
 */
function treeProblem(
  root: object,
  maxDepth: number,
  seen: Set<object> | undefined,
): string | undefined {
  // Parallel stacks rather than one of { node, depth } pairs: this runs on every message.
  const nodes: object[] = [root];
  const depths: number[] = [1];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = depths.pop() ?? maxDepth;
    const children: readonly unknown[] = Array.isArray(node) ? node : Object.values(node);
    // An index loop, not for...of: it reads array holes as `undefined` (not JSON), and a crafted
    // array with its own Symbol.iterator cannot hide items from it.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of
    for (let index = 0; index < children.length; index += 1) {
      const child = children[index];
      if (child === null || isJsonScalar(child)) {
        continue;
      }
      if (typeof child !== 'object' || !(Array.isArray(child) || isPlainObject(child))) {
        return 'the message contains a value that is not JSON';
      }
      if (depth >= maxDepth) {
        return `the message is nested deeper than ${maxDepth} levels`;
      }
      if (seen !== undefined) {
        if (seen.has(child)) {
          return 'the message contains a shared or cyclic reference';
        }
        seen.add(child);
      }
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/**
 * Numbers are accepted as `JSON.parse` produces them: `1e400` in a payload becomes `Infinity`.
 * Only ids need exact integers, and {@link isJsonRpcId} checks those.
 */
function isJsonScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Reads an own property only, so that an inherited (possibly polluted) member never counts. */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function invalid(reason: string, id: JsonRpcId | null): ParseMessageResult {
  return failure(new InvalidRequestError(`Invalid Request: ${reason}`), id);
}

function failure(error: JsonRpcError, id: JsonRpcId | null): ParseMessageResult {
  return { success: false, error, id };
}
