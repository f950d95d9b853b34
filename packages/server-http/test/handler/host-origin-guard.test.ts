import { describe, expect, it } from 'vitest';
import { HostOriginGuard, parseHost } from '../../src/handler/host-origin-guard.js';
import { McpHttpError } from '../../src/index.js';
import { SdkError } from '@tern/jsonrpc';

function request(headers: Record<string, string>) {
  return { method: 'POST', path: '/mcp', header: (name: string) => headers[name] };
}

function status(guard: HostOriginGuard, headers: Record<string, string>): number {
  try {
    guard.check(request(headers));
    return 200;
  } catch (error) {
    return error instanceof McpHttpError ? error.status : 500;
  }
}

describe('parseHost', () => {
  it.each([
    ['localhost', { hostname: 'localhost', port: '' }],
    ['LocalHost:8080', { hostname: 'localhost', port: '8080' }],
    ['[::1]:3000', { hostname: '[::1]', port: '3000' }],
    ['127.0.0.1', { hostname: '127.0.0.1', port: '' }],
  ])('reads %s', (value, expected) => {
    expect(parseHost(value)).toEqual(expected);
  });

  it.each([
    '',
    'user@localhost',
    'localhost/path',
    'local host',
    'localhost:',
    'localhost:abc',
    '[::1',
    'a, b',
  ])('refuses %j', (value) => {
    expect(parseHost(value)).toBeUndefined();
  });
});

describe('HostOriginGuard', () => {
  it('allows localhost names on any port and refuses others by default (A1-A3)', () => {
    const guard = new HostOriginGuard(undefined, undefined);
    expect(status(guard, { host: 'localhost:1' })).toBe(200);
    expect(status(guard, { host: '[::1]' })).toBe(200);
    expect(status(guard, { host: 'evil.example.com' })).toBe(403);
    expect(status(guard, { host: '127.0.0.1.nip.io' })).toBe(403);
    expect(status(guard, {})).toBe(403);
  });

  it('falls back to the localhost lists when given empty lists, never failing open (A4)', () => {
    const guard = new HostOriginGuard([], []);
    expect(status(guard, { host: 'evil.example.com' })).toBe(403);
    expect(status(guard, { host: 'localhost', origin: 'http://evil.example.com' })).toBe(403);
    expect(status(guard, { host: 'localhost', origin: 'http://localhost:9' })).toBe(200);
  });

  it("turns a check off only for an explicit 'any'", () => {
    expect(status(new HostOriginGuard('any', undefined), { host: 'mcp.example.com' })).toBe(200);
    expect(
      status(new HostOriginGuard('any', undefined), {
        host: 'mcp.example.com',
        origin: 'https://x.example',
      }),
    ).toBe(403);
    expect(
      status(new HostOriginGuard(undefined, 'any'), {
        host: 'localhost',
        origin: 'https://x.example',
      }),
    ).toBe(200);
  });

  it('matches a listed host on any port, or a listed host:port on that port only', () => {
    const guard = new HostOriginGuard(['mcp.example.com', 'api.example.com:8443'], undefined);
    expect(status(guard, { host: 'MCP.example.com:443' })).toBe(200);
    expect(status(guard, { host: 'api.example.com:8443' })).toBe(200);
    expect(status(guard, { host: 'api.example.com' })).toBe(403);
    expect(status(guard, { host: 'localhost' })).toBe(403);
  });

  it('matches listed origins exactly after normalisation', () => {
    const guard = new HostOriginGuard(undefined, ['https://App.Example.com:443']);
    expect(status(guard, { host: 'localhost', origin: 'https://app.example.com' })).toBe(200);
    expect(status(guard, { host: 'localhost', origin: 'http://app.example.com' })).toBe(403);
    expect(status(guard, { host: 'localhost', origin: 'https://app.example.com:8443' })).toBe(403);
    expect(status(guard, { host: 'localhost', origin: 'http://localhost' })).toBe(403);
  });

  it('refuses a foreign Host after a local one was allowed (issue 20: the last allowed value)', () => {
    const guard = new HostOriginGuard(undefined, undefined);
    expect(status(guard, { host: 'localhost:3000' })).toBe(200);
    expect(status(guard, { host: 'localhost:3000' })).toBe(200);
    expect(status(guard, { host: 'evil.example:3000' })).toBe(403);
    expect(status(new HostOriginGuard(['mcp.example.com'], undefined), { host: 'localhost:3000' })).toBe(403);
    expect(status(guard, { host: 'localhost:3000' })).toBe(200);
  });

  it('answers 403 with a JSON-RPC error that has no id (#100)', () => {
    const guard = new HostOriginGuard(undefined, undefined);
    let caught: unknown;
    try {
      guard.check(request({ host: 'localhost', origin: 'null' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(McpHttpError);
    expect((caught as McpHttpError).id).toBeUndefined();
    expect((caught as McpHttpError).error?.code).toBe(-32600);
  });

  it('refuses allow-list entries that are not hosts or origins', () => {
    expect(() => new HostOriginGuard(['bad host/'], undefined)).toThrow(SdkError);
    expect(() => new HostOriginGuard(undefined, ['not a url'])).toThrow(SdkError);
    expect(() => new HostOriginGuard(undefined, ['data:text/plain,x'])).toThrow(SdkError);
  });
});
