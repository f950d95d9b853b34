// The journals an instance keeps of the rounds it sealed last (`requestState.recent`): a round
// that comes back skips opening its token, and nothing else changes (docs/mrtr.md, "What a round
// costs").
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { MemoryConversationStore, RequestStateSealer } from '../../src/index.js';
import type { McpServer, McpServerOptions } from '../../src/index.js';
import type { InputResponses } from '@tern/schema';
import { ServerDriver } from '../../src/testing/index.js';
import { accept, createTestServer, errorOf, KEY_A, sleep } from './helpers/server-fixtures.js';

const CAPABILITIES = { elicitation: {}, sampling: {}, roots: {} };
const ROOT = { uri: 'file:///home/ada/trips', name: 'trips' };
const REPLY = { role: 'assistant' as const, content: { type: 'text' as const, text: 'Museums.' }, model: 'm' };

/**
 * A tool of three rounds whose handler changes every answer it gets: it adds a root, renames the
 * model and adds a choice. Each round must still see exactly what the client answered.
 */
function mutatingServer(options: McpServerOptions = {}): McpServer {
  const { server } = createTestServer({ requestState: { keys: [KEY_A], ...options.requestState }, ...options });
  server.registerTool('pack', { inputSchema: z.object({ city: z.string() }) }, async ({ city }, ctx) => {
    const roots = await ctx.listRoots({ key: 'roots' });
    roots.push({ uri: 'file:///tmp/added-by-handler' });
    const reply = await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: city } }], maxTokens: 10 }, { key: 'idea' });
    reply.model = 'changed-by-handler';
    const form = await ctx.elicit(
      'What to pack?',
      { type: 'object', properties: { items: { type: 'array', items: { enum: ['hat', 'map'] } } } },
      { key: 'items' },
    );
    const items = form.action === 'accept' ? (form.content['items'] as string[]) : [];
    items.push('added-by-handler');
    return { structuredContent: { roots: roots.length, model: reply.model, items: items.length } };
  });
  return server;
}

const ANSWERS: InputResponses = {
  roots: { roots: [ROOT] },
  idea: REPLY,
  items: accept({ items: ['hat'] }),
};

async function pack(server: McpServer) {
  return new ServerDriver(server, { capabilities: CAPABILITIES }).converse('tools/call', { name: 'pack', arguments: { city: 'Oslo' } }, (requests) =>
    Object.fromEntries(Object.keys(requests).map((key) => [key, ANSWERS[key]])) as InputResponses,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('requestState.recent', () => {
  it('continues a conversation without opening its tokens, with the outcome of opening them', async () => {
    const open = vi.spyOn(RequestStateSealer.prototype, 'open');
    const kept = await pack(mutatingServer());
    expect(open).not.toHaveBeenCalled();
    const opened = await pack(mutatingServer({ requestState: { recent: false } }));
    expect(open).toHaveBeenCalledTimes(3);
    expect(kept.result).toEqual(opened.result);
  });

  it.each([
    ['kept journals', {}],
    ['opened tokens', { recent: false as const }],
  ])('hands the handler copies of its answers, so what it changes stays out of the journal (%s)', async (_how, settings) => {
    const { result, rounds } = await pack(mutatingServer({ requestState: settings }));
    expect(rounds).toHaveLength(3);
    // One root answered plus one added on this attempt, not one more per round replayed.
    expect(result['structuredContent']).toEqual({ roots: 2, model: 'changed-by-handler', items: 2 });
  });

  it('opens a token used a second time the full way, with the same outcome', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('confirm', { inputSchema: z.object({ n: z.number() }) }, async ({ n }, ctx) => {
      const answer = await ctx.elicit(`Confirm ${n}?`, z.object({ ok: z.boolean() }), { key: 'ok' });
      return `${n} ${answer.action}`;
    });
    const driver = new ServerDriver(server, { capabilities: CAPABILITIES });
    const first = await driver.request('tools/call', { name: 'confirm', arguments: { n: 1 } });
    const open = vi.spyOn(RequestStateSealer.prototype, 'open');
    const retry = { name: 'confirm', arguments: { n: 1 }, inputResponses: { ok: accept({ ok: true }) }, requestState: first['requestState'] };
    const kept = await driver.request('tools/call', retry);
    expect(open).not.toHaveBeenCalled();
    const opened = await driver.request('tools/call', retry);
    expect(open).toHaveBeenCalledTimes(1);
    expect(kept).toEqual(opened);
    expect(kept['content']).toEqual([{ type: 'text', text: '1 accept' }]);
  });

  it('still binds a kept token to its request and caller (requirements.md #60)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('confirm', { inputSchema: z.object({ n: z.number() }) }, async ({ n }, ctx) => {
      const answer = await ctx.elicit(`Confirm ${n}?`, z.object({ ok: z.boolean() }), { key: 'ok' });
      return `${n} ${answer.action}`;
    });
    const ada = { principal: 'ada', scopes: [] };
    const driver = new ServerDriver(server, { capabilities: CAPABILITIES, auth: ada });
    const first = await driver.request('tools/call', { name: 'confirm', arguments: { n: 1 } });
    const retry = { name: 'confirm', inputResponses: { ok: accept({ ok: true }) }, requestState: first['requestState'] };
    const refused = { code: -32602, message: 'Invalid or expired requestState', data: { reason: 'invalid' } };

    const otherArgs = await driver.exchange('tools/call', { ...retry, arguments: { n: 2 } });
    expect(errorOf(otherArgs.response)).toEqual(refused);
    const otherCaller = await driver.exchange('tools/call', { ...retry, arguments: { n: 1 } }, { auth: { principal: 'bob', scopes: [] } });
    expect(errorOf(otherCaller.response)).toEqual(refused);
    // The rightful retry still continues (the token itself was fine).
    const rightful = await driver.request('tools/call', { ...retry, arguments: { n: 1 } });
    expect(rightful['content']).toEqual([{ type: 'text', text: '1 accept' }]);
  });

  it('refuses a kept token changed before its tail, and the real token still continues (requirements.md #58)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('confirm', { inputSchema: z.object({}) }, async (_args, ctx) => {
      const answer = await ctx.elicit('Sure?', z.object({ ok: z.boolean() }), { key: 'ok' });
      return answer.action;
    });
    const open = vi.spyOn(RequestStateSealer.prototype, 'open');
    const driver = new ServerDriver(server, { capabilities: CAPABILITIES });
    const first = await driver.request('tools/call', { name: 'confirm', arguments: {} });
    const token = String(first['requestState']);
    const middle = Math.floor(token.length / 2);
    const forged = `${token.slice(0, middle)}${token[middle] === 'A' ? 'B' : 'A'}${token.slice(middle + 1)}`;
    const retry = { name: 'confirm', arguments: {}, inputResponses: { ok: accept({ ok: true }) } };

    const refused = await driver.exchange('tools/call', { ...retry, requestState: forged });
    expect(errorOf(refused.response)).toEqual({ code: -32602, message: 'Invalid or expired requestState', data: { reason: 'invalid' } });
    const rightful = await driver.request('tools/call', { ...retry, requestState: token });
    expect(rightful['content']).toEqual([{ type: 'text', text: 'accept' }]);
    // Both went through the sealer: the forged token dropped the kept journal it landed on.
    expect(open).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['the round', { ttlMs: 30 }],
    ['the conversation', { conversationTtlMs: 30 }],
  ])('refuses a kept token once %s has expired', async (_what, ttl) => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A], ...ttl } });
    server.registerTool('confirm', { inputSchema: z.object({}) }, async (_args, ctx) => {
      const answer = await ctx.elicit('Sure?', z.object({ ok: z.boolean() }), { key: 'ok' });
      return answer.action;
    });
    const driver = new ServerDriver(server, { capabilities: CAPABILITIES });
    const first = await driver.request('tools/call', { name: 'confirm', arguments: {} });
    await sleep(60);
    const late = await driver.exchange('tools/call', {
      name: 'confirm',
      arguments: {},
      inputResponses: { ok: accept({ ok: true }) },
      requestState: first['requestState'],
    });
    expect(errorOf(late.response)).toEqual({ code: -32602, message: 'Invalid or expired requestState', data: { reason: 'expired' } });
  });

  it('keeps nothing with a conversation store: the store alone decides, and a journal opens once', async () => {
    const open = vi.spyOn(RequestStateSealer.prototype, 'open');
    const server = mutatingServer({ requestState: { store: new MemoryConversationStore() } });
    const { result } = await pack(server);
    expect(open).toHaveBeenCalledTimes(3);
    expect(result['structuredContent']).toEqual({ roots: 2, model: 'changed-by-handler', items: 2 });
  });

  it('refuses bad bounds when the server is built', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A], recent: { maxEntries: 0 } } });
    await expect(server.ready()).rejects.toThrow(/requestState\.recent\.maxEntries must be a positive integer, got 0/);
  });
});
