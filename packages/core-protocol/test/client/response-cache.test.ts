import type { SubscriptionEvent } from '../../src/index.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryResponseCache, McpClient } from '../../src/index.js';
import type { CacheEntry, McpServer, ResponseCache, Subscription } from '../../src/index.js';
import { InMemoryTransport } from '../../src/testing/index.js';
import { resultFor, ScriptedTransport, toolsPage } from './helpers/scripted-transport.js';
import { createTestServer } from './helpers/test-server.js';

const CLIENT_INFO = { name: 'test-client', version: '2.0.0' };
const HOUR = 3_600_000;

function entry(name: string, expiresAt = Infinity): CacheEntry {
  return { result: { name }, expiresAt };
}

/** A server whose lists and reads are cacheable, with one read that needs a round first. */
function createCachingServer(): McpServer {
  const server = createTestServer({
    limits: { pageSize: 2 },
    cache: {
      tools: { ttlMs: 1000, cacheScope: 'public' },
      prompts: { ttlMs: HOUR, cacheScope: 'public' },
      resources: { ttlMs: HOUR, cacheScope: 'public' },
      resourceTemplates: { ttlMs: HOUR, cacheScope: 'public' },
      read: { ttlMs: HOUR, cacheScope: 'private' },
    },
  });
  for (const name of ['a', 'b', 'c']) server.registerTool(name, {}, () => name);
  server.registerPrompt('p', {}, () => ({ messages: [] }));
  server.registerResource({ uri: 'file:///plain.txt', name: 'plain' }, (uri) => ({ contents: [{ uri, text: 'plain' }] }));
  server.registerResource({ uri: 'file:///other.txt', name: 'other' }, (uri) => ({ contents: [{ uri, text: 'other' }] }));
  server.registerResource({ uri: 'file:///public.txt', name: 'public', cache: { ttlMs: HOUR, cacheScope: 'public' } }, (uri) => ({
    contents: [{ uri, text: 'for everyone' }],
  }));
  server.registerResource({ uri: 'vault://secret', name: 'secret' }, async (uri, ctx) => {
    const answer = await ctx.elicit('Unlock?', z.object({ pin: z.string() }));
    return { contents: [{ uri, text: answer.action === 'accept' ? `opened with ${answer.content.pin}` : 'locked' }] };
  });
  server.registerResourceTemplate({ uriTemplate: 'file:///t/{x}', name: 't' }, (uri) => ({ contents: [{ uri, text: 't' }] }));
  return server;
}

function countOf(transport: InMemoryTransport | ScriptedTransport, method: string): number {
  const requests = transport instanceof InMemoryTransport ? transport.sent : transport.requests;
  return requests.filter((request) => request.method === method).length;
}

/** Reads events until one matches, without ending the subscription (a `break` out of for-await would). */
async function nextMatching(subscription: Subscription, match: (event: SubscriptionEvent) => boolean): Promise<SubscriptionEvent> {
  const events = subscription[Symbol.asyncIterator]();
  for (;;) {
    const next = await events.next();
    if (next.done === true) throw new TypeError('The subscription ended first');
    if (match(next.value)) return next.value;
  }
}

describe('InMemoryResponseCache', () => {
  it('stores, returns and deletes entries', () => {
    const cache = new InMemoryResponseCache();
    cache.set('k', entry('one'));
    expect(cache.get('k')).toEqual(entry('one'));
    cache.delete('k');
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops every entry under a prefix and nothing else', () => {
    const cache = new InMemoryResponseCache();
    cache.set('tools/list\u0000{}', entry('1'));
    cache.set('tools/list\u0000{"cursor":"x"}', entry('2'));
    cache.set('prompts/list\u0000{}', entry('3'));
    cache.deletePrefix('tools/list\u0000');
    expect(cache.size).toBe(1);
    expect(cache.get('prompts/list\u0000{}')).toEqual(entry('3'));
  });

  it('drops the oldest entry past maxEntries, counting a rewrite as new', () => {
    const cache = new InMemoryResponseCache({ maxEntries: 2 });
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.set('a', entry('a2'));
    cache.set('c', entry('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(entry('a2'));
    expect(cache.get('c')).toEqual(entry('c'));
    expect(cache.size).toBe(2);
  });
});

describe('McpClient response cache', () => {
  it('serves a list from the cache while fresh and asks again when ttlMs has passed (requirements.md #182, #184)', async () => {
    const transport = new InMemoryTransport(createCachingServer());
    let now = 50_000;
    const client = new McpClient(CLIENT_INFO, { transport, cache: true, now: () => now });

    const first = await client.listTools();
    now += 999;
    expect(await client.listTools()).toEqual(first);
    expect(countOf(transport, 'tools/list')).toBe(1);
    now += 1;
    await client.listTools();
    expect(countOf(transport, 'tools/list')).toBe(2);
  });

  it('caches nothing without the cache option', async () => {
    const transport = new InMemoryTransport(createCachingServer());
    const client = new McpClient(CLIENT_INFO, { transport });
    await client.listTools();
    await client.listTools();
    await client.readResource('file:///plain.txt');
    await client.readResource('file:///plain.txt');
    expect(transport.sent).toHaveLength(4);
  });

  it('does not cache a result with ttlMs 0 (requirements.md #182)', async () => {
    // The server's default hint is { ttlMs: 0, cacheScope: 'private' }.
    const server = createTestServer();
    server.registerTool('x', {}, () => 'x');
    server.registerResource({ uri: 'file:///x', name: 'x' }, (uri) => ({ contents: [{ uri, text: 'x' }] }));
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    expect((await client.listTools()).ttlMs).toBe(0);
    await client.listTools();
    await client.readResource('file:///x');
    await client.readResource('file:///x');
    expect(countOf(transport, 'tools/list')).toBe(2);
    expect(countOf(transport, 'resources/read')).toBe(2);
  });

  it('treats a missing ttlMs (an older server) as 0: served, not cached (requirements.md #182)', async () => {
    const transport = new ScriptedTransport((request) =>
      resultFor(request, { resultType: 'complete', tools: [{ name: 'old', inputSchema: { type: 'object' } }] }),
    );
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['old']);
    await client.listTools();
    expect(countOf(transport, 'tools/list')).toBe(2);
  });

  it('treats a negative ttlMs as 0: served, not cached (requirements.md #182)', async () => {
    const transport = new ScriptedTransport((request) => resultFor(request, toolsPage([{ name: 'neg', inputSchema: { type: 'object' } }], { ttlMs: -5000 })));
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    const page = await client.listTools();
    expect(page.tools.map((tool) => tool.name)).toEqual(['neg']);
    expect(page.ttlMs).toBe(0);
    await client.listTools();
    expect(countOf(transport, 'tools/list')).toBe(2);
  });

  it('never serves a cached result for other params: each page and each URI is its own entry (requirements.md #180)', async () => {
    const transport = new InMemoryTransport(createCachingServer());
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    const first = await client.listTools();
    const second = await client.listTools({ cursor: first.nextCursor! });
    expect(second.tools.map((tool) => tool.name)).toEqual(['c']);
    expect(countOf(transport, 'tools/list')).toBe(2);
    // Both pages are cached now, each under its own cursor.
    expect(await client.listAllTools()).toHaveLength(3);
    expect(countOf(transport, 'tools/list')).toBe(2);

    const plain = await client.readResource('file:///plain.txt');
    const other = await client.readResource('file:///other.txt');
    expect(plain.contents).toEqual([{ uri: 'file:///plain.txt', text: 'plain' }]);
    expect(other.contents).toEqual([{ uri: 'file:///other.txt', text: 'other' }]);
    await client.readResource('file:///plain.txt');
    expect(countOf(transport, 'resources/read')).toBe(2);
  });

  it('keeps methods apart in the cache (requirements.md #180)', async () => {
    const transport = new InMemoryTransport(createCachingServer());
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    await client.listResources();
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((template) => template.name)).toEqual(['t']);
    expect(countOf(transport, 'resources/templates/list')).toBe(1);
  });

  it('never caches the result of a read that carried inputResponses or requestState (requirements.md #181)', async () => {
    const transport = new InMemoryTransport(createCachingServer());
    let asked = 0;
    const client = new McpClient(CLIENT_INFO, {
      transport,
      cache: true,
      handlers: {
        elicitForm: () => {
          asked += 1;
          return { action: 'accept', content: { pin: `pin-${asked}` } };
        },
      },
    });
    const first = await client.readResource('vault://secret');
    // The final result carries ttlMs of an hour, yet came from a retry: it must not be reused.
    expect(first).toMatchObject({ ttlMs: HOUR, contents: [{ text: 'opened with pin-1' }] });
    const second = await client.readResource('vault://secret');
    expect(second.contents).toEqual([{ uri: 'vault://secret', text: 'opened with pin-2' }]);
    expect(asked).toBe(2);
    expect(countOf(transport, 'resources/read')).toBe(4);
    // The first request of the second read carried no conversation data.
    expect(transport.sent[2]?.params).not.toHaveProperty('requestState');
    expect(transport.sent[2]?.params).not.toHaveProperty('inputResponses');
  });

  it('serves a private result only under the same authorizationKey, and a public one to anyone (requirements.md #186)', async () => {
    const server = createCachingServer();
    const shared = new InMemoryResponseCache();
    const alice = new InMemoryTransport(server, { auth: { principal: 'alice' } });
    const aliceAgain = new InMemoryTransport(server, { auth: { principal: 'alice' } });
    const bob = new InMemoryTransport(server, { auth: { principal: 'bob' } });
    const forAlice = new McpClient(CLIENT_INFO, { transport: alice, cache: shared });
    const forAliceAgain = new McpClient(CLIENT_INFO, { transport: aliceAgain, cache: shared });
    const forBob = new McpClient(CLIENT_INFO, { transport: bob, cache: shared });

    await forAlice.readResource('file:///plain.txt');
    await forAliceAgain.readResource('file:///plain.txt');
    expect(countOf(aliceAgain, 'resources/read')).toBe(0);
    const bobsRead = await forBob.readResource('file:///plain.txt');
    expect(countOf(bob, 'resources/read')).toBe(1);
    expect(bobsRead.cacheScope).toBe('private');

    await forAlice.readResource('file:///public.txt');
    await forBob.readResource('file:///public.txt');
    expect(countOf(bob, 'resources/read')).toBe(1);
    await forAlice.listPrompts();
    await forBob.listPrompts();
    expect(countOf(bob, 'prompts/list')).toBe(0);
  });

  it('uses a custom ResponseCache, also an asynchronous one', async () => {
    const calls: string[] = [];
    const entries = new Map<string, CacheEntry>();
    const method = (key: string): string => key.split('\u0000')[0]!;
    const store: ResponseCache = {
      get: (key) => {
        calls.push(`get ${method(key)}`);
        return Promise.resolve(entries.get(key));
      },
      set: (key, value) => {
        calls.push(`set ${method(key)}`);
        entries.set(key, value);
        return Promise.resolve();
      },
      delete: (key) => {
        entries.delete(key);
        return Promise.resolve();
      },
      deletePrefix: (prefix) => {
        for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
        return Promise.resolve();
      },
    };
    const transport = new InMemoryTransport(createCachingServer());
    const client = new McpClient(CLIENT_INFO, { transport, cache: store, now: () => 1_000 });
    await client.listPrompts();
    await client.listPrompts();
    expect(countOf(transport, 'prompts/list')).toBe(1);
    // A lookup tries the private entry of this authorization first, then the public one (this
    // server marks its lists public, so the second call finds the entry on its second lookup).
    expect(calls).toEqual(['get prompts/list', 'get prompts/list', 'set prompts/list', 'get prompts/list', 'get prompts/list']);
    expect([...entries.values()][0]).toMatchObject({ expiresAt: 1_000 + HOUR, result: { prompts: [{ name: 'p' }] } });
  });

  it('drops cached lists on list_changed notifications from a listen stream (stateless.md §8.3, §11)', async () => {
    const server = createCachingServer();
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    await client.listTools();
    await client.listPrompts();
    await client.listResources();
    await client.listResourceTemplates();

    const subscription = client.listen({ toolsListChanged: true, promptsListChanged: true, resourcesListChanged: true });
    await subscription.acknowledged;
    server.notifyToolsListChanged();
    await nextMatching(subscription, (event) => event.type === 'notification');
    await client.listTools();
    await client.listPrompts();
    expect(countOf(transport, 'tools/list')).toBe(2);
    expect(countOf(transport, 'prompts/list')).toBe(1);

    server.notifyPromptsListChanged();
    await nextMatching(subscription, (event) => event.type === 'notification');
    await client.listPrompts();
    expect(countOf(transport, 'prompts/list')).toBe(2);

    server.notifyResourcesListChanged();
    await nextMatching(subscription, (event) => event.type === 'notification');
    await client.listResources();
    await client.listResourceTemplates();
    expect(countOf(transport, 'resources/list')).toBe(2);
    expect(countOf(transport, 'resources/templates/list')).toBe(2);
    subscription.close();
  });

  it('drops a cached read when resources/updated names its URI, and only that one', async () => {
    const server = createCachingServer();
    const transport = new InMemoryTransport(server);
    const client = new McpClient(CLIENT_INFO, { transport, cache: true });
    await client.readResource('file:///plain.txt');
    await client.readResource('file:///other.txt');

    const subscription = client.listen({ resourceSubscriptions: ['file:///plain.txt', 'file:///other.txt'] });
    await subscription.acknowledged;
    server.notifyResourceUpdated('file:///plain.txt');
    const event = await nextMatching(subscription, (candidate) => candidate.type === 'notification');
    expect(event).toMatchObject({ notification: { method: 'notifications/resources/updated', params: { uri: 'file:///plain.txt' } } });
    await client.readResource('file:///plain.txt');
    await client.readResource('file:///other.txt');
    expect(transport.sent.filter((request) => request.method === 'resources/read').map((request) => request.params?.['uri'])).toEqual([
      'file:///plain.txt',
      'file:///other.txt',
      'file:///plain.txt',
    ]);
    subscription.close();
  });
});
