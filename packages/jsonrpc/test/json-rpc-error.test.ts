import { describe, expect, it } from 'vitest';
import {
  HeaderMismatchError,
  InternalError,
  InvalidParamsError,
  InvalidRequestError,
  isJsonRpcError,
  JsonRpcError,
  JsonRpcErrorCode,
  MethodNotFoundError,
  MissingRequiredClientCapabilityError,
  ParseError,
  UnsupportedProtocolVersionError,
} from '../src/index.js';
import specErrorObjects from './fixtures/spec-error-objects.json' with { type: 'json' };
import specMessages from './fixtures/spec-messages.json' with { type: 'json' };

/** The classes whose constructor is `(message?, options?)`, with their code and default message. */
const simpleClasses = [
  {
    className: 'ParseError',
    errorClass: ParseError,
    code: JsonRpcErrorCode.ParseError,
    defaultMessage: 'Parse error',
  },
  {
    className: 'InvalidRequestError',
    errorClass: InvalidRequestError,
    code: JsonRpcErrorCode.InvalidRequest,
    defaultMessage: 'Invalid Request',
  },
  {
    className: 'MethodNotFoundError',
    errorClass: MethodNotFoundError,
    code: JsonRpcErrorCode.MethodNotFound,
    defaultMessage: 'Method not found',
  },
  {
    className: 'InvalidParamsError',
    errorClass: InvalidParamsError,
    code: JsonRpcErrorCode.InvalidParams,
    defaultMessage: 'Invalid params',
  },
  {
    className: 'InternalError',
    errorClass: InternalError,
    code: JsonRpcErrorCode.InternalError,
    defaultMessage: 'Internal error',
  },
  {
    className: 'HeaderMismatchError',
    errorClass: HeaderMismatchError,
    code: JsonRpcErrorCode.HeaderMismatch,
    defaultMessage: 'Header mismatch',
  },
] as const;

describe('JsonRpcError', () => {
  it('carries code, message, data and name when constructed directly', () => {
    const error = new JsonRpcError(-1, 'Quota exceeded', { data: { retryAfterMs: 10 } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('JsonRpcError');
    expect(error.code).toBe(-1);
    expect(error.message).toBe('Quota exceeded');
    expect(error.data).toEqual({ retryAfterMs: 10 });
  });

  it('passes cause through the standard ES2022 option when given', () => {
    const cause = new TypeError('boom');
    expect(new JsonRpcError(-32603, 'Internal error', { cause }).cause).toBe(cause);
  });

  it('has no own cause or data when neither was given', () => {
    const error = new JsonRpcError(-32603, 'Internal error');
    expect(Object.hasOwn(error, 'cause')).toBe(false);
    expect(Object.hasOwn(error, 'data')).toBe(false);
  });

  describe('toJson', () => {
    it('omits data when data is undefined', () => {
      expect(new JsonRpcError(-32601, 'Method not found').toJson()).toStrictEqual({
        code: -32601,
        message: 'Method not found',
      });
    });

    it('keeps falsy data when data is null, 0 or an empty string', () => {
      for (const data of [null, 0, '', false]) {
        expect(new JsonRpcError(1, 'x', { data }).toJson()).toStrictEqual({
          code: 1,
          message: 'x',
          data,
        });
      }
    });

    it('never includes the stack or the cause', () => {
      const json = new InternalError('Internal error', { cause: new Error('secret') }).toJson();
      expect(Object.keys(json).sort()).toEqual(['code', 'message']);
    });
  });

  describe('fromError', () => {
    it('rebuilds the matching subclass when the code is in the table', () => {
      for (const { errorClass, code } of simpleClasses) {
        const error = JsonRpcError.fromError({ code, message: 'received', data: { a: 1 } });
        expect(error).toBeInstanceOf(errorClass);
        expect(error.message).toBe('received');
        expect(error.data).toEqual({ a: 1 });
        expect(error.toJson()).toEqual({ code, message: 'received', data: { a: 1 } });
      }
    });

    it('rebuilds a plain JsonRpcError when the code is an application or legacy code', () => {
      for (const code of [-32002, -32001, 42]) {
        const error = JsonRpcError.fromError({ code, message: 'm' });
        expect(Object.getPrototypeOf(error)).toBe(JsonRpcError.prototype);
        expect(error.code).toBe(code);
      }
    });

    it('returns the same instance when given a JsonRpcError', () => {
      const error = new MethodNotFoundError();
      expect(JsonRpcError.fromError(error)).toBe(error);
    });

    it('rebuilds every error of the spec examples with its code, message and data', () => {
      const wireErrors = [
        ...Object.values(specErrorObjects),
        ...Object.values(specMessages).flatMap((message) =>
          'error' in message ? [message.error] : [],
        ),
      ];
      expect(wireErrors.length).toBeGreaterThanOrEqual(10);
      for (const wire of wireErrors) {
        const error = JsonRpcError.fromError(wire);
        expect(error.constructor).not.toBe(JsonRpcError);
        expect(error.toJson()).toEqual(wire);
      }
    });

    it('returns an InternalError naming the malformation when the value is not an error object', () => {
      const malformed: unknown[] = [
        undefined,
        null,
        'boom',
        42,
        [],
        {},
        { code: '-32601', message: 'x' },
        { code: -32601.5, message: 'x' },
        { code: 2 ** 60, message: 'x' },
        { code: -32601 },
        { code: -32601, message: 7 },
        Object.create({ code: -32601, message: 'inherited' }),
      ];
      for (const value of malformed) {
        const error = JsonRpcError.fromError(value);
        expect(error).toBeInstanceOf(InternalError);
        expect(error.code).toBe(-32603);
        expect(error.message).toMatch(/malformed/);
        expect(error.cause).toBe(value);
      }
    });

    it('never throws when the value has a throwing getter or proxy trap', () => {
      const getter = {
        get code(): number {
          throw new Error('getter');
        },
      };
      const proxy = new Proxy(
        {},
        {
          getOwnPropertyDescriptor: () => {
            throw new Error('trap');
          },
        },
      );
      expect(JsonRpcError.fromError(getter)).toBeInstanceOf(InternalError);
      expect(JsonRpcError.fromError(proxy)).toBeInstanceOf(InternalError);
    });

    it('rebuilds typed data when the code is -32021 (README fact 5)', () => {
      const error = JsonRpcError.fromError({
        code: -32021,
        message: 'Need elicitation',
        data: { requiredCapabilities: { elicitation: {} } },
      });
      expect(error).toBeInstanceOf(MissingRequiredClientCapabilityError);
      expect((error as MissingRequiredClientCapabilityError).data.requiredCapabilities).toEqual({
        elicitation: {},
      });
      expect(error.message).toBe('Need elicitation');
    });

    it('coerces requiredCapabilities to {} when -32021 data is malformed', () => {
      for (const data of [undefined, null, 'x', { requiredCapabilities: ['elicitation'] }]) {
        const error = JsonRpcError.fromError({ code: -32021, message: 'm', data });
        expect(error).toBeInstanceOf(MissingRequiredClientCapabilityError);
        expect(error.data).toEqual({ requiredCapabilities: {} });
      }
    });

    it('rebuilds typed data when the code is -32022 (README fact 3)', () => {
      const error = JsonRpcError.fromError({
        code: -32022,
        message: 'Unsupported protocol version',
        data: { supported: ['2026-07-28'], requested: '1900-01-01' },
      });
      expect(error).toBeInstanceOf(UnsupportedProtocolVersionError);
      expect(error.data).toEqual({ supported: ['2026-07-28'], requested: '1900-01-01' });
      expect(error.message).toBe('Unsupported protocol version');
    });

    it('coerces supported and requested safely when -32022 data is malformed', () => {
      const cases: [unknown, unknown][] = [
        [undefined, { supported: [], requested: '' }],
        [
          { supported: '2026-07-28', requested: 20260728 },
          { supported: [], requested: '' },
        ],
        [
          { supported: ['2026-07-28', 1, null], requested: 'x' },
          { supported: ['2026-07-28'], requested: 'x' },
        ],
        [{ supportedVersions: ['2026-07-28'] }, { supported: [], requested: '' }],
      ];
      for (const [data, expected] of cases) {
        const error = JsonRpcError.fromError({ code: -32022, message: 'm', data });
        expect(error).toBeInstanceOf(UnsupportedProtocolVersionError);
        expect(error.data).toEqual(expected);
        expect(error.message).toBe('m');
      }
    });
  });
});

for (const { className, errorClass, code, defaultMessage } of simpleClasses) {
  describe(className, () => {
    it('uses its code, its class name and the default message when constructed without arguments', () => {
      const error = new errorClass();
      expect(error).toBeInstanceOf(JsonRpcError);
      expect(error.code).toBe(code);
      expect(error.name).toBe(className);
      expect(errorClass.name).toBe(className);
      expect(error.message).toBe(defaultMessage);
      expect(error.toJson()).toStrictEqual({ code, message: defaultMessage });
    });

    it('uses the custom message, data and cause when given', () => {
      const cause = new Error('inner');
      const error = new errorClass('custom', { data: [1], cause });
      expect(error.message).toBe('custom');
      expect(error.data).toEqual([1]);
      expect(error.cause).toBe(cause);
    });
  });
}

describe('MissingRequiredClientCapabilityError', () => {
  it('puts requiredCapabilities in data and names them in the default message', () => {
    const error = new MissingRequiredClientCapabilityError({ elicitation: {}, sampling: {} });
    expect(error.name).toBe('MissingRequiredClientCapabilityError');
    expect(error.code).toBe(-32021);
    expect(error.message).toBe('Missing required client capability: elicitation, sampling');
    expect(error.toJson()).toEqual({
      code: -32021,
      message: 'Missing required client capability: elicitation, sampling',
      data: { requiredCapabilities: { elicitation: {}, sampling: {} } },
    });
  });

  it('uses the custom message and cause when given', () => {
    const cause = new Error('inner');
    const error = new MissingRequiredClientCapabilityError({}, { message: 'Need roots', cause });
    expect(error.message).toBe('Need roots');
    expect(error.cause).toBe(cause);
    expect(error.data).toEqual({ requiredCapabilities: {} });
  });

  it('round-trips the spec example through toJson and fromError', () => {
    const wire =
      specMessages['MissingRequiredClientCapabilityError/missing-elicitation-capability.json']
        .error;
    expect(JsonRpcError.fromError(wire).toJson()).toEqual(wire);
  });
});

describe('UnsupportedProtocolVersionError', () => {
  it('builds data and a default message naming both sides when given (requested, supported)', () => {
    const error = new UnsupportedProtocolVersionError('1900-01-01', ['2026-07-28', '2025-11-25']);
    expect(error.name).toBe('UnsupportedProtocolVersionError');
    expect(error.code).toBe(-32022);
    expect(error.data).toEqual({
      supported: ['2026-07-28', '2025-11-25'],
      requested: '1900-01-01',
    });
    expect(error.message).toBe(
      'Unsupported protocol version: 1900-01-01 (supported: 2026-07-28, 2025-11-25)',
    );
  });

  it('builds the same error when given an options object', () => {
    const cause = new Error('inner');
    const error = new UnsupportedProtocolVersionError({
      requested: '2024-01-01',
      supported: [],
      message: 'Unsupported protocol version',
      cause,
    });
    expect(error.data).toEqual({ supported: [], requested: '2024-01-01' });
    expect(error.message).toBe('Unsupported protocol version');
    expect(error.cause).toBe(cause);
  });

  it('says none are supported when the supported list is empty', () => {
    expect(new UnsupportedProtocolVersionError('x', []).message).toBe(
      'Unsupported protocol version: x (supported: none)',
    );
  });

  it('copies the supported list when the caller mutates it later', () => {
    const supported = ['2026-07-28'];
    const error = new UnsupportedProtocolVersionError('x', supported);
    supported.push('1999-01-01');
    expect(error.data.supported).toEqual(['2026-07-28']);
  });
});

describe('isJsonRpcError', () => {
  it('accepts instances of JsonRpcError and every subclass', () => {
    expect(isJsonRpcError(new JsonRpcError(1, 'x'))).toBe(true);
    expect(isJsonRpcError(new ParseError())).toBe(true);
    expect(isJsonRpcError(new UnsupportedProtocolVersionError('x', []))).toBe(true);
  });

  it('accepts a structural look-alike when a second copy of the package made it', () => {
    class JsonRpcErrorFromAnotherCopy extends Error {
      override readonly name = 'InvalidParamsError';
      readonly code = -32602;
    }
    expect(isJsonRpcError(new JsonRpcErrorFromAnotherCopy('x'))).toBe(true);
  });

  it('rejects values whose name is unknown or whose code is not an integer', () => {
    expect(isJsonRpcError(new Error('x'))).toBe(false);
    expect(isJsonRpcError({ name: 'JsonRpcError', code: '1' })).toBe(false);
    expect(isJsonRpcError({ name: 'SomethingError', code: 1 })).toBe(false);
    expect(isJsonRpcError({ code: -32601, message: 'wire object' })).toBe(false);
    expect(isJsonRpcError(null)).toBe(false);
    expect(isJsonRpcError('JsonRpcError')).toBe(false);
  });
});
