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

/**
 * A deep copy of a JSON value (plain objects, arrays and primitives, as `JSON.parse` makes them),
 * made directly: a few times faster than `structuredClone` for the small answers it copies.
 */
export function copyJsonValue<TValue>(value: TValue): TValue {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => copyJsonValue(item)) as TValue;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = copyJsonValue((value as Record<string, unknown>)[key]);
    // `JSON.parse` makes `__proto__` a plain own key; an assignment would set the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true });
    else copy[key] = member;
  }
  return copy as TValue;
}
