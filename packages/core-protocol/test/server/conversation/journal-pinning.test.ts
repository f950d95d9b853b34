// Conversation core v2: every answer is bound to its question, derived keys never depend on
// timing, `once` is once, and what a client sends cannot grow the sealed state. Requirements:
// #58-#61 (requestState), #64, #69-#72 (answers), #229 (re-ask); mrtr.md §5.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSdkError } from '../../../src/index.js';
import type { McpServer, ServerDiagnostic } from '../../../src/index.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { accept, createTestServer, errorOf, KEY_A, sleep } from '../helpers/server-fixtures.js';

const ELICITING = { capabilities: { elicitation: {}, sampling: {} } } as const;

function keysOf(result: Record<string, unknown>): string[] {
  return Object.keys((result['inputRequests'] ?? {}));
}

function messageOf(result: Record<string, unknown>, key: string): string {
  const request = (result['inputRequests'] as Record<string, { params: { message: string } }>)[key];
  return request?.params.message ?? '';
}

function textOf(result: Record<string, unknown>): string {
  return ((result['content'] as { text: string }[] | undefined) ?? []).map((block) => block.text).join('');
}

/** A tool that deletes `world.files` files after asking, with an explicit key or a derived one. */
function deleteTool(server: McpServer, world: { files: number }, key: string | undefined): string[] {
  const deleted: string[] = [];
  server.registerTool('clean', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const count = world.files;
    const answer = await ctx.elicit(`Delete ${count} files?`, z.object({ yes: z.boolean() }), key === undefined ? {} : { key });
    if (answer.action !== 'accept' || !answer.content.yes) return 'kept';
    deleted.push(`${count}`);
    return `deleted ${count}`;
  });
  return deleted;
}

describe('answers pinned to their questions', () => {
  for (const key of ['confirm', undefined]) {
    it(`does not apply a "yes" to a question that changed between rounds (${key === undefined ? 'derived' : 'explicit'} key)`, async () => {
      const diagnostics: ServerDiagnostic[] = [];
      const { server } = createTestServer({ requestState: { keys: [KEY_A] }, onDiagnostic: (event) => diagnostics.push(event) });
      const world = { files: 3 };
      const deleted = deleteTool(server, world, key);
      const driver = new ServerDriver(server, ELICITING);

      const round1 = await driver.request('tools/call', { name: 'clean', arguments: {} });
      const [firstKey = ''] = keysOf(round1);
      expect(messageOf(round1, firstKey)).toBe('Delete 3 files?');
      world.files = 3000; // the world changes while the user thinks
      const round2 = await driver.request('tools/call', {
        name: 'clean',
        arguments: {},
        inputResponses: { [firstKey]: accept({ yes: true }) },
        requestState: round1['requestState'],
      });
      // The recorded yes was for 3 files: the new question goes out, under a key never answered.
      expect(round2['resultType']).toBe('input_required');
      const [secondKey = ''] = keysOf(round2);
      expect(secondKey).not.toBe(firstKey);
      expect(messageOf(round2, secondKey)).toBe('Delete 3000 files?');
      expect(deleted).toEqual([]);
      // Explicit key: the new question goes out under a divergence key. Derived key: the changed
      // question has another key by itself. Either way the diagnostics hook hears of it.
      expect(diagnostics).toEqual([
        expect.objectContaining({
          type: 'answer-diverged',
          method: 'tools/call',
          target: 'clean',
          key: firstKey,
          inputMethod: 'elicitation/create',
          ...(key === undefined ? {} : { wireKey: secondKey }),
        }),
      ]);

      // An answer replayed under the old key is still not applied to the new question.
      const stale = await driver.request('tools/call', {
        name: 'clean',
        arguments: {},
        inputResponses: { [firstKey]: accept({ yes: true }) },
        requestState: round2['requestState'],
      });
      expect(stale['resultType']).toBe('input_required');
      expect(deleted).toEqual([]);

      const round3 = await driver.request('tools/call', {
        name: 'clean',
        arguments: {},
        inputResponses: { [secondKey]: accept({ yes: true }) },
        requestState: round2['requestState'],
      });
      expect(textOf(round3)).toBe('deleted 3000');
      expect(deleted).toEqual(['3000']);
    });
  }

  it('derives keys from the question, so under Promise.all a yes never approves its sibling', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    let attempt = 0;
    server.registerTool('deploy', { inputSchema: z.object({}) }, async (_args, ctx) => {
      attempt += 1;
      // The order in which the two asks are made differs from attempt to attempt (microtasks).
      const late = async (turns: number): Promise<void> => {
        for (let turn = 0; turn < (attempt % 2 === 0 ? turns : 20 - turns); turn += 1) await Promise.resolve();
      };
      const [staging, production] = await Promise.all([
        late(2).then(() => ctx.elicit('Deploy to staging?', z.object({ yes: z.boolean() }))),
        late(18).then(() => ctx.elicit('Deploy to production?', z.object({ yes: z.boolean() }))),
      ]);
      const yes = (outcome: typeof staging) => outcome.action === 'accept' && outcome.content.yes;
      return `staging=${yes(staging)} production=${yes(production)}`;
    });
    const driver = new ServerDriver(server, ELICITING);
    const round1 = await driver.request('tools/call', { name: 'deploy', arguments: {} });
    const keys = keysOf(round1);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    const answers: Record<string, unknown> = {};
    for (const key of keys) answers[key] = accept({ yes: messageOf(round1, key).includes('staging') });
    const done = await driver.request('tools/call', {
      name: 'deploy',
      arguments: {},
      inputResponses: answers,
      requestState: round1['requestState'],
    });
    expect(textOf(done)).toBe('staging=true production=false');
  });

  it('gives identical questions in one attempt distinct keys', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('twice', { inputSchema: z.object({}) }, async (_args, ctx) => {
      const answers = await Promise.all([
        ctx.elicit('Name?', z.object({ name: z.string() })),
        ctx.elicit('Name?', z.object({ name: z.string() })),
      ]);
      return answers.map((answer) => (answer.action === 'accept' ? answer.content.name : '-')).join(',');
    });
    const driver = new ServerDriver(server, ELICITING);
    const result = await driver.converse('tools/call', { name: 'twice', arguments: {} }, (requests) =>
      Object.fromEntries(Object.keys(requests).map((key) => [key, accept({ name: 'Ada' })])),
    );
    expect(result.rounds).toHaveLength(1);
    expect(keysOf(result.rounds[0] ?? {})).toHaveLength(2);
    expect(textOf(result.result)).toBe('Ada,Ada');
  });
});

describe('ctx.once that is once', () => {
  it('refuses a key repeated within one attempt with a usage error', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ requestState: { keys: [KEY_A] }, onError: (error) => errors.push(error) });
    server.registerTool('loop', { inputSchema: z.object({}) }, async (_args, ctx) => {
      for (let index = 0; index < 2; index += 1) await ctx.once('charge', () => index);
      return 'done';
    });
    const result = await new ServerDriver(server).request('tools/call', { name: 'loop', arguments: {} });
    expect(result['isError']).toBe(true);
    expect(errors).toHaveLength(1);
    expect(isSdkError(errors[0]) && errors[0].code).toBe('INVALID_USAGE');
    expect(String((errors[0] as Error).message)).toMatch(/ctx\.once\("charge"\) ran twice/);
  });

  it('waits at the end of a round for a once step still running, records it, and never runs it again', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    const effects: string[] = [];
    server.registerTool('book', { inputSchema: z.object({}) }, async (_args, ctx) => {
      const [hold, answer] = await Promise.all([
        ctx.once('hold', async () => {
          await sleep(40);
          effects.push('hold placed');
          return 'H-1';
        }),
        ctx.elicit('Confirm?', z.object({ ok: z.boolean() }), { key: 'confirm' }),
      ]);
      return `${hold} ${answer.action}`;
    });
    const driver = new ServerDriver(server, ELICITING);
    const result = await driver.converse('tools/call', { name: 'book', arguments: {} }, () => ({ confirm: accept({ ok: true }) }));
    expect(result.rounds).toHaveLength(1);
    expect(textOf(result.result)).toBe('H-1 accept');
    expect(effects).toEqual(['hold placed']);
  });

  it('fails the call when a once step outlasts onceSettleMs, rather than running it twice', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({
      requestState: { keys: [KEY_A] },
      limits: { onceSettleMs: 30 },
      onError: (error) => errors.push(error),
    });
    server.registerTool('stuck', { inputSchema: z.object({}) }, async (_args, ctx) => {
      await Promise.all([ctx.once('slow', () => sleep(500)), ctx.elicit('?', z.object({ ok: z.boolean() }))]);
      return 'never';
    });
    const { response } = await new ServerDriver(server, ELICITING).exchange('tools/call', { name: 'stuck', arguments: {} });
    expect(errorOf(response).code).toBe(-32603);
    expect(String((errors[0] as Error).message)).toMatch(/still running 30 ms/);
  });

  it('refuses a once value that is not JSON (a Date would silently become a string)', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ requestState: { keys: [KEY_A] }, onError: (error) => errors.push(error) });
    server.registerTool('when', { inputSchema: z.object({}) }, async (_args, ctx) => {
      // @ts-expect-error once values are typed as JSON values: a Date is not one
      await ctx.once('now', () => new Date(0));
      return 'done';
    });
    const result = await new ServerDriver(server).request('tools/call', { name: 'when', arguments: {} });
    expect(result['isError']).toBe(true);
    expect(String((errors[0] as Error).message)).toMatch(/JSON value.*Date at \$/);
  });
});

describe('what the client sends cannot grow the state', () => {
  it('keeps only the requested fields of an accepted form', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    server.registerTool('two', { inputSchema: z.object({}) }, async (_args, ctx) => {
      await ctx.elicit('First?', z.object({ ok: z.boolean() }), { key: 'first' });
      await ctx.elicit('Second?', z.object({ ok: z.boolean() }), { key: 'second' });
      return 'done';
    });
    const driver = new ServerDriver(server, ELICITING);
    const round1 = await driver.request('tools/call', { name: 'two', arguments: {} });
    const padded = { action: 'accept', content: { ok: true, junk: 'x'.repeat(20_000) } };
    const round2 = await driver.request('tools/call', {
      name: 'two',
      arguments: {},
      inputResponses: { first: padded },
      requestState: round1['requestState'],
    });
    expect(keysOf(round2)).toEqual(['second']);
    expect(String(round2['requestState']).length).toBeLessThan(2_000);
  });

  it('refuses the answer that makes a growing journal too large, counting the answers of earlier rounds', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] }, limits: { maxJournalBytes: 2000 } });
    server.registerTool('ask3', { inputSchema: z.object({}) }, async (_args, ctx) => {
      for (const key of ['one', 'two', 'three']) {
        await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: key } }], maxTokens: 10 }, { key });
      }
      return 'done';
    });
    const driver = new ServerDriver(server, ELICITING);
    const reply = { role: 'assistant', content: { type: 'text', text: 'y'.repeat(600) }, model: 'm' };
    let state = (await driver.request('tools/call', { name: 'ask3', arguments: {} }))['requestState'];
    for (const key of ['one', 'two']) {
      const round = await driver.request('tools/call', { name: 'ask3', arguments: {}, inputResponses: { [key]: reply }, requestState: state });
      expect(round['resultType']).toBe('input_required');
      state = round['requestState'];
    }
    const { response } = await driver.exchange('tools/call', {
      name: 'ask3',
      arguments: {},
      inputResponses: { three: reply },
      requestState: state,
    });
    expect(errorOf(response)).toMatchObject({ code: -32602, data: { reason: 'too-large' } });
  });

  it('refuses at once, with -32602 and reason too-large, answers that would not fit', async () => {
    const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
    let replays = 0;
    server.registerTool('summarise', { inputSchema: z.object({}) }, async (_args, ctx) => {
      replays += 1;
      const sampled = await ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text: 'Summarise' } }], maxTokens: 10 }, { key: 'summary' });
      return sampled.model;
    });
    const driver = new ServerDriver(server, ELICITING);
    const round1 = await driver.request('tools/call', { name: 'summarise', arguments: {} });
    const huge = { role: 'assistant', content: { type: 'text', text: 'y'.repeat(60_000) }, model: 'm' };
    const { response } = await driver.exchange('tools/call', {
      name: 'summarise',
      arguments: {},
      inputResponses: { summary: huge },
      requestState: round1['requestState'],
    });
    expect(errorOf(response)).toMatchObject({ code: -32602, data: { reason: 'too-large' } });
    expect(errorOf(response).message).toMatch(/do not fit.*limit is/);
    expect(replays).toBe(1);
  });
});
