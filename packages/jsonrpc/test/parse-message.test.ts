import { describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  JsonRpcErrorCode,
  parseMessage,
  ParseError,
  safeParseMessage,
  safeParseMessageValue,
} from '../src/index.js';
import type { JsonRpcId, ParseMessageOptions, ParseMessageResult } from '../src/index.js';
import specMessages from './fixtures/spec-messages.json' with { type: 'json' };

const { ParseError: parseErrorCode, InvalidRequest: invalidRequestCode } = JsonRpcErrorCode;

function parse(text: string, options?: ParseMessageOptions): ParseMessageResult {
  return safeParseMessage(text, options);
}

function parseJson(value: unknown, options?: ParseMessageOptions): ParseMessageResult {
  return safeParseMessage(JSON.stringify(value), options);
}

/** Asserts a failure and returns its code and kept id. */
function failureOf(result: ParseMessageResult): { code: number; id: JsonRpcId | null } {
  expect(result.success).toBe(false);
  if (result.success) {
    throw new Error('unreachable');
  }
  return { code: result.error.code, id: result.id };
}

function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) {
    value = { a: value };
  }
  return value;
}

describe('safeParseMessage', () => {
  describe('accepted messages', () => {
    it('accepts every JSON-RPC message of the spec examples when given their JSON text', () => {
      const entries = Object.entries(specMessages);
      expect(entries.length).toBe(32);
      for (const [, message] of entries) {
        const result = parseJson(message);
        expect(result).toEqual({ success: true, message });
      }
    });

    it('accepts a request when id is a string, zero, negative or a safe integer bound (requirements.md #3)', () => {
      for (const id of ['', 'abc', 0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
        expect(parseJson({ jsonrpc: '2.0', id, method: 'tools/list' })).toEqual({
          success: true,
          message: { jsonrpc: '2.0', id, method: 'tools/list' },
        });
      }
    });

    it('treats id 0 as a real request id', () => {
      const result = parse('{"jsonrpc":"2.0","id":0,"method":"ping"}');
      expect(result.success && 'id' in result.message && result.message.id).toBe(0);
    });

    it('accepts a notification when it has no id and no params', () => {
      expect(parse('{"jsonrpc":"2.0","method":"notifications/cancelled"}').success).toBe(true);
    });

    it('accepts an error response when id is null or absent (unreadable request id)', () => {
      const error = { code: -32700, message: 'Parse error' };
      expect(parseJson({ jsonrpc: '2.0', id: null, error }).success).toBe(true);
      expect(parseJson({ jsonrpc: '2.0', error }).success).toBe(true);
    });

    it('accepts an error response when data is any JSON value', () => {
      for (const data of [null, 0, 'x', [1], { nested: { deep: true } }]) {
        expect(
          parseJson({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 'm', data } }).success,
        ).toBe(true);
      }
    });

    it('keeps unknown top-level members when the message is otherwise valid', () => {
      expect(parse('{"jsonrpc":"2.0","method":"x","extra":1}')).toEqual({
        success: true,
        message: { jsonrpc: '2.0', method: 'x', extra: 1 },
      });
    });

    it('accepts UTF-8 bytes and drops a leading byte order mark', () => {
      const text = '{"jsonrpc":"2.0","method":"x","params":{"text":"ÄÖÜ ✓ 🎉"}}';
      const bytes = new TextEncoder().encode(`\uFEFF${text}`);
      expect(safeParseMessage(bytes)).toEqual({ success: true, message: JSON.parse(text) });
    });

    it('accepts a huge number in the payload when the id is fine (1e400 parses as Infinity)', () => {
      const result = parse('{"jsonrpc":"2.0","id":1,"method":"x","params":{"n":1e400}}');
      expect(result).toEqual({
        success: true,
        message: { jsonrpc: '2.0', id: 1, method: 'x', params: { n: Number.POSITIVE_INFINITY } },
      });
    });
  });

  describe('-32700 ParseError', () => {
    it('refuses text that is not JSON', () => {
      for (const text of [
        '',
        ' ',
        '{',
        '{"jsonrpc":"2.0",}',
        'undefined',
        "{'a':1}",
        'NaN',
        '\uFEFF{}',
      ]) {
        const result = parse(text);
        expect(failureOf(result)).toEqual({ code: parseErrorCode, id: null });
        expect(!result.success && result.error).toBeInstanceOf(ParseError);
      }
    });

    it('refuses bytes that are not valid UTF-8 (requirements.md #96)', () => {
      const prefix = new TextEncoder().encode('{"jsonrpc":"2.0","method":"');
      const suffix = new TextEncoder().encode('"}');
      for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
        const bytes = new Uint8Array([...prefix, ...bad, ...suffix]);
        expect(failureOf(safeParseMessage(bytes))).toEqual({ code: parseErrorCode, id: null });
      }
    });

    it('never crashes when JSON.parse meets absurd nesting', () => {
      const depth = 100_000;
      for (const text of ['['.repeat(depth), `${'['.repeat(depth)}${']'.repeat(depth)}`]) {
        const result = parse(text);
        expect(result.success).toBe(false);
        expect([parseErrorCode, invalidRequestCode]).toContain(failureOf(result).code);
      }
    });
  });

  describe('-32600 InvalidRequestError', () => {
    it('refuses a batch when the top level is an array, even an empty one', () => {
      for (const text of ['[]', '[{"jsonrpc":"2.0","id":1,"method":"x"}]']) {
        const result = parse(text);
        expect(failureOf(result)).toEqual({ code: invalidRequestCode, id: null });
        expect(!result.success && result.error).toBeInstanceOf(InvalidRequestError);
        expect(!result.success && result.error.message).toMatch(/batch/);
      }
    });

    it('refuses a top level that is not an object', () => {
      for (const text of ['null', '1', '"x"', 'true']) {
        expect(failureOf(parse(text))).toEqual({ code: invalidRequestCode, id: null });
      }
    });

    it('refuses a message when jsonrpc is missing or not exactly "2.0" (requirements.md #2)', () => {
      for (const jsonrpc of [undefined, '1.0', 2, 2.0, '2.0 ', null]) {
        const message = { jsonrpc, id: 7, method: 'x' };
        expect(failureOf(parseJson(message))).toEqual({ code: invalidRequestCode, id: 7 });
      }
    });

    it('refuses a message when method is not a string', () => {
      for (const method of [null, 1, {}, ['x'], true]) {
        expect(failureOf(parseJson({ jsonrpc: '2.0', id: 'a', method }))).toEqual({
          code: invalidRequestCode,
          id: 'a',
        });
      }
    });

    it('refuses params when present but not an object (MCP params are always objects)', () => {
      for (const params of [null, [], [1, 2], 'x', 0, false]) {
        expect(failureOf(parseJson({ jsonrpc: '2.0', id: 3, method: 'x', params }))).toEqual({
          code: invalidRequestCode,
          id: 3,
        });
        expect(failureOf(parseJson({ jsonrpc: '2.0', method: 'x', params })).code).toBe(
          invalidRequestCode,
        );
      }
    });

    it('refuses a request id that is null, boolean, object, array or not a safe integer (requirements.md #3)', () => {
      const texts = [
        '{"jsonrpc":"2.0","id":null,"method":"x"}',
        '{"jsonrpc":"2.0","id":true,"method":"x"}',
        '{"jsonrpc":"2.0","id":{},"method":"x"}',
        '{"jsonrpc":"2.0","id":[1],"method":"x"}',
        '{"jsonrpc":"2.0","id":1.5,"method":"x"}',
        '{"jsonrpc":"2.0","id":1e400,"method":"x"}',
        '{"jsonrpc":"2.0","id":-1e400,"method":"x"}',
        '{"jsonrpc":"2.0","id":9007199254740992,"method":"x"}',
        '{"jsonrpc":"2.0","id":-9007199254740993,"method":"x"}',
        '{"jsonrpc":"2.0","id":1152921504606846976,"method":"x"}',
      ];
      for (const text of texts) {
        expect(failureOf(parse(text))).toEqual({ code: invalidRequestCode, id: null });
      }
    });

    it('refuses a message when it has method together with result or error', () => {
      const texts = [
        '{"jsonrpc":"2.0","id":1,"method":"x","result":{}}',
        '{"jsonrpc":"2.0","id":1,"method":"x","error":{"code":1,"message":"m"}}',
      ];
      for (const text of texts) {
        expect(failureOf(parse(text))).toEqual({ code: invalidRequestCode, id: 1 });
      }
    });

    it('refuses a response when it has both or neither of result and error', () => {
      expect(failureOf(parse('{"jsonrpc":"2.0","id":1}'))).toEqual({
        code: invalidRequestCode,
        id: 1,
      });
      expect(
        failureOf(parse('{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"m"}}')),
      ).toEqual({ code: invalidRequestCode, id: 1 });
    });

    it('refuses a result response when result is not an object (requirements.md #5)', () => {
      for (const result of [null, [], 'ok', 1, true]) {
        expect(failureOf(parseJson({ jsonrpc: '2.0', id: 'r', result }))).toEqual({
          code: invalidRequestCode,
          id: 'r',
        });
      }
    });

    it('refuses a result response when its id is missing, null or unusable (requirements.md #5)', () => {
      for (const text of [
        '{"jsonrpc":"2.0","result":{}}',
        '{"jsonrpc":"2.0","id":null,"result":{}}',
        '{"jsonrpc":"2.0","id":0.5,"result":{}}',
      ]) {
        expect(failureOf(parse(text))).toEqual({ code: invalidRequestCode, id: null });
      }
    });

    it('refuses an error response when its id is neither null nor usable', () => {
      expect(
        failureOf(parse('{"jsonrpc":"2.0","id":false,"error":{"code":1,"message":"m"}}')),
      ).toEqual({ code: invalidRequestCode, id: null });
    });

    it('refuses an error object without an integer code and a string message (requirements.md #10, #11)', () => {
      const errors = [
        null,
        [],
        'boom',
        {},
        { code: 1 },
        { message: 'm' },
        { code: '1', message: 'm' },
        { code: 1.5, message: 'm' },
        { code: 1, message: null },
      ];
      for (const error of errors) {
        expect(failureOf(parseJson({ jsonrpc: '2.0', id: 9, error }))).toEqual({
          code: invalidRequestCode,
          id: 9,
        });
      }
    });

    it('keeps a readable id when the rest of the envelope is invalid (requirements.md #10)', () => {
      expect(failureOf(parse('{"id":"keep-me","method":"x"}'))).toEqual({
        code: invalidRequestCode,
        id: 'keep-me',
      });
      expect(failureOf(parse('{"jsonrpc":"2.0","id":42,"method":7}')).id).toBe(42);
    });

    it('refuses nesting deeper than 64 levels by default and accepts exactly 64', () => {
      // The message object is level 1; nested(63) is params (level 2) plus 62 levels inside it.
      const atLimit = { jsonrpc: '2.0', id: 1, method: 'x', params: nested(63) };
      const overLimit = { jsonrpc: '2.0', id: 1, method: 'x', params: nested(64) };
      expect(parseJson(atLimit).success).toBe(true);
      expect(failureOf(parseJson(overLimit))).toEqual({ code: invalidRequestCode, id: 1 });
    });

    it('counts arrays as levels when checking depth', () => {
      const text = `{"jsonrpc":"2.0","method":"x","params":{"a":${'['.repeat(3)}${']'.repeat(3)}}}`;
      expect(parse(text, { maxDepth: 5 }).success).toBe(true);
      expect(failureOf(parse(text, { maxDepth: 4 })).code).toBe(invalidRequestCode);
    });

    it('counts brackets inside strings only towards the quick bound, never as depth', () => {
      // More `{`/`[` than the limit, all inside a string: the full walk runs and accepts it.
      const shallow = JSON.stringify({
        jsonrpc: '2.0',
        method: 'x',
        params: { t: '[{'.repeat(50) },
      });
      expect(parse(shallow, { maxDepth: 3 }).success).toBe(true);
      // Brackets within the limit in text that nests exactly to it, and one level more.
      expect(
        parse('{"jsonrpc":"2.0","method":"x","params":{"a":[]}}', { maxDepth: 3 }).success,
      ).toBe(true);
      expect(
        failureOf(parse('{"jsonrpc":"2.0","method":"x","params":{"a":[[]]}}', { maxDepth: 3 }))
          .code,
      ).toBe(invalidRequestCode);
    });

    it('applies maxDepth to results and error data too', () => {
      expect(
        failureOf(parseJson({ jsonrpc: '2.0', id: 1, result: nested(2) }, { maxDepth: 2 })).code,
      ).toBe(invalidRequestCode);
      const error = { code: 1, message: 'm', data: nested(1) };
      expect(parseJson({ jsonrpc: '2.0', id: 1, error }, { maxDepth: 3 }).success).toBe(true);
      expect(failureOf(parseJson({ jsonrpc: '2.0', id: 1, error }, { maxDepth: 2 })).code).toBe(
        invalidRequestCode,
      );
    });

    it('falls back to the default depth when maxDepth is not a positive integer', () => {
      const message = { jsonrpc: '2.0', method: 'x', params: nested(10) };
      for (const maxDepth of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(parseJson(message, { maxDepth }).success).toBe(true);
      }
      expect(parseJson({ ...message, params: nested(100) }, { maxDepth: 0 }).success).toBe(false);
    });

    it('refuses hostile nesting inside params without overflowing the stack', () => {
      const depth = 100_000;
      const text = `{"jsonrpc":"2.0","id":5,"method":"x","params":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      const result = parse(text);
      expect(result.success).toBe(false);
      // JSON.parse may refuse first (-32700, id unknown) or our depth check (-32600, id kept).
      expect([
        { code: parseErrorCode, id: null },
        { code: invalidRequestCode, id: 5 },
      ]).toContainEqual(failureOf(result));
    });
  });

  describe('prototype safety', () => {
    it('parses __proto__, constructor and prototype keys as plain data anywhere', () => {
      const text =
        '{"jsonrpc":"2.0","id":1,"method":"x","__proto__":{"polluted":1},' +
        '"params":{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},' +
        '"prototype":[{"__proto__":null}]}}';
      const result = parse(text);
      expect(result.success).toBe(true);
      if (!result.success) {
        return;
      }
      const message = result.message as unknown as Record<string, unknown>;
      expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
      expect(Object.hasOwn(message, '__proto__')).toBe(true);
      const params = (result.message as { params: Record<string, unknown> }).params;
      expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
      expect(Object.keys(params)).toEqual(['__proto__', 'constructor', 'prototype']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('ignores inherited members when they are not own properties of the message', () => {
      const inherited = Object.create({ jsonrpc: '2.0', method: 'x' }) as object;
      expect(failureOf(safeParseMessageValue(inherited)).code).toBe(invalidRequestCode);
    });

    it('does not read a message id through __proto__ when the id key is __proto__-shaped', () => {
      expect(failureOf(parse('{"jsonrpc":"2.0","method":7,"__proto__":{"id":3}}'))).toEqual({
        code: invalidRequestCode,
        id: null,
      });
    });
  });
});

describe('safeParseMessageValue', () => {
  it('returns the same object when the value is a valid message', () => {
    const value = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { cursor: 'c' } };
    const result = safeParseMessageValue(value);
    expect(result.success && result.message).toBe(value);
  });

  it('accepts objects with a null prototype', () => {
    const value = Object.assign(Object.create(null) as object, { jsonrpc: '2.0', method: 'x' });
    expect(safeParseMessageValue(value).success).toBe(true);
  });

  it('refuses values that JSON cannot carry when they appear anywhere', () => {
    const payloads: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      new Date(0),
      new Map(),
      new Uint8Array(1),
      // An array with a hole.
      new Array<unknown>(1),
      Object.create({ inherited: true }),
    ];
    for (const payload of payloads) {
      const value = { jsonrpc: '2.0', id: 'v', method: 'x', params: { payload } };
      expect(failureOf(safeParseMessageValue(value))).toEqual({
        code: invalidRequestCode,
        id: 'v',
      });
    }
  });

  it('refuses a message whose own prototype was changed', () => {
    const value = Object.setPrototypeOf(
      { jsonrpc: '2.0', method: 'x' },
      { polluted: true },
    ) as object;
    expect(failureOf(safeParseMessageValue(value)).code).toBe(invalidRequestCode);
  });

  it('refuses cyclic and shared references instead of looping', () => {
    const cyclic: Record<string, unknown> = { jsonrpc: '2.0', id: 2, method: 'x' };
    cyclic['params'] = { self: cyclic };
    expect(failureOf(safeParseMessageValue(cyclic))).toEqual({ code: invalidRequestCode, id: 2 });
    const shared = { a: 1 };
    const dag = { jsonrpc: '2.0', method: 'x', params: { one: shared, two: shared } };
    expect(failureOf(safeParseMessageValue(dag)).code).toBe(invalidRequestCode);
  });

  it('refuses deep programmatic nesting without overflowing the stack', () => {
    const value = { jsonrpc: '2.0', id: 3, method: 'x', params: nested(200_000) };
    expect(failureOf(safeParseMessageValue(value))).toEqual({ code: invalidRequestCode, id: 3 });
  });

  it('never throws when getters or proxy traps throw', () => {
    const getter = {
      jsonrpc: '2.0',
      get method(): string {
        throw new Error('getter');
      },
    };
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const trap = new Proxy(
      { jsonrpc: '2.0', id: 4, method: 'x' },
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(failureOf(safeParseMessageValue(getter)).code).toBe(invalidRequestCode);
    expect(failureOf(safeParseMessageValue(revocable.proxy)).code).toBe(invalidRequestCode);
    expect(failureOf(safeParseMessageValue(trap))).toEqual({ code: invalidRequestCode, id: 4 });
  });
});

describe('parseMessage', () => {
  it('returns the message when the input is valid', () => {
    expect(parseMessage('{"jsonrpc":"2.0","method":"x"}')).toEqual({ jsonrpc: '2.0', method: 'x' });
  });

  it('throws ParseError when the input is not JSON', () => {
    expect(() => parseMessage('{')).toThrow(ParseError);
  });

  it('throws InvalidRequestError when the input is a batch', () => {
    expect(() => parseMessage(new TextEncoder().encode('[]'))).toThrow(InvalidRequestError);
  });
});
