// ResourceRegistry and McpServer.registerResource/registerResourceTemplate. Requirements: #167
// (RFC 3986 URIs), #183 (ttlMs >= 0).
import { describe, expect, it } from 'vitest';
import { ResourceRegistry } from '../../src/server/resource-registry.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer, errorOf } from './helpers/server-fixtures.js';
import { SdkError } from '@tern/core-protocol';

const read = (uri: string) => ({ contents: [{ uri, text: '' }] });

describe('ResourceRegistry', () => {
  it('refuses a duplicate URI and a URI that is not absolute (requirements.md #167)', () => {
    const registry = new ResourceRegistry();
    registry.addResource({ uri: 'mem://a', name: 'a' }, read);
    expect(() => registry.addResource({ uri: 'mem://a', name: 'again' }, read)).toThrow(
      expect.objectContaining({ code: 'INVALID_USAGE', message: 'A resource "mem://a" is already registered' }),
    );
    for (const uri of ['relative/path', '/abs/path', '1mem://x', '']) {
      expect(() => registry.addResource({ uri, name: 'x' }, read)).toThrow(
        `Resource URI "${uri}" must be absolute (RFC 3986)`,
      );
    }
  });

  it('refuses a duplicate template name and a malformed template', () => {
    const registry = new ResourceRegistry();
    registry.addTemplate({ uriTemplate: 'mem://{id}', name: 't' }, read);
    expect(() => registry.addTemplate({ uriTemplate: 'mem://x/{id}', name: 't' }, read)).toThrow(
      'A resource template named "t" is already registered',
    );
    expect(() => registry.addTemplate({ uriTemplate: 'mem://{id', name: 'bad' }, read)).toThrow(SdkError);
  });

  it('refuses a cache hint with a negative or fractional ttlMs at registration (requirements.md #183)', () => {
    const registry = new ResourceRegistry();
    expect(() =>
      registry.addResource(
        { uri: 'mem://a', name: 'a', cache: { ttlMs: -1, cacheScope: 'public' } },
        read,
      ),
    ).toThrow(SdkError);
    expect(() =>
      registry.addTemplate(
        { uriTemplate: 'mem://{x}', name: 't', cache: { ttlMs: 0.5, cacheScope: 'public' } },
        read,
      ),
    ).toThrow(SdkError);
    expect(registry.isEmpty).toBe(true);
  });

  it('matches fixed resources first, then templates in registration order', () => {
    const registry = new ResourceRegistry();
    registry.addTemplate({ uriTemplate: 'mem://{a}', name: 'first' }, read);
    registry.addTemplate({ uriTemplate: 'mem://{b}', name: 'second' }, read);
    registry.addResource({ uri: 'mem://fixed', name: 'fixed' }, read);
    expect(registry.match('mem://fixed')?.resource.kind).toBe('resource');
    const templated = registry.match('mem://other');
    expect(templated?.resource.kind === 'template' && templated.resource.definition.name).toBe(
      'first',
    );
    expect(templated?.variables).toEqual({ a: 'other' });
    expect(registry.match('nope://x')).toBeUndefined();
    expect(registry.templateByUri('mem://{b}')?.definition.name).toBe('second');
    expect(registry.templateByUri('mem://{c}')).toBeUndefined();
  });

  it('removes resources and templates, and is empty without either', () => {
    const registry = new ResourceRegistry();
    registry.addResource({ uri: 'mem://a', name: 'a' }, read);
    registry.addTemplate({ uriTemplate: 'mem://t/{x}', name: 't' }, read);
    expect(registry.removeResource('mem://a')).toBe(true);
    expect(registry.removeResource('mem://a')).toBe(false);
    expect(registry.isEmpty).toBe(false);
    expect(registry.removeTemplate('t')).toBe(true);
    expect(registry.isEmpty).toBe(true);
  });
});

describe('McpServer.registerResource', () => {
  it('remove() takes a resource or template away; without any, the resource methods are -32601', async () => {
    const { server } = createTestServer();
    const fixed = server.registerResource({ uri: 'mem://a', name: 'a' }, read);
    const template = server.registerResourceTemplate(
      { uriTemplate: 'mem://t/{x}', name: 't' },
      read,
    );
    const driver = new ServerDriver(server);
    fixed.remove();
    expect(
      errorOf((await driver.exchange('resources/read', { uri: 'mem://a' })).response),
    ).toMatchObject({ code: -32602, data: { uri: 'mem://a' } });
    expect((await driver.request('resources/read', { uri: 'mem://t/1' }))['contents']).toEqual([
      { uri: 'mem://t/1', text: '' },
    ]);
    template.remove();
    expect(
      errorOf((await driver.exchange('resources/read', { uri: 'mem://t/1' })).response).code,
    ).toBe(-32601);
  });
});

describe('ResourceRegistry path safety (security checklist F2)', () => {
  const registry = new ResourceRegistry();
  registry.addTemplate({ uriTemplate: 'file:///srv/data/{name}', name: 'data' }, () => ({ contents: [] }));
  registry.addTemplate({ uriTemplate: 'docs://{+path}', name: 'docs' }, () => ({ contents: [] }));

  it.each([
    'file:///srv/data/..%2F..%2Fetc%2Fpasswd',
    'file:///srv/data/..',
    'file:///srv/data/%2E%2E%2Fsecret',
    'file:///srv/data/a%5C..%5Cb',
    'file:///srv/data/a%00b',
    'docs://guide/../../etc/passwd',
    'docs://..',
  ])('does not match %s, so it is "not found" and the handler never runs', (uri) => {
    expect(registry.match(uri)).toBeUndefined();
  });

  it.each([
    ['file:///srv/data/report.txt', { name: 'report.txt' }],
    ['file:///srv/data/a..b', { name: 'a..b' }],
    ['docs://guide/intro.md', { path: 'guide/intro.md' }],
  ])('still matches the harmless %s', (uri, variables) => {
    expect(registry.match(uri)?.variables).toEqual(variables);
  });
});
