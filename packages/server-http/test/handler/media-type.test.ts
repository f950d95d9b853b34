import { describe, expect, it } from 'vitest';
import { checkAccept, checkContentType } from '../../src/handler/media-type.js';
import type { McpHttpError } from '../../src/index.js';

function outcome(
  check: (request: {
    method: string;
    path: string;
    header(name: string): string | undefined;
  }) => void,
  headers: Record<string, string>,
): number {
  try {
    check({ method: 'POST', path: '/mcp', header: (name) => headers[name] });
    return 200;
  } catch (error) {
    return (error as McpHttpError).status;
  }
}

describe('checkContentType', () => {
  it.each([
    ['application/json', 200],
    ['application/json; charset=utf-8', 200],
    ['application/json;charset=UTF8', 200],
    ['APPLICATION/JSON ; charset="utf-8"', 200],
    ['application/json; foo=bar', 200],
    ['application/json; charset=utf-16', 415],
    ['application/json-seq', 415],
    ['application/jsonx', 415],
    ['text/json', 415],
    ['text/plain; x=application/json', 415],
    ['application/json, text/plain', 415],
    ['application/json; charset=utf-8, text/plain', 415],
    ['', 415],
  ])('%j → %i (A6)', (value, expected) => {
    expect(outcome(checkContentType, { 'content-type': value })).toBe(expected);
  });

  it('refuses a missing Content-Type', () => {
    expect(outcome(checkContentType, {})).toBe(415);
  });

  it.each([
    ['identity', 200],
    ['', 200],
    ['gzip', 415],
    ['br', 415],
    ['gzip, identity', 415],
  ])('Content-Encoding %j → %i', (value, expected) => {
    expect(
      outcome(checkContentType, { 'content-type': 'application/json', 'content-encoding': value }),
    ).toBe(expected);
  });
});

describe('checkAccept', () => {
  it.each([
    ['application/json, text/event-stream', 200],
    ['text/event-stream, application/json', 200],
    ['*/*', 200],
    ['application/*, text/*', 200],
    ['application/json, text/*;q=0.1', 200],
    ['*/*;q=0.1, application/json;q=1', 200],
    ['application/json', 406],
    ['text/event-stream', 406],
    ['application/*', 406],
    ['text/*', 406],
    ['*/*, text/event-stream;q=0', 406],
    ['application/json;q=0, */*', 406],
    ['application/json, text/event-stream;q=abc', 406],
    ['application/json-seq, text/event-stream', 406],
    ['', 406],
  ])('%j → %i (#104)', (value, expected) => {
    expect(outcome(checkAccept, { accept: value })).toBe(expected);
  });

  it('refuses a missing Accept', () => {
    expect(outcome(checkAccept, {})).toBe(406);
  });
});

describe('the last accepted value (issue 20)', () => {
  it('still applies every rule to a repeated Content-Type', () => {
    const json = { 'content-type': 'application/json' };
    expect(outcome(checkContentType, json)).toBe(200);
    expect(outcome(checkContentType, json)).toBe(200);
    // The same accepted type with a content coding: the coding check is not skipped.
    expect(outcome(checkContentType, { ...json, 'content-encoding': 'gzip' })).toBe(415);
    expect(outcome(checkContentType, { 'content-type': 'text/plain' })).toBe(415);
    expect(outcome(checkContentType, json)).toBe(200);
  });

  it('still refuses a different Accept after one was accepted', () => {
    const both = { accept: 'application/json, text/event-stream' };
    expect(outcome(checkAccept, both)).toBe(200);
    expect(outcome(checkAccept, both)).toBe(200);
    expect(outcome(checkAccept, { accept: 'application/json' })).toBe(406);
    expect(outcome(checkAccept, {})).toBe(406);
    expect(outcome(checkAccept, both)).toBe(200);
  });
});
