// Scopes on registrations: lists vary with the caller's scopes (requirements.md #149, #164, #172
// allow authorization-dependent lists), using an item without its scopes is refused with
// insufficient_scope naming every required scope (authorization spec, scope challenge handling).
import { describe, expect, it } from 'vitest';
import { InsufficientScopeError, isInsufficientScope } from '../../src/index.js';
import type { AuthInfo, McpServer, McpServerOptions } from '../../src/index.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer } from './helpers/server-fixtures.js';
import { SdkError } from '@tern/core-protocol';

const READER: AuthInfo = { principal: 'alice', scopes: ['files:read'] };
const WRITER: AuthInfo = { principal: 'bob', scopes: ['files:read', 'files:write'] };

function scopedServer(options: McpServerOptions = {}) {
  const { server } = createTestServer(options);
  server.registerTool('read', { scopes: ['files:read'] }, () => 'read');
  server.registerTool('write', { scopes: ['files:read', 'files:write'] }, () => 'written');
  server.registerTool('open', { scopes: [] }, () => 'open');
  server.registerTool('plain', {}, () => 'plain');
  server.registerPrompt('draft', { scopes: ['files:write'] }, () => ({ messages: [] }));
  server.registerPrompt('hello', {}, () => ({ messages: [] }));
  server.registerResource({ uri: 'file:///secret', name: 'secret', scopes: ['files:write'] }, () => ({ contents: [] }));
  server.registerResource({ uri: 'file:///public', name: 'public' }, () => ({ contents: [] }));
  server.registerResourceTemplate(
    {
      uriTemplate: 'file:///private/{name}',
      name: 'private',
      scopes: ['files:write'],
      list: () => [{ uri: 'file:///private/a', name: 'a' }],
    },
    () => ({ contents: [] }),
  );
  return server;
}

const LIST_KEYS: Record<string, [key: string, field: string]> = {
  'tools/list': ['tools', 'name'],
  'prompts/list': ['prompts', 'name'],
  'resources/list': ['resources', 'uri'],
  'resources/templates/list': ['resourceTemplates', 'name'],
};

async function names(driver: ServerDriver, method: string): Promise<unknown[]> {
  const result = await driver.request(method);
  const [key, field] = LIST_KEYS[method] ?? ['', ''];
  return (result[key] as Record<string, unknown>[]).map((entry) => entry[field]);
}

describe('scopes on registrations', () => {
  it('leaves out of every list what the caller lacks the scopes for (requirements.md #149, #164, #172)', async () => {
    const server = scopedServer();
    const reader = new ServerDriver(server, { auth: READER });
    expect(await names(reader, 'tools/list')).toEqual(['read', 'open', 'plain']);
    expect(await names(reader, 'prompts/list')).toEqual(['hello']);
    expect(await names(reader, 'resources/list')).toEqual(['file:///public']);
    expect(await names(reader, 'resources/templates/list')).toEqual([]);
    const writer = new ServerDriver(server, { auth: WRITER });
    expect(await names(writer, 'tools/list')).toEqual(['read', 'write', 'open', 'plain']);
    expect(await names(writer, 'resources/list')).toEqual([
      'file:///secret',
      'file:///public',
      'file:///private/a',
    ]);
  });

  it('treats a request without auth as holding no scopes', async () => {
    const anonymous = new ServerDriver(scopedServer());
    expect(await names(anonymous, 'tools/list')).toEqual(['open', 'plain']);
  });

  it('never puts scopes on the wire definitions', async () => {
    const writer = new ServerDriver(scopedServer(), { auth: WRITER });
    const tools = (await writer.request('tools/list'))['tools'] as Record<string, unknown>[];
    const resources = (await writer.request('resources/list'))['resources'] as Record<string, unknown>[];
    expect(tools.some((tool) => 'scopes' in tool)).toBe(false);
    expect(resources.some((resource) => 'scopes' in resource)).toBe(false);
  });

  it('refuses a call without the scopes with every required scope in one challenge', async () => {
    const reader = new ServerDriver(scopedServer(), { auth: READER });
    const { response } = await reader.exchange('tools/call', { name: 'write', arguments: {} });
    expect(response).toMatchObject({
      error: {
        code: -32600,
        message: 'Forbidden: insufficient scope',
        data: { error: 'insufficient_scope', scope: 'files:read files:write' },
      },
    });
    expect('error' in response && isInsufficientScope(response.error)).toBe(true);
  });

  it('refuses prompts/get and resources/read (fixed and template) without the scopes', async () => {
    const reader = new ServerDriver(scopedServer(), { auth: READER });
    for (const [method, params] of [
      ['prompts/get', { name: 'draft' }],
      ['resources/read', { uri: 'file:///secret' }],
      ['resources/read', { uri: 'file:///private/b' }],
    ] as const) {
      const { response } = await reader.exchange(method, params);
      expect(response).toMatchObject({ error: { code: -32600, data: { error: 'insufficient_scope', scope: 'files:write' } } });
    }
  });

  it('runs the handler once the scopes are granted', async () => {
    const writer = new ServerDriver(scopedServer(), { auth: WRITER });
    const result = await writer.request('tools/call', { name: 'write', arguments: {} });
    expect(result['content']).toEqual([{ type: 'text', text: 'written' }]);
  });

  it('applies the server default to registrations without scopes, and [] stays public', async () => {
    const server = scopedServer({ authorization: { defaultScopes: ['mcp'] } });
    const reader = new ServerDriver(server, { auth: READER });
    expect(await names(reader, 'tools/list')).toEqual(['read', 'open']);
    const { response } = await reader.exchange('tools/call', { name: 'plain', arguments: {} });
    expect(response).toMatchObject({ error: { data: { scope: 'mcp' } } });
  });

  it("lists everything with unauthorizedInLists: 'show', and still refuses the call", async () => {
    const server = scopedServer({ authorization: { unauthorizedInLists: 'show' } });
    const reader = new ServerDriver(server, { auth: READER });
    expect(await names(reader, 'tools/list')).toEqual(['read', 'write', 'open', 'plain']);
    const { response } = await reader.exchange('tools/call', { name: 'write', arguments: {} });
    expect(response).toMatchObject({ error: { data: { error: 'insufficient_scope' } } });
  });

  it('passes an InsufficientScopeError a handler throws to the wire as is', async () => {
    const { server } = createTestServer();
    server.registerTool('fine', {}, () => {
      throw new InsufficientScopeError(['admin'], 'Forbidden: admin only');
    });
    const { response } = await new ServerDriver(server).exchange('tools/call', { name: 'fine', arguments: {} });
    expect(response).toMatchObject({ error: { code: -32600, message: 'Forbidden: admin only', data: { scope: 'admin' } } });
  });

  it('refuses a scope that is not an RFC 6749 scope token at registration', () => {
    const { server } = createTestServer();
    expect(() => server.registerTool('bad', { scopes: ['has space'] }, () => '')).toThrow(SdkError);
    expect(() => server.registerTool('bad2', { scopes: ['quo"te'] }, () => '')).toThrow(/scope token/);
    expect(() => server.registerPrompt('bad3', { scopes: [''] }, () => ({ messages: [] }))).toThrow(SdkError);
  });
});

/** Opens one listen stream per caller with `filter`, and waits for every acknowledgement. */
async function listenAs(server: McpServer, callers: readonly AuthInfo[], filter: Record<string, unknown>) {
  const streams = callers.map((auth) => {
    const notifications: { method: string; params: { uri?: string } }[] = [];
    const response = server.handle(
      {
        jsonrpc: '2.0',
        id: auth.principal,
        method: 'subscriptions/listen',
        params: { notifications: filter, _meta: new ServerDriver(server).meta() },
      },
      { auth, notify: (notification) => notifications.push(notification as (typeof notifications)[number]) },
    );
    return { notifications, response };
  });
  // Every stream acknowledged before the test changes anything (bounded: the runtime may still be
  // importing its keys on a loaded host).
  await expect.poll(() => streams.every((stream) => stream.notifications.length > 0), { timeout: 5_000 }).toBe(true);
  /** Closes the server and returns what each stream heard after its acknowledgement. */
  return async () => {
    server.close();
    await Promise.all(streams.map((stream) => stream.response));
    return streams.map((stream) => stream.notifications.slice(1));
  };
}

describe('scopes on subscriptions/listen', () => {
  it('forwards resources/updated only for resources the listener may read', async () => {
    const { server } = createTestServer({ capabilities: { resources: { subscribe: true } } });
    server.registerResource({ uri: 'file:///public', name: 'public' }, () => ({ contents: [] }));
    server.registerResource({ uri: 'file:///secret', name: 'secret', scopes: ['files:write'] }, () => ({ contents: [] }));
    const heard = await listenAs(server, [READER, WRITER], { resourceSubscriptions: ['file:///'] });
    server.notifyResourceUpdated('file:///secret');
    server.notifyResourceUpdated('file:///public');
    const uris = (await heard()).map((notifications) => notifications.map((notification) => notification.params.uri));
    expect(uris).toEqual([['file:///public'], ['file:///secret', 'file:///public']]);
  });

  const ALL_LISTS = { toolsListChanged: true, promptsListChanged: true, resourcesListChanged: true };
  const register = (server: McpServer, scopes: readonly string[] | undefined) => [
    server.registerTool(`tool-${String(scopes)}`, scopes === undefined ? {} : { scopes }, () => ''),
    server.registerPrompt(`prompt-${String(scopes)}`, scopes === undefined ? {} : { scopes }, () => ({ messages: [] })),
    server.registerResource({ uri: `file:///r-${String(scopes)}`, name: 'r', ...(scopes === undefined ? {} : { scopes }) }, () => ({ contents: [] })),
    server.registerResourceTemplate({ uriTemplate: `file:///t-${String(scopes)}/{n}`, name: `t-${String(scopes)}`, ...(scopes === undefined ? {} : { scopes }) }, () => ({ contents: [] })),
  ];
  const methods = (notifications: { method: string }[]) => notifications.map((notification) => notification.method);
  const FOUR = ['notifications/tools/list_changed', 'notifications/prompts/list_changed', 'notifications/resources/list_changed', 'notifications/resources/list_changed'];

  it('tells of a registration and its removal only listeners whose lists show it', async () => {
    const { server } = createTestServer({ capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } } });
    const heard = await listenAs(server, [READER, WRITER], ALL_LISTS);
    for (const registration of register(server, ['files:read', 'files:write'])) registration.remove();
    const [reader, writer] = await heard();
    expect(reader).toEqual([]);
    expect(methods(writer ?? [])).toEqual([...FOUR, ...FOUR]);
  });

  it('reads the server default for registrations without scopes, and public ones reach everyone', async () => {
    const { server } = createTestServer({
      authorization: { defaultScopes: ['files:write'] },
      capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: { listChanged: true } },
    });
    const heard = await listenAs(server, [READER, WRITER], ALL_LISTS);
    register(server, undefined);
    register(server, []);
    const [reader, writer] = await heard();
    expect(methods(reader ?? [])).toEqual(FOUR);
    expect(methods(writer ?? [])).toEqual([...FOUR, ...FOUR]);
  });

  it("tells everyone with unauthorizedInLists: 'show', and of a change named by no registration", async () => {
    const shown = createTestServer({ authorization: { unauthorizedInLists: 'show' }, capabilities: { tools: { listChanged: true } } }).server;
    const heardShown = await listenAs(shown, [READER], { toolsListChanged: true });
    shown.registerTool('secret', { scopes: ['admin'] }, () => '');
    expect((await heardShown()).map(methods)).toEqual([['notifications/tools/list_changed']]);

    const hidden = createTestServer({ capabilities: { tools: { listChanged: true } } }).server;
    const heardHidden = await listenAs(hidden, [READER], { toolsListChanged: true });
    hidden.registerTool('secret', { scopes: ['admin'] }, () => '');
    hidden.notifyToolsListChanged();
    expect((await heardHidden()).map(methods)).toEqual([['notifications/tools/list_changed']]);
  });
});

describe('scopes on completion/complete', () => {
  it('refuses to complete the arguments of a prompt or template the caller may not use', async () => {
    const { server } = createTestServer();
    server.registerPrompt('draft', { arguments: [{ name: 'topic' }], scopes: ['files:write'], complete: { topic: () => ['a'] } }, () => ({ messages: [] }));
    server.registerResourceTemplate(
      { uriTemplate: 'file:///private/{name}', name: 'private', scopes: ['files:write'], complete: { name: () => ['b'] } },
      () => ({ contents: [] }),
    );
    const reader = new ServerDriver(server, { auth: READER });
    const writer = new ServerDriver(server, { auth: WRITER });
    for (const ref of [{ type: 'ref/prompt', name: 'draft' }, { type: 'ref/resource', uri: 'file:///private/{name}' }]) {
      const argument = { name: ref.type === 'ref/prompt' ? 'topic' : 'name', value: '' };
      const { response } = await reader.exchange('completion/complete', { ref, argument });
      expect(response).toMatchObject({ error: { data: { error: 'insufficient_scope', scope: 'files:write' } } });
      const allowed = await writer.request('completion/complete', { ref, argument });
      expect((allowed['completion'] as { values: string[] }).values).toHaveLength(1);
    }
  });
});

describe('McpServer.concerns (the rule listen streams and 2025-era GET streams share)', () => {
  const writer: AuthInfo = { principal: 'w', scopes: ['files:write'] };
  const reader: AuthInfo = { principal: 'r', scopes: [] };

  it('tells of a scoped registration only callers whose lists show it', () => {
    const { server } = createTestServer();
    const changed = { type: 'tools/list_changed', changed: { scopes: ['files:write'] } } as const;
    expect(server.concerns(changed, writer)).toBe(true);
    expect(server.concerns(changed, reader)).toBe(false);
    expect(server.concerns(changed, undefined)).toBe(false);
  });

  it('tells everyone of a change that names no registration, of a resource update, and of everything under show', () => {
    const { server } = createTestServer();
    expect(server.concerns({ type: 'tools/list_changed' }, undefined)).toBe(true);
    expect(server.concerns({ type: 'resources/updated', uri: 'test://a' }, undefined)).toBe(true);
    const { server: showing } = createTestServer({ authorization: { unauthorizedInLists: 'show' } });
    expect(showing.concerns({ type: 'prompts/list_changed', changed: { scopes: ['admin'] } }, reader)).toBe(true);
  });

  it('applies the default scopes to a registration without its own', () => {
    const { server } = createTestServer({ authorization: { defaultScopes: ['files:write'] } });
    expect(server.concerns({ type: 'resources/list_changed', changed: {} }, writer)).toBe(true);
    expect(server.concerns({ type: 'resources/list_changed', changed: {} }, reader)).toBe(false);
  });
});
