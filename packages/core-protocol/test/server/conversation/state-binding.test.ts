// Conversation core v2: a sealed state belongs to one server, one purpose and one conversation
// lifetime; failures carry a machine-readable reason and nothing else; journals can live in a
// store behind a single-use handle. Requirements: #58-#60, mrtr.md §5.2 (requestState security).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpServer, MemoryConversationStore } from '../../../src/index.js';
import type { McpServerOptions } from '../../../src/index.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { accept, createTestServer, errorOf, KEY_A, sleep } from '../helpers/server-fixtures.js';

const ELICITING = { capabilities: { elicitation: {} } } as const;
const GENERIC = 'Invalid or expired requestState';

function confirmTool(server: McpServer): void {
  server.registerTool('confirm', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const first = await ctx.elicit('First?', z.object({ ok: z.boolean() }), { key: 'first' });
    const second = await ctx.elicit('Second?', z.object({ ok: z.boolean() }), { key: 'second' });
    return `${first.action} ${second.action}`;
  });
  server.registerTool('other', { inputSchema: z.object({}) }, () => 'other');
}

async function firstRound(options: McpServerOptions): Promise<{ server: McpServer; state: string }> {
  const { server } = createTestServer(options);
  confirmTool(server);
  const round = await new ServerDriver(server, ELICITING).request('tools/call', { name: 'confirm', arguments: {} });
  return { server, state: String(round['requestState']) };
}

async function retry(server: McpServer, state: string, answers: Record<string, unknown> = { first: accept({ ok: true }) }) {
  return new ServerDriver(server, ELICITING).exchange('tools/call', {
    name: 'confirm',
    arguments: {},
    inputResponses: answers,
    requestState: state,
  });
}

describe('state bound to where it belongs', () => {
  it('does not open on another deployment that shares the key ring (audience)', async () => {
    const { state } = await firstRound({ requestState: { keys: [KEY_A] }, deploymentId: 'eu-1' });
    const { server: sameDeployment } = createTestServer({ requestState: { keys: [KEY_A] }, deploymentId: 'eu-1' });
    confirmTool(sameDeployment);
    const { server: otherDeployment } = createTestServer({ requestState: { keys: [KEY_A] }, deploymentId: 'us-1' });
    confirmTool(otherDeployment);
    const { server: noDeployment } = createTestServer({ requestState: { keys: [KEY_A] } });
    confirmTool(noDeployment);

    expect((await retry(sameDeployment, state)).response).toMatchObject({ result: { resultType: 'input_required' } });
    for (const server of [otherDeployment, noDeployment]) {
      expect(errorOf((await retry(server, state)).response)).toEqual({ code: -32602, message: GENERIC, data: { reason: 'invalid' } });
    }
  });

  it('does not open on a server of another name with the same keys', async () => {
    const { state } = await firstRound({ requestState: { keys: [KEY_A] } });
    const other = new McpServer(
      { name: 'another-server', version: '1.0.0' },
      { requestState: { keys: [KEY_A] }, logger: { warn: () => undefined } },
    );
    confirmTool(other);
    expect(errorOf((await retry(other, state)).response).data).toEqual({ reason: 'invalid' });
  });

  it('never takes a pagination cursor for a requestState (a derived key per purpose)', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] }, limits: { pageSize: 1 } });
    confirmTool(server);
    const page = await new ServerDriver(server).request('tools/list', {});
    const cursor = String(page['nextCursor']);
    expect(cursor).toMatch(/^ts2\./);
    expect(errorOf((await retry(server, cursor)).response)).toEqual({ code: -32602, message: GENERIC, data: { reason: 'invalid' } });
  });

  it('answers reason expired for a round past its ttl, and for a conversation past its lifetime', async () => {
    const round = await firstRound({ requestState: { keys: [KEY_A], ttlMs: 20 } });
    await sleep(40);
    expect(errorOf((await retry(round.server, round.state)).response)).toEqual({ code: -32602, message: GENERIC, data: { reason: 'expired' } });

    const long = await firstRound({ requestState: { keys: [KEY_A], conversationTtlMs: 30 } });
    const second = await retry(long.server, long.state);
    const secondState = String((second.response as { result: Record<string, unknown> }).result['requestState']);
    await sleep(50);
    const late = await retry(long.server, secondState, { second: accept({ ok: true }) });
    expect(errorOf(late.response).data).toEqual({ reason: 'expired' });
  });

  it('answers reason invalid for a tampered token, with the one generic message', async () => {
    const { server, state } = await firstRound({ requestState: { keys: [KEY_A] } });
    const flipped = state.at(-3) === 'A' ? 'B' : 'A';
    const tampered = `${state.slice(0, -3)}${flipped}${state.slice(-2)}`;
    expect(tampered).not.toBe(state);
    expect(errorOf((await retry(server, tampered)).response)).toEqual({ code: -32602, message: GENERIC, data: { reason: 'invalid' } });
  });
});

describe('a conversation store (server-side journals)', () => {
  it('keeps the journal on the server: the token is a short handle, whatever the journal holds', async () => {
    const store = new MemoryConversationStore();
    const { server, state } = await firstRound({ requestState: { keys: [KEY_A], store } });
    expect(state.length).toBeLessThan(200);
    expect(store.size).toBe(1);
    const second = await retry(server, state);
    expect(second.response).toMatchObject({ result: { resultType: 'input_required', inputRequests: { second: {} } } });
  });

  it('is single-use: the same state redeemed twice answers reason consumed the second time', async () => {
    const store = new MemoryConversationStore();
    const { server, state } = await firstRound({ requestState: { keys: [KEY_A], store } });
    expect((await retry(server, state)).response).toMatchObject({ result: { resultType: 'input_required' } });
    expect(errorOf((await retry(server, state)).response)).toEqual({ code: -32602, message: GENERIC, data: { reason: 'consumed' } });
  });

  it('revokes every conversation of a principal', async () => {
    const store = new MemoryConversationStore();
    const { server } = createTestServer({ requestState: { keys: [KEY_A], store } });
    confirmTool(server);
    const driver = new ServerDriver(server, { ...ELICITING, auth: { principal: 'mallory' } });
    const round = await driver.request('tools/call', { name: 'confirm', arguments: {} });
    expect(store.revokePrincipal('mallory')).toBe(1);
    const { response } = await driver.exchange('tools/call', {
      name: 'confirm',
      arguments: {},
      inputResponses: { first: accept({ ok: true }) },
      requestState: round['requestState'],
    });
    expect(errorOf(response).data).toEqual({ reason: 'consumed' });
  });

  it('is bounded: past maxEntries the oldest journal is evicted', async () => {
    const store = new MemoryConversationStore({ maxEntries: 2 });
    const { server } = createTestServer({ requestState: { keys: [KEY_A], store } });
    confirmTool(server);
    const driver = new ServerDriver(server, ELICITING);
    const states: unknown[] = [];
    for (let index = 0; index < 3; index += 1) {
      states.push((await driver.request('tools/call', { name: 'confirm', arguments: {} }))['requestState']);
    }
    expect(store.size).toBe(2);
    expect(errorOf((await retry(server, String(states[0]))).response).data).toEqual({ reason: 'consumed' });
    expect((await retry(server, String(states[2]))).response).toMatchObject({ result: { resultType: 'input_required' } });
  });
});
