import { describe, expect, it } from 'vitest';
import { InvalidRequestError, SdkError } from '@tern/jsonrpc';
import { isMcpHttpError, McpHttpError } from '../src/index.js';

describe('McpHttpError', () => {
  it('carries status, body error, id and headers', () => {
    const error = new McpHttpError(401, {
      error: new InvalidRequestError('who?'),
      id: 3,
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
    expect([error.name, error.status, error.message, error.id, error.headers]).toEqual([
      'McpHttpError',
      401,
      'who?',
      3,
      { 'WWW-Authenticate': 'Bearer' },
    ]);
    expect(new McpHttpError(429).message).toBe('HTTP 429');
  });

  it('refuses statuses that are not errors', () => {
    for (const status of [200, 302, 600, 404.5])
      expect(() => new McpHttpError(status)).toThrow(SdkError);
  });

  it('is recognised also across duplicate installs', () => {
    const foreign = Object.assign(new Error('x'), { name: 'McpHttpError', status: 403 });
    expect(isMcpHttpError(new McpHttpError(403))).toBe(true);
    expect(isMcpHttpError(foreign)).toBe(true);
    expect(isMcpHttpError(new Error('x'))).toBe(false);
  });
});
