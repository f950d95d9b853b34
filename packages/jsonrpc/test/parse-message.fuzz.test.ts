// Property-based tests for the message parser: hostile input of every kind must yield a result,
// never an exception, and must leave the built-in prototypes untouched.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isJsonRpcId,
  JsonRpcErrorCode,
  safeParseMessage,
  safeParseMessageValue,
} from '../src/index.js';
import type { ParseMessageResult } from '../src/index.js';

const numRuns = 300;
const { ParseError: parseErrorCode, InvalidRequest: invalidRequestCode } = JsonRpcErrorCode;
const dangerousKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Own property names and descriptors of the built-in prototypes, to detect pollution. */
function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((prototype) =>
      Reflect.ownKeys(prototype)
        .map((key) => {
          const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
          return `${String(key)}:${typeof descriptor?.value}:${String(descriptor?.writable)}`;
        })
        .join(','),
    )
    .join('|');
}

let before = '';
beforeEach(() => {
  before = prototypeSnapshot();
});
afterEach(() => {
  expect(prototypeSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

/** The common property: a result, never a throw, and only the two parser codes on failure. */
function expectWellFormed(run: () => ParseMessageResult): ParseMessageResult {
  let result: ParseMessageResult | undefined;
  expect(() => (result = run())).not.toThrow();
  if (result === undefined) {
    throw new Error('unreachable');
  }
  if (result.success) {
    expect(Object.getPrototypeOf(result.message)).toBe(Object.prototype);
    expect(result.message.jsonrpc).toBe('2.0');
  } else {
    expect([parseErrorCode, invalidRequestCode]).toContain(result.error.code);
    expect(result.id === null || isJsonRpcId(result.id)).toBe(true);
  }
  return result;
}

/** JSON values whose object keys are often the ones that pollute prototypes when merged. */
const { value: pollutingJson } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...dangerousKeys), fc.string()), tie('value'), {
      maxKeys: 4,
    }),
  ),
}));

const params = fc.dictionary(
  fc.oneof(fc.constantFrom(...dangerousKeys), fc.string()),
  fc.jsonValue({ maxDepth: 4 }),
  {
    maxKeys: 5,
  },
);
const validId = fc.oneof(
  fc.string(),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);
const validRequest = fc.record(
  { jsonrpc: fc.constant('2.0'), id: validId, method: fc.string(), params },
  { requiredKeys: ['jsonrpc', 'id', 'method'] },
);

/** Mostly-valid values for each envelope member, with every kind of invalid one mixed in. */
const member = {
  jsonrpc: fc.oneof(
    { arbitrary: fc.constant('2.0'), weight: 8 },
    fc.constantFrom('1.0', '2', 2, null),
  ),
  id: fc.oneof(
    { arbitrary: validId, weight: 6 },
    fc.constantFrom(null, true, 1.5, 2 ** 53, 2 ** 60, -(2 ** 60), 1e300),
    fc.double(),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  method: fc.oneof({ arbitrary: fc.string(), weight: 6 }, fc.jsonValue({ maxDepth: 2 })),
  params: fc.oneof({ arbitrary: params, weight: 6 }, fc.jsonValue({ maxDepth: 3 })),
  result: fc.oneof({ arbitrary: params, weight: 6 }, fc.jsonValue({ maxDepth: 3 })),
  error: fc.oneof(
    {
      arbitrary: fc.record(
        {
          code: fc.oneof({ arbitrary: fc.integer(), weight: 4 }, fc.double(), fc.string()),
          message: fc.oneof({ arbitrary: fc.string(), weight: 4 }, fc.jsonValue({ maxDepth: 1 })),
          data: fc.jsonValue({ maxDepth: 3 }),
        },
        { requiredKeys: [] },
      ),
      weight: 6,
    },
    fc.jsonValue({ maxDepth: 3 }),
  ),
};
const envelope = fc.oneof(
  fc.record(
    { jsonrpc: member.jsonrpc, id: member.id, method: member.method, params: member.params },
    { requiredKeys: [] },
  ),
  fc.record(
    { jsonrpc: member.jsonrpc, id: member.id, result: member.result, error: member.error },
    { requiredKeys: [] },
  ),
  fc.record(member, { requiredKeys: [] }),
);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value holds only what `JSON.parse` can build: plain objects, dense arrays, scalars. */
function isJsonTree(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return (
      Array.from({ length: value.length }, (_, index) => index in value).every(Boolean) &&
      value.every(isJsonTree)
    );
  }
  return (
    isObject(value) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null) &&
    Object.values(value).every(isJsonTree)
  );
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) {
    return 1 + Math.max(0, ...value.map(depthOf));
  }
  return isObject(value) ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
}

/** An independent, written-out statement of the rules, used as the oracle for the envelopes. */
function isValidEnvelope(message: Record<string, unknown>, maxDepth: number): boolean {
  const has = (key: string): boolean => Object.hasOwn(message, key);
  const { id, method, result, error } = message;
  if (message['jsonrpc'] !== '2.0' || depthOf(message) > maxDepth) {
    return false;
  }
  if (has('method')) {
    return (
      !has('result') &&
      !has('error') &&
      typeof method === 'string' &&
      (!has('params') || isObject(message['params'])) &&
      (!has('id') || isJsonRpcId(id))
    );
  }
  if (has('result') && !has('error')) {
    return isJsonRpcId(id) && isObject(result);
  }
  if (has('error') && !has('result')) {
    return (
      (id === undefined || id === null || isJsonRpcId(id)) &&
      isObject(error) &&
      Number.isSafeInteger(error['code']) &&
      typeof error['message'] === 'string'
    );
  }
  return false;
}

describe('safeParseMessage', () => {
  it('never throws and returns -32700 or -32600 when given random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        expectWellFormed(() => safeParseMessage(bytes));
      }),
      { numRuns },
    );
  });

  it('never throws when given random strings of any code points, lone surrogates included', () => {
    // A custom unit: fast-check's 'binary' unit costs half a second to initialise and skips surrogates.
    const anyCodePoint = fc
      .integer({ min: 0, max: 0x10ffff })
      .map((point) => String.fromCodePoint(point));
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 128 }), (text) => {
        expectWellFormed(() => safeParseMessage(text));
      }),
      { numRuns },
    );
  });

  it('never throws when given random JSON-looking fragments', () => {
    const tokens =
      '{ } [ ] , : "jsonrpc" "2.0" "id" "method" "params" "result" "error" "code" "message" "__proto__" null true 1 -0 1.5 1e400 9007199254740993 " \\';
    const token = fc.constantFrom(...tokens.split(' '), '\uD800');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (picked) => {
        expectWellFormed(() => safeParseMessage(picked.join('')));
      }),
      { numRuns },
    );
  });

  it('refuses exactly the invalid envelopes and keeps readable ids when given random members', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(envelope, fc.integer({ min: 2, max: 8 }), (value, maxDepth) => {
        const text = JSON.stringify(value);
        const canonical = JSON.parse(text) as Record<string, unknown>;
        const result = expectWellFormed(() => safeParseMessage(text, { maxDepth }));
        expect(result.success).toBe(isValidEnvelope(canonical, maxDepth));
        outcomes[result.success ? 'accepted' : 'refused'] += 1;
        if (!result.success) {
          expect(result.error.code).toBe(invalidRequestCode);
          const id = canonical['id'];
          expect(result.id).toBe(isJsonRpcId(id) ? id : null);
        }
      }),
      { numRuns: 1000 },
    );
    // Guard the generator itself: both outcomes must be well represented to mean anything.
    // Over 40 seeds about 126 in 1000 were accepted (spread about 10), so 50 is far from chance.
    expect(outcomes.accepted).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(50);
  });

  it('round-trips valid generated requests exactly', () => {
    fc.assert(
      fc.property(validRequest, (request) => {
        const text = JSON.stringify(request);
        const result = safeParseMessage(text);
        expect(result.success).toBe(true);
        if (result.success) {
          expect(result.message).toEqual(JSON.parse(text));
          expect(JSON.stringify(result.message)).toBe(text);
        }
        // Bytes and text are the same message.
        expect(safeParseMessage(new TextEncoder().encode(text))).toEqual(result);
      }),
      { numRuns },
    );
  });

  it('treats __proto__, constructor and prototype keys as data when they appear anywhere', () => {
    fc.assert(
      fc.property(validId, pollutingJson, pollutingJson, (id, inParams, atTop) => {
        const text =
          `{"__proto__":${JSON.stringify(atTop)},"constructor":{"prototype":{"polluted":1}},` +
          `"jsonrpc":"2.0","id":${JSON.stringify(id)},"method":"m","params":{"__proto__":{"polluted":1},"x":${JSON.stringify(inParams)}}}`;
        const result = expectWellFormed(() => safeParseMessage(text, { maxDepth: 1000 }));
        expect(result.success).toBe(true);
        if (result.success) {
          expect(JSON.stringify(result.message)).toBe(text);
        }
      }),
      { numRuns },
    );
  });

  it('accepts nesting up to maxDepth and refuses deeper nesting when given random depths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        fc.constantFrom('[', '{"k":'),
        (levels, opener) => {
          const closer = opener === '[' ? ']' : '}';
          const text = `{"jsonrpc":"2.0","id":1,"method":"m","params":{"a":${opener.repeat(levels)}0${closer.repeat(levels)}}}`;
          const result = expectWellFormed(() => safeParseMessage(text));
          // The message is level 1 and params level 2.
          expect(result.success).toBe(levels + 2 <= 64);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses ids that lose precision when given huge or fractional numbers', () => {
    const numberText = fc.oneof(
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer({ min: 300, max: 500 }).map((exponent) => `1e${exponent}`),
      fc.constantFrom(String(2 ** 60), '9007199254740991', '9007199254740992', '-9007199254740992'),
    );
    fc.assert(
      fc.property(numberText, (idText) => {
        const result = expectWellFormed(() =>
          safeParseMessage(`{"jsonrpc":"2.0","id":${idText},"method":"m"}`),
        );
        const parsed = JSON.parse(idText) as number;
        expect(result.success).toBe(Number.isSafeInteger(parsed));
        if (!result.success) {
          expect(result.id).toBeNull();
        }
      }),
      { numRuns },
    );
  });

  it('survives hostile nesting of 100_000 levels in every position', () => {
    const depth = 100_000;
    const corpus = [
      '['.repeat(depth),
      '{"a":'.repeat(depth),
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `{"jsonrpc":"2.0","method":"m","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      `{"jsonrpc":"2.0","id":1,"result":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    ];
    for (const text of corpus) {
      expect(expectWellFormed(() => safeParseMessage(text)).success).toBe(false);
    }
  });
});

describe('safeParseMessageValue', () => {
  it('never throws and never accepts non-JSON values when given arbitrary JavaScript values', () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withDate: true,
      withNullPrototype: true,
      withObjectString: true,
      key: fc.oneof(fc.constantFrom(...dangerousKeys), fc.string()),
    });
    fc.assert(
      fc.property(anything, anything, (id, payload) => {
        for (const value of [payload, { jsonrpc: '2.0', id, method: 'm', params: { payload } }]) {
          const result = expectWellFormed(() => safeParseMessageValue(value));
          if (result.success) {
            expect(isJsonTree(result.message)).toBe(true);
          }
        }
      }),
      { numRuns },
    );
  });

  it('agrees with safeParseMessage when given the parsed form of random envelopes', () => {
    fc.assert(
      fc.property(envelope, (value) => {
        const text = JSON.stringify(value);
        const fromText = safeParseMessage(text);
        const fromValue = safeParseMessageValue(JSON.parse(text));
        expect(fromValue.success).toBe(fromText.success);
        if (!fromValue.success && !fromText.success) {
          expect(fromValue.id).toBe(fromText.id);
          expect(fromValue.error.code).toBe(fromText.error.code);
        }
      }),
      { numRuns },
    );
  });
});
