// server/discover. Requirements: #47 and #144 (servers must implement it), #145 (serverInfo in
// _meta), #179 (caching hints); stateless.md §4 (result shape, capabilities derived from what is
// registered).
import { LATEST_PROTOCOL_VERSION, MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, SERVER_INFO } from '../helpers/server-fixtures.js';

const read = (uri: string) => ({ contents: [{ uri, text: '' }] });

describe('discover', () => {
  it('answers an empty server with versions, logging only, default cache hints and serverInfo (requirements.md #47, #144, #145, #179)', async () => {
    const { server } = createTestServer();
    expect(await new ServerDriver(server).request('server/discover')).toEqual({
      resultType: 'complete',
      supportedVersions: [LATEST_PROTOCOL_VERSION],
      capabilities: { logging: {} },
      ttlMs: 0,
      cacheScope: 'private',
      _meta: { [MetaKey.ServerInfo]: SERVER_INFO },
    });
  });

  it('derives capabilities from what is registered, and adds instructions and the cache.discover hint', async () => {
    const { server } = createTestServer({
      instructions: 'Use search before answer.',
      cache: { discover: { ttlMs: 600_000, cacheScope: 'public' } },
    });
    const driver = new ServerDriver(server);
    server.registerTool('t', {}, () => 't');
    expect((await driver.request('server/discover'))['capabilities']).toEqual({
      tools: { listChanged: true },
      logging: {},
    });
    server.registerResource({ uri: 'mem://a', name: 'a' }, read);
    server.registerPrompt('p', {}, () => ({ messages: [] }));
    expect(await driver.request('server/discover')).toEqual({
      resultType: 'complete',
      supportedVersions: [LATEST_PROTOCOL_VERSION],
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
      },
      instructions: 'Use search before answer.',
      ttlMs: 600_000,
      cacheScope: 'public',
      _meta: { [MetaKey.ServerInfo]: SERVER_INFO },
    });
  });

  it('advertises resources for a template alone, and merges the capabilities option on top', async () => {
    const { server } = createTestServer({
      capabilities: {
        extensions: { 'io.modelcontextprotocol/tasks': {} },
        experimental: { 'com.example/x': {} },
      },
    });
    server.registerResourceTemplate({ uriTemplate: 'mem://{x}', name: 't' }, read);
    expect((await new ServerDriver(server).request('server/discover'))['capabilities']).toEqual({
      resources: { subscribe: true, listChanged: true },
      logging: {},
      extensions: { 'io.modelcontextprotocol/tasks': {} },
      experimental: { 'com.example/x': {} },
    });
  });
});
