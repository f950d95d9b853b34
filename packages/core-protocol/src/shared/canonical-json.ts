/**
 * Deterministic JSON text, so that equal values always digest to the same bytes.
 */

/** Containers nested deeper than this are refused (this also stops cycles). */
const MAX_DEPTH = 256;

/** Canonical texts of deeply frozen values, worked out once (see {@link freezeCanonical}). */
const frozenTexts = new WeakMap<object, string>();

/**
 * Deep-freezes a JSON value that is serialised again and again (a compiled elicitation schema)
 * and remembers its canonical text, so {@link canonicalJson} of anything holding it reuses the
 * text. Freezing is what makes the memo safe: the value can no longer change under it.
 *
 * @returns `value`, frozen
 */
export function freezeCanonical<TValue extends object>(value: TValue): TValue {
  deepFreeze(value);
  frozenTexts.set(value, canonicalJson(value));
  return value;
}

function deepFreeze(value: object): void {
  for (const member of Object.values(value)) {
    if (typeof member === 'object' && member !== null) deepFreeze(member as object);
  }
  Object.freeze(value);
}

function serialize(input: unknown, key: string, depth: number): string | undefined {
  let value = input;
  if (
    typeof value === 'object' &&
    value !== null &&
    'toJSON' in value &&
    typeof value.toJSON === 'function'
  ) {
    value = (value.toJSON as (key: string) => unknown).call(value, key);
  }
  // Boxed primitives serialise as their primitive, as in JSON.stringify.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    value = value.valueOf();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson cannot serialise a BigInt');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const memo = frozenTexts.get(value);
  if (memo !== undefined) return memo;
  if (depth >= MAX_DEPTH) {
    throw new RangeError(
      `canonicalJson: value is nested deeper than ${MAX_DEPTH} levels (or is cyclic)`,
    );
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let index = 0; index < value.length; index++) {
      items.push(serialize(value[index], String(index), depth + 1) ?? 'null');
    }
    return `[${items.join(',')}]`;
  }
  const object = value as Readonly<Record<string, unknown>>;
  const members: string[] = [];
  // The default sort compares UTF-16 code units, the order RFC 8785 prescribes.
  for (const name of Object.keys(object).sort()) {
    const member = serialize(object[name], name, depth + 1);
    if (member !== undefined) members.push(`${JSON.stringify(name)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

/**
 * Serialises `value` as deterministic JSON: object keys sorted by UTF-16 code unit, no whitespace,
 * array order kept. Otherwise it follows `JSON.stringify`: `toJSON` is honoured, `undefined`,
 * functions and symbols are dropped from objects and become `null` in arrays, and non-finite
 * numbers become `null`. A top-level value that JSON cannot represent (`undefined`) yields `'null'`,
 * so the result is always a string. Numbers use the ECMAScript shortest form (as RFC 8785 does).
 *
 * Use it to digest tool arguments (see `digestArguments`): two argument objects that differ only in
 * key order produce the same text.
 *
 * @throws RangeError when containers nest deeper than 256 levels, which includes any cycle.
 * @throws TypeError for a BigInt, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '', 0) ?? 'null';
}
