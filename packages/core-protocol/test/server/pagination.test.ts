// Paginator and the paginated lists. Requirements: #188 (same cacheScope on every page), #204
// (stable cursors, invalid cursors handled), #206 (opaque cursors; an empty string is not the
// end), #207 (invalid cursor is -32602).
import { describe, expect, it } from 'vitest';
import { Paginator } from '../../src/server/pagination.js';
import { RequestStateSealer } from '../../src/index.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer, errorOf, KEY_A, SERVER_INFO } from './helpers/server-fixtures.js';
import { SdkError } from '@tern/core-protocol';

async function collect(
  driver: ServerDriver,
  method: string,
  key: string,
): Promise<{ names: string[][]; pages: Record<string, unknown>[] }> {
  const names: string[][] = [];
  const pages: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await driver.request(method, cursor === undefined ? {} : { cursor });
    pages.push(page);
    names.push((page[key] as { name: string }[]).map((item) => item.name));
    cursor = page['nextCursor'] as string | undefined;
  } while (cursor !== undefined);
  return { names, pages };
}

describe('Paginator', () => {
  it('refuses a page size that is not a positive integer', async () => {
    const sealer = await RequestStateSealer.create({ keys: [KEY_A] });
    for (const size of [0, -1, 1.5, Number.NaN])
      expect(() => new Paginator(sealer, size)).toThrow(SdkError);
  });

  it('cuts a list into pages chained by nextCursor, and ends without one', async () => {
    const sealer = await RequestStateSealer.create({ keys: [KEY_A] });
    const paginator = new Paginator(sealer, 2);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const first = await paginator.page('tools/list', items, undefined);
    expect(first.items).toEqual(['a', 'b']);
    expect(typeof first.nextCursor).toBe('string');
    const second = await paginator.page('tools/list', items, first.nextCursor);
    expect(second.items).toEqual(['c', 'd']);
    const third = await paginator.page('tools/list', items, second.nextCursor);
    expect(third).toEqual({ items: ['e'], nextCursor: undefined });
    expect(await paginator.page('tools/list', ['x', 'y'], undefined)).toEqual({
      items: ['x', 'y'],
      nextCursor: undefined,
    });
    expect(await paginator.page('tools/list', [], undefined)).toEqual({
      items: [],
      nextCursor: undefined,
    });
  });
  describe('through McpServer', () => {
    it('pages tools/list with the pageSize limit and keeps the cacheScope on every page (requirements.md #188, #204)', async () => {
      const { server } = createTestServer({
        limits: { pageSize: 2 },
        cache: { tools: { ttlMs: 5, cacheScope: 'public' } },
      });
      for (const name of ['t1', 't2', 't3', 't4', 't5']) server.registerTool(name, {}, () => name);
      const { names, pages } = await collect(new ServerDriver(server), 'tools/list', 'tools');
      expect(names).toEqual([['t1', 't2'], ['t3', 't4'], ['t5']]);
      for (const page of pages) expect(page).toMatchObject({ ttlMs: 5, cacheScope: 'public' });
      expect(pages[2]).not.toHaveProperty('nextCursor');
    });

    it('pages prompts/list, resources/list and resources/templates/list too', async () => {
      const { server } = createTestServer({ limits: { pageSize: 1 } });
      server.registerPrompt('p1', {}, () => ({ messages: [] }));
      server.registerPrompt('p2', {}, () => ({ messages: [] }));
      server.registerResource({ uri: 'mem://r1', name: 'r1' }, (uri) => ({
        contents: [{ uri, text: '' }],
      }));
      server.registerResource({ uri: 'mem://r2', name: 'r2' }, (uri) => ({
        contents: [{ uri, text: '' }],
      }));
      server.registerResourceTemplate({ uriTemplate: 'mem://a/{x}', name: 'ta' }, (uri) => ({
        contents: [{ uri, text: '' }],
      }));
      server.registerResourceTemplate({ uriTemplate: 'mem://b/{x}', name: 'tb' }, (uri) => ({
        contents: [{ uri, text: '' }],
      }));
      const driver = new ServerDriver(server);
      expect((await collect(driver, 'prompts/list', 'prompts')).names).toEqual([['p1'], ['p2']]);
      expect((await collect(driver, 'resources/list', 'resources')).names).toEqual([
        ['r1'],
        ['r2'],
      ]);
      expect(
        (await collect(driver, 'resources/templates/list', 'resourceTemplates')).names,
      ).toEqual([['ta'], ['tb']]);
    });

    it('answers a tampered, forged or empty cursor with -32602 "Invalid cursor" (requirements.md #204, #206, #207)', async () => {
      const { server } = createTestServer({ limits: { pageSize: 1 } });
      server.registerTool('a', {}, () => 'a');
      server.registerTool('b', {}, () => 'b');
      const driver = new ServerDriver(server);
      const cursor = (await driver.request('tools/list'))['nextCursor'] as string;
      const last = cursor.at(-2) === 'A' ? 'B' : 'A';
      const tampered = `${cursor.slice(0, -2)}${last}${cursor.slice(-1)}`;
      for (const bad of [
        tampered,
        `${cursor}x`,
        cursor.slice(1),
        '',
        'offset=1',
        btoa('{"offset":1}'),
      ]) {
        expect(errorOf((await driver.exchange('tools/list', { cursor: bad })).response)).toEqual({
          code: -32602,
          message: 'Invalid cursor',
        });
      }
      expect(
        ((await driver.request('tools/list', { cursor }))['tools'] as { name: string }[])[0]?.name,
      ).toBe('b');
    });

    it('answers a cursor of another list, or of another server, with -32602 (requirements.md #207)', async () => {
      const { server } = createTestServer({ limits: { pageSize: 1 } });
      for (const name of ['a', 'b']) {
        server.registerTool(name, {}, () => name);
        server.registerPrompt(name, {}, () => ({ messages: [] }));
      }
      const driver = new ServerDriver(server);
      const toolsCursor = (await driver.request('tools/list'))['nextCursor'] as string;
      expect(
        errorOf((await driver.exchange('prompts/list', { cursor: toolsCursor })).response),
      ).toEqual({ code: -32602, message: 'Invalid cursor' });
      const other = createTestServer({ limits: { pageSize: 1 } }).server;
      other.registerTool('a', {}, () => 'a');
      expect(
        errorOf(
          (await new ServerDriver(other).exchange('tools/list', { cursor: toolsCursor })).response,
        ).code,
      ).toBe(-32602);
    });

    it('answers -32602, not -32603, for a cursor sealed with the right key whose payload is not an offset', async () => {
      const { server } = createTestServer({
        limits: { pageSize: 1 },
        requestState: { keys: [KEY_A] },
      });
      server.registerTool('a', {}, () => 'a');
      server.registerTool('b', {}, () => 'b');
      // What the server seals cursors with: its name as the audience, the cursor purpose.
      const sealer = await RequestStateSealer.create({ keys: [KEY_A], purpose: 'cursor', audience: SERVER_INFO.name });
      const driver = new ServerDriver(server);
      for (const payload of [null, 'x', {}, { offset: -1 }, { offset: 1.5 }, { offset: '1' }]) {
        const cursor = await sealer.seal(payload, {
          method: 'tools/list',
          target: '',
          argumentsDigest: '',
        });
        expect(
          errorOf((await driver.exchange('tools/list', { cursor })).response),
          JSON.stringify(payload),
        ).toEqual({ code: -32602, message: 'Invalid cursor' });
      }
      const forged = await sealer.seal(
        { offset: 1 },
        { method: 'tools/list', target: '', argumentsDigest: '' },
      );
      expect(
        ((await driver.request('tools/list', { cursor: forged }))['tools'] as { name: string }[])[0]
          ?.name,
      ).toBe('b');
      // The same offset sealed for request state, or for another server, is no cursor here.
      for (const other of [
        await RequestStateSealer.create({ keys: [KEY_A], audience: SERVER_INFO.name }),
        await RequestStateSealer.create({ keys: [KEY_A], purpose: 'cursor', audience: 'other-server' }),
      ]) {
        const cursor = await other.seal({ offset: 1 }, { method: 'tools/list', target: '', argumentsDigest: '' });
        expect(errorOf((await driver.exchange('tools/list', { cursor })).response)).toEqual({
          code: -32602,
          message: 'Invalid cursor',
        });
      }
    });

    it('accepts a cursor on another instance that shares the keys (stable cursors, requirements.md #204)', async () => {
      const one = createTestServer({
        limits: { pageSize: 1 },
        requestState: { keys: [KEY_A] },
      }).server;
      const two = createTestServer({
        limits: { pageSize: 1 },
        requestState: { keys: [KEY_A] },
      }).server;
      for (const server of [one, two])
        for (const name of ['a', 'b']) server.registerTool(name, {}, () => name);
      const cursor = (await new ServerDriver(one).request('tools/list'))['nextCursor'] as string;
      expect(
        (
          (await new ServerDriver(two).request('tools/list', { cursor }))['tools'] as {
            name: string;
          }[]
        ).map((tool) => tool.name),
      ).toEqual(['b']);
    });
  });
});
