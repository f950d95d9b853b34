// subscriptions/listen under authorization, over the wire: two users' Tern clients log in at the
// real oidc-provider, one with `mcp`, one stepped up to `mcp files:write`, and listen for tool list
// changes on a protected node:http server. A tool that needs files:write appearing is told only to
// the listener whose token has it; a tool everyone may use is told to both
// (docs/protecting-a-server.md, "subscriptions/listen follows the same scopes").
import type { McpClient } from '@tern/core-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer } from './authorization-server.js';
import type { AuthorizationServer } from './authorization-server.js';
import { Browser } from './browser.js';
import { startProtected } from './protected-server.js';
import type { Protected } from './protected-server.js';
import { ternClient } from './tern-client-leg.js';

let as: AuthorizationServer;
let target: Protected;
beforeAll(async () => {
  as = await startAuthorizationServer();
  target = await startProtected('node', as);
});
afterAll(async () => {
  await target.close();
  await as.close();
});

/** Logs `user` in (calling `tool`, which may step up) and returns the client. */
async function loggedIn(user: string, tool: string): Promise<McpClient> {
  as.user = user;
  const { client } = ternClient(target.url, new Browser());
  await client.callTool(tool, {});
  return client;
}

/** The tools/list_changed a stream hears before the resources/list_changed that ends the test. */
async function toolChangesBeforeBarrier(stream: ReturnType<McpClient['listen']>): Promise<number> {
  let count = 0;
  for await (const event of stream) {
    if (event.type !== 'notification') continue;
    if (event.notification.method === 'notifications/resources/list_changed') return count;
    if (event.notification.method === 'notifications/tools/list_changed') count += 1;
  }
  throw new Error('the stream ended before the barrier');
}

describe('subscriptions/listen on a protected server', () => {
  it('tells of a registration only the listeners whose token has its scopes', async () => {
    // A public resource, so the server honours resourcesListChanged (the barrier below).
    target.server.registerResource({ uri: 'file:///readme', name: 'readme', scopes: [] }, () => ({ contents: [] }));
    const reader = await loggedIn('erin', 'whoami');
    const writer = await loggedIn('frank', 'write-file');
    const streams = [reader, writer].map((client) => client.listen({ toolsListChanged: true, resourcesListChanged: true }));
    await expect(Promise.all(streams.map((stream) => stream.acknowledged))).resolves.toEqual([
      { toolsListChanged: true, resourcesListChanged: true },
      { toolsListChanged: true, resourcesListChanged: true },
    ]);
    const heard = Promise.all(streams.map((stream) => toolChangesBeforeBarrier(stream)));
    target.server.registerTool('delete-file', { scopes: ['mcp', 'files:write'] }, () => 'deleted');
    target.server.registerTool('status', { scopes: ['mcp'] }, () => 'up');
    // Each stream gets its notifications in order: the barrier comes after both tools.
    target.server.notifyResourcesListChanged();
    await expect(heard).resolves.toEqual([1, 2]);
    for (const stream of streams) stream.close();
  });
});
