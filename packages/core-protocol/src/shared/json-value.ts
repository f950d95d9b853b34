import { SdkError, SdkErrorCode } from '../errors.js';

const MAX_DEPTH = 256;

/**
 * Checks that `value` is a JSON value that survives `JSON.stringify` unchanged: plain objects,
 * arrays, strings, finite numbers, booleans and `null` (and `undefined` at the top). A `Date`, a
 * `Map`, a class instance, a function, `NaN` or a cycle would silently become something else on
 * the way through the sealed state, so they are refused.
 *
 * @returns the value itself
 * @throws SdkError INVALID_USAGE naming `what` and the path of the first offending member
 */
export function toJsonValue<TValue>(value: TValue, what: string): TValue {
  if (value !== undefined) check(value, { what, path: '$', depth: 0 });
  return value;
}

interface Position {
  what: string;
  path: string;
  depth: number;
}

function check(value: unknown, { what, path, depth }: Position): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw refuse(what, path, String(value));
  }
  if (typeof value !== 'object') throw refuse(what, path, typeof value);
  if (depth >= MAX_DEPTH) throw refuse(what, path, `nesting deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) check(item, { what, path: `${path}[${index}]`, depth: depth + 1 });
    return;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw refuse(what, path, value.constructor.name ?? 'an object with a prototype');
  }
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) throw refuse(what, `${path}.${key}`, 'undefined');
    check(member, { what, path: `${path}.${key}`, depth: depth + 1 });
  }
}

function refuse(what: string, path: string, found: string): SdkError {
  return new SdkError(
    SdkErrorCode.InvalidUsage,
    `${what} must return a JSON value (plain objects, arrays, strings, finite numbers, booleans, null); found ${found} at ${path}`,
  );
}

/**
 * `T` when it is made of JSON values only (strings, finite numbers, booleans, `null`, arrays and
 * plain objects of them, or nothing at all), `never` otherwise: a `Date`, `Map`, `Set`, function,
 * `bigint` or class instance with methods is refused at compile time where `T extends
 * JsonCompatible<T>` is the bound.
 */
export type JsonCompatible<T> = T extends string | number | boolean | null | undefined | void
  ? T
  : T extends Date | RegExp | Map<unknown, unknown> | Set<unknown> | bigint | symbol | ((...args: never[]) => unknown)
    ? never
    : T extends readonly (infer TItem)[]
      ? readonly JsonCompatible<TItem>[]
      : T extends object
        ? { [TKey in keyof T]: JsonCompatible<T[TKey]> }
        : never;
