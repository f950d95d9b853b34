// resources/list, resources/templates/list and resources/read. Requirements: #55 (only three
// methods may ask), #164, #168 (unknown resource is -32602 with data.uri), #169 (never empty
// contents), #179 and #183 (caching hints on reads and lists); mrtr.md §5.9 (input_required has
// no caching hints); checklist F2.
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { ResourceNotFoundError } from '../../../src/index.js';
import type { RequestContext } from '../../../src/index.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, errorOf, SERVER_INFO } from '../helpers/server-fixtures.js';

const META = { [MetaKey.ServerInfo]: SERVER_INFO };

describe('readResource', () => {
  it('reads a fixed resource with ttlMs 0 and cacheScope private by default (requirements.md #179)', async () => {
    const { server } = createTestServer();
    server.registerResource(
      { uri: 'config://app', name: 'app', mimeType: 'application/json' },
      (uri) => ({
        contents: [{ uri, mimeType: 'application/json', text: '{"debug":false}' }],
      }),
    );
    expect(
      await new ServerDriver(server).request('resources/read', { uri: 'config://app' }),
    ).toEqual({
      resultType: 'complete',
      contents: [{ uri: 'config://app', mimeType: 'application/json', text: '{"debug":false}' }],
      ttlMs: 0,
      cacheScope: 'private',
      _meta: META,
    });
  });

  it('passes RFC 6570 variables of a template to its handler', async () => {
    const { server } = createTestServer();
    const seen: unknown[] = [];
    server.registerResourceTemplate(
      { uriTemplate: 'users://{id}/posts{?page,tags*}', name: 'posts' },
      (uri, variables) => {
        seen.push(variables);
        return { contents: [{ uri, text: `posts of ${String(variables['id'])}` }] };
      },
    );
    server.registerResourceTemplate(
      { uriTemplate: 'file:///{+path}', name: 'files' },
      (uri, variables) => {
        seen.push(variables);
        return { contents: [{ uri, text: 'file' }] };
      },
    );
    const driver = new ServerDriver(server);
    const result = await driver.request('resources/read', {
      uri: 'users://42/posts?page=2&tags=a&tags=b',
    });
    expect(result['contents']).toEqual([
      { uri: 'users://42/posts?page=2&tags=a&tags=b', text: 'posts of 42' },
    ]);
    await driver.request('resources/read', { uri: 'file:///srv/data/report%20final.txt' });
    expect(seen).toEqual([
      { id: '42', page: '2', tags: ['a', 'b'] },
      { path: 'srv/data/report final.txt' },
    ]);
  });

  it('prefers a fixed resource over a template that also matches', async () => {
    const { server } = createTestServer();
    server.registerResourceTemplate({ uriTemplate: 'notes://{id}', name: 'notes' }, (uri) => ({
      contents: [{ uri, text: 'template' }],
    }));
    server.registerResource({ uri: 'notes://pinned', name: 'pinned' }, (uri) => ({
      contents: [{ uri, text: 'fixed' }],
    }));
    const driver = new ServerDriver(server);
    expect((await driver.request('resources/read', { uri: 'notes://pinned' }))['contents']).toEqual(
      [{ uri: 'notes://pinned', text: 'fixed' }],
    );
    expect((await driver.request('resources/read', { uri: 'notes://7' }))['contents']).toEqual([
      { uri: 'notes://7', text: 'template' },
    ]);
  });

  it('answers an unknown URI with -32602, "Resource not found" and data.uri, never with empty contents (requirements.md #168, #169)', async () => {
    const { server } = createTestServer();
    server.registerResource({ uri: 'mem://known', name: 'known' }, (uri) => ({
      contents: [{ uri, text: 'k' }],
    }));
    server.registerResourceTemplate({ uriTemplate: 'mem://items/{id}', name: 'items' }, (uri) => ({
      contents: [{ uri, text: 'i' }],
    }));
    const driver = new ServerDriver(server);
    for (const uri of ['mem://unknown', 'mem://items/1/2', 'other://x', '']) {
      expect(errorOf((await driver.exchange('resources/read', { uri })).response)).toEqual({
        code: -32602,
        message: `Resource not found: ${uri}`,
        data: { uri },
      });
    }
  });

  it('passes a ResourceNotFoundError thrown by a template handler through as -32602 with data.uri (requirements.md #168)', async () => {
    const { server } = createTestServer();
    server.registerResourceTemplate(
      { uriTemplate: 'db://orders/{id}', name: 'orders' },
      (uri, variables) => {
        if (variables['id'] !== '1') throw new ResourceNotFoundError(uri);
        return { contents: [{ uri, text: 'order 1' }] };
      },
    );
    const driver = new ServerDriver(server);
    expect(
      errorOf((await driver.exchange('resources/read', { uri: 'db://orders/2' })).response),
    ).toEqual({
      code: -32602,
      message: 'Resource not found: db://orders/2',
      data: { uri: 'db://orders/2' },
    });
  });

  it("passes a handler's empty contents through as an empty resource: absence is signalled by throwing ResourceNotFoundError (stateless.md §13, requirements.md #169)", async () => {
    const { server } = createTestServer();
    server.registerResource({ uri: 'mem://empty-folder', name: 'empty' }, () => ({ contents: [] }));
    expect(
      await new ServerDriver(server).request('resources/read', { uri: 'mem://empty-folder' }),
    ).toMatchObject({
      resultType: 'complete',
      contents: [],
    });
  });

  it('uses the server cache.read hint, overridden per resource, per template, and by the handler (requirements.md #179, #183)', async () => {
    const { server } = createTestServer({ cache: { read: { ttlMs: 1000, cacheScope: 'public' } } });
    const text = (uri: string) => ({ contents: [{ uri, text: 'x' }] });
    server.registerResource({ uri: 'mem://default', name: 'default' }, text);
    server.registerResource(
      { uri: 'mem://own', name: 'own', cache: { ttlMs: 5, cacheScope: 'private' } },
      text,
    );
    server.registerResource(
      { uri: 'mem://dynamic', name: 'dynamic', cache: { ttlMs: 5, cacheScope: 'private' } },
      (uri) => ({
        ...text(uri),
        ttlMs: 99,
      }),
    );
    server.registerResourceTemplate(
      { uriTemplate: 'mem://t/{x}', name: 't', cache: { ttlMs: 7, cacheScope: 'public' } },
      text,
    );
    const driver = new ServerDriver(server);
    const hints = async (uri: string) => {
      const result = await driver.request('resources/read', { uri });
      return { ttlMs: result['ttlMs'], cacheScope: result['cacheScope'] };
    };
    expect(await hints('mem://default')).toEqual({ ttlMs: 1000, cacheScope: 'public' });
    expect(await hints('mem://own')).toEqual({ ttlMs: 5, cacheScope: 'private' });
    expect(await hints('mem://dynamic')).toEqual({ ttlMs: 99, cacheScope: 'private' });
    expect(await hints('mem://t/1')).toEqual({ ttlMs: 7, cacheScope: 'public' });
  });

  it('answers -32603 rather than send a negative or fractional ttlMs a handler returned (requirements.md #183)', async () => {
    const { server } = createTestServer();
    server.registerResource({ uri: 'mem://neg', name: 'neg' }, (uri) => ({
      contents: [{ uri, text: 'x' }],
      ttlMs: -1,
    }));
    server.registerResource({ uri: 'mem://frac', name: 'frac' }, (uri) => ({
      contents: [{ uri, text: 'x' }],
      ttlMs: 1.5,
    }));
    const driver = new ServerDriver(server);
    for (const uri of ['mem://neg', 'mem://frac']) {
      expect(errorOf((await driver.exchange('resources/read', { uri })).response)).toEqual({
        code: -32603,
        message: 'Internal error',
      });
    }
  });

  it('matches neither a plain nor a percent-encoded ../: the handler never sees a traversal (F2, requirements.md #170)', async () => {
    const { server } = createTestServer();
    const seen: unknown[] = [];
    server.registerResourceTemplate(
      { uriTemplate: 'file:///srv/data/{name}', name: 'data' },
      (uri, variables) => {
        seen.push(variables['name']);
        return { contents: [{ uri, text: 'x' }] };
      },
    );
    const driver = new ServerDriver(server);
    // A plain "../" is a path separator, so it cannot match the single-segment variable.
    expect(
      errorOf(
        (await driver.exchange('resources/read', { uri: 'file:///srv/data/../../etc/passwd' }))
          .response,
      ).code,
    ).toBe(-32602);
    const encoded = await driver.exchange('resources/read', { uri: 'file:///srv/data/..%2F..%2Fetc%2Fpasswd' });
    expect(errorOf(encoded.response)).toMatchObject({ code: -32602, data: { uri: 'file:///srv/data/..%2F..%2Fetc%2Fpasswd' } });
    await driver.request('resources/read', { uri: 'file:///srv/data/report.txt' });
    expect(seen).toEqual(['report.txt']);
  });
});

describe('listResources', () => {
  it('lists fixed resources, then what each template list callback returns, with the cache.resources hint (requirements.md #164, #179)', async () => {
    const { server } = createTestServer({
      cache: { resources: { ttlMs: 30, cacheScope: 'public' } },
    });
    let listContext: RequestContext | undefined;
    server.registerResource(
      {
        uri: 'mem://fixed',
        name: 'fixed',
        title: 'Fixed',
        mimeType: 'text/plain',
        cache: { ttlMs: 1, cacheScope: 'public' },
      },
      (uri) => ({
        contents: [{ uri, text: 'f' }],
      }),
    );
    server.registerResourceTemplate(
      {
        uriTemplate: 'mem://items/{id}',
        name: 'items',
        list: (ctx) => {
          listContext = ctx;
          return [
            { uri: 'mem://items/1', name: 'item 1' },
            { uri: 'mem://items/2', name: 'item 2' },
          ];
        },
      },
      (uri) => ({ contents: [{ uri, text: 'i' }] }),
    );
    server.registerResourceTemplate(
      { uriTemplate: 'mem://unlisted/{id}', name: 'unlisted' },
      (uri) => ({ contents: [{ uri, text: 'u' }] }),
    );
    const result = await new ServerDriver(server, {
      auth: { principal: 'alice' },
      clientInfo: { name: 'c', version: '1' },
    }).request('resources/list');
    expect(result).toEqual({
      resultType: 'complete',
      resources: [
        { uri: 'mem://fixed', name: 'fixed', title: 'Fixed', mimeType: 'text/plain' },
        { uri: 'mem://items/1', name: 'item 1' },
        { uri: 'mem://items/2', name: 'item 2' },
      ],
      ttlMs: 30,
      cacheScope: 'public',
      _meta: META,
    });
    expect(listContext?.method).toBe('resources/list');
    expect(listContext?.auth).toEqual({ principal: 'alice' });
    expect(listContext?.client.info).toEqual({ name: 'c', version: '1' });
  });

  it('answers -32603 when a template list callback tries to ask for input (requirements.md #55)', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    server.registerResourceTemplate(
      {
        uriTemplate: 'mem://items/{id}',
        name: 'items',
        list: async (ctx) => {
          await ctx.elicit('Which items?', {
            type: 'object',
            properties: { q: { type: 'string' } },
          });
          return [];
        },
      },
      (uri) => ({ contents: [{ uri, text: 'i' }] }),
    );
    const { response } = await new ServerDriver(server, {
      capabilities: { elicitation: {} },
    }).exchange('resources/list');
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32603, message: 'Internal error' },
    });
    expect(String(errors[0])).toContain('resources/list cannot ask for input');
  });
});

describe('listResourceTemplates', () => {
  it('lists template definitions without their callbacks, with the cache.resourceTemplates hint', async () => {
    const { server } = createTestServer({
      cache: { resourceTemplates: { ttlMs: 60, cacheScope: 'public' } },
    });
    server.registerResourceTemplate(
      {
        uriTemplate: 'mem://items/{id}',
        name: 'items',
        description: 'Items by id',
        mimeType: 'text/plain',
        list: () => [],
        complete: { id: () => ['1'] },
        cache: { ttlMs: 1, cacheScope: 'public' },
      },
      (uri) => ({ contents: [{ uri, text: 'i' }] }),
    );
    expect(await new ServerDriver(server).request('resources/templates/list')).toEqual({
      resultType: 'complete',
      resourceTemplates: [
        {
          uriTemplate: 'mem://items/{id}',
          name: 'items',
          description: 'Items by id',
          mimeType: 'text/plain',
        },
      ],
      ttlMs: 60,
      cacheScope: 'public',
      _meta: META,
    });
  });
});
