import { isSdkError, SdkError } from '@tern/core-protocol';
import { describe, expect, it } from 'vitest';
import {
  HttpError,
  isHttpError,
  isStreamInterruptedError,
  StreamInterruptedError,
} from '../src/index.js';

describe('HttpError', () => {
  it('is an SdkError with status, headers, body and the JSON-RPC error', () => {
    const error = new HttpError('HTTP 403', {
      status: 403,
      headers: new Headers({ 'WWW-Authenticate': 'Bearer' }),
      body: '{}',
      error: { code: -32600, message: 'Origin not allowed' },
    });
    expect(error).toBeInstanceOf(SdkError);
    expect(isSdkError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'HttpError',
      status: 403,
      body: '{}',
      error: { code: -32600 },
    });
    expect(error.data).toEqual({
      status: 403,
      body: '{}',
      error: { code: -32600, message: 'Origin not allowed' },
    });
    expect(error.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('StreamInterruptedError', () => {
  it('is an SdkError with code STREAM_INTERRUPTED and the method, so McpClient re-issues it', () => {
    const cause = new TypeError('terminated');
    const error = new StreamInterruptedError('broke', { method: 'tools/call', cause });
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({
      name: 'StreamInterruptedError',
      code: 'STREAM_INTERRUPTED',
      method: 'tools/call',
      cause,
    });
  });
});

describe('isHttpError', () => {
  it('recognises instances and structural copies from another install', () => {
    const copy = Object.assign(new Error('x'), { name: 'HttpError', status: 500 });
    expect(isHttpError(new HttpError('x', { status: 500, headers: new Headers(), body: '' }))).toBe(
      true,
    );
    expect(isHttpError(copy)).toBe(true);
    expect(isHttpError(new Error('x'))).toBe(false);
    expect(isHttpError({ name: 'HttpError', status: 500 })).toBe(false);
  });
});

describe('isStreamInterruptedError', () => {
  it('recognises instances and structural copies from another install', () => {
    const copy = Object.assign(new Error('x'), { name: 'StreamInterruptedError', method: 'm' });
    expect(isStreamInterruptedError(new StreamInterruptedError('x', { method: 'm' }))).toBe(true);
    expect(isStreamInterruptedError(copy)).toBe(true);
    expect(isStreamInterruptedError(new TypeError('x'))).toBe(false);
  });
});
