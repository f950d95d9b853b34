// ROUTES: which methods exist, capability gating, and params checking. Requirements: #118, #171,
// #148, #163, #190, #191; stateless.md §3 (a method gated by an unadvertised capability is
// "not found"); security checklist C7.
import { describe, expect, it } from 'vitest';
import { ServerDriver } from '../../src/testing/index.js';
import { ROUTES } from '../../src/server/routes.js';
import { createTestServer, errorOf } from './helpers/server-fixtures.js';

describe('ROUTES', () => {
  it('routes exactly the client request methods of 2026-07-28', () => {
    expect(Object.keys(ROUTES).sort()).toEqual([
      'completion/complete',
      'prompts/get',
      'prompts/list',
      'resources/list',
      'resources/read',
      'resources/templates/list',
      'server/discover',
      'subscriptions/listen',
      'tools/call',
      'tools/list',
    ]);
  });

  it('answers an unknown method with -32601 (requirements.md #118; C7)', async () => {
    const driver = new ServerDriver(createTestServer().server);
    for (const method of [
      'foo/bar',
      'initialize',
      'ping',
      'logging/setLevel',
      'resources/subscribe',
      'tasks/list',
    ]) {
      expect(errorOf((await driver.exchange(method)).response)).toEqual({
        code: -32601,
        message: `Method not found: ${method}`,
      });
    }
  });

  it('answers methods gated by an absent server capability with -32601 (stateless.md §3; requirements.md #148, #163, #171, #190)', async () => {
    const driver = new ServerDriver(createTestServer().server);
    const gated: [string, Record<string, unknown>][] = [
      ['tools/list', {}],
      ['tools/call', { name: 'x' }],
      ['resources/list', {}],
      ['resources/templates/list', {}],
      ['resources/read', { uri: 'mem://x' }],
      ['prompts/list', {}],
      ['prompts/get', { name: 'x' }],
      [
        'completion/complete',
        { ref: { type: 'ref/prompt', name: 'x' }, argument: { name: 'a', value: '' } },
      ],
    ];
    for (const [method, params] of gated) {
      expect(errorOf((await driver.exchange(method, params)).response), method).toEqual({
        code: -32601,
        message: `Method not found: ${method}`,
      });
    }
    // server/discover and subscriptions/listen are never gated.
    expect((await driver.request('server/discover'))['resultType']).toBe('complete');
  });

  it('opens prompts/list only once a prompt exists, and completion/complete only once a completer exists', async () => {
    const { server } = createTestServer();
    const driver = new ServerDriver(server);
    server.registerTool('t', {}, () => 'ok');
    expect(errorOf((await driver.exchange('prompts/list')).response).code).toBe(-32601);
    server.registerPrompt('plain', {}, () => ({ messages: [] }));
    expect((await driver.request('prompts/list'))['prompts']).toEqual([{ name: 'plain' }]);
    const complete = {
      ref: { type: 'ref/prompt', name: 'plain' },
      argument: { name: 'a', value: '' },
    };
    expect(errorOf((await driver.exchange('completion/complete', complete)).response).code).toBe(
      -32601,
    );
    server.registerPrompt(
      'completed',
      { arguments: [{ name: 'a' }], complete: { a: () => ['x'] } },
      () => ({ messages: [] }),
    );
    expect(
      (
        (await driver.request('completion/complete', complete))['completion'] as {
          values: string[];
        }
      ).values,
    ).toEqual([]);
  });

  it('answers params that break the method schema with -32602 and a message naming the problem', async () => {
    const { server } = createTestServer();
    server.registerTool('t', {}, () => 'ok');
    server.registerResource({ uri: 'mem://a', name: 'a' }, (uri) => ({
      contents: [{ uri, text: '' }],
    }));
    const driver = new ServerDriver(server);
    const missingName = errorOf((await driver.exchange('tools/call', { arguments: {} })).response);
    expect(missingName.code).toBe(-32602);
    expect(missingName.message).toMatch(/^Invalid params for tools\/call: name: /);
    const arrayArguments = errorOf(
      (await driver.exchange('tools/call', { name: 't', arguments: [1, 2] })).response,
    );
    expect(arrayArguments.code).toBe(-32602);
    expect(arrayArguments.message).toMatch(/^Invalid params for tools\/call: arguments: /);
    const numericUri = errorOf((await driver.exchange('resources/read', { uri: 42 })).response);
    expect(numericUri.message).toMatch(/^Invalid params for resources\/read: uri: /);
    const badCursor = errorOf((await driver.exchange('tools/list', { cursor: 7 })).response);
    expect(badCursor.message).toMatch(/^Invalid params for tools\/list: cursor: /);
    const noFilter = errorOf((await driver.exchange('subscriptions/listen', {})).response);
    expect(noFilter.message).toMatch(/^Invalid params for subscriptions\/listen: notifications: /);
    const promptArgs = errorOf(
      (await createPromptDriver().exchange('prompts/get', { name: 'p', arguments: { n: 3 } }))
        .response,
    );
    expect(promptArgs.message).toMatch(/^Invalid params for prompts\/get: arguments\.n: /);
  });

  it('answers malformed inputResponses or requestState with -32602 (requirements.md #69, #70; D6)', async () => {
    const { server } = createTestServer();
    server.registerTool('t', {}, () => 'ok');
    const driver = new ServerDriver(server);
    for (const params of [
      { name: 't', inputResponses: 'yes' },
      { name: 't', inputResponses: { a: { action: 'maybe' } } },
      { name: 't', inputResponses: { a: 42 } },
      { name: 't', requestState: 17 },
    ]) {
      const error = errorOf((await driver.exchange('tools/call', params)).response);
      expect(error.code).toBe(-32602);
      expect(error.message).toMatch(
        /^Invalid params for tools\/call: (inputResponses|requestState)/,
      );
    }
  });
});

function createPromptDriver(): ServerDriver {
  const { server } = createTestServer();
  server.registerPrompt('p', { arguments: [{ name: 'n' }] }, () => ({ messages: [] }));
  return new ServerDriver(server);
}
