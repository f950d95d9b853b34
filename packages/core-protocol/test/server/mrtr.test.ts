// runWithInput: multi round-trip requests end to end, the sealed requestState, manual state and
// the legacy input channel. Requirements: #53, #55, #57-#64, #69-#72, #223; mrtr.md §5, §5.1,
// §5.2; checklist D1-D6. See docs/mrtr.md for the engine.
import { LATEST_PROTOCOL_VERSION } from '@tern/schema';
import type {
  ClientCapabilities,
  CreateMessageResult,
  InputRequest,
  InputRequiredResult,
  ListRootsResult,
} from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson, readRequestMeta, RequestStateSealer } from '../../src/index.js';
import type { AuthInfo, InputChannel, McpServer, RequestContext } from '../../src/index.js';
import { decodeBase64Url, encodeBase64Url } from '../../src/shared/base64.js';
import { fingerprintOf } from '../../src/shared/fingerprint.js';
import { ServerDriver } from '../../src/testing/index.js';
import {
  accept,
  createTestServer,
  errorOf,
  KEY_A,
  KEY_B,
  requestMeta,
  resultOf,
  SERVER_INFO,
  sleep,
} from './helpers/server-fixtures.js';

type RequestContextElicit = RequestContext['elicit'];

/** The one generic refusal of a requestState, with its machine-readable reason (requirements.md #59). */
function rejected(reason: 'invalid' | 'expired' | 'too-large') {
  return { code: -32602, message: 'Invalid or expired requestState', data: { reason } };
}
/** Tampered, sealed with another key or for another server, or bound to another request. */
const REJECTED = rejected('invalid');
const EXPIRED = rejected('expired');
const SAMPLED: CreateMessageResult = {
  role: 'assistant',
  content: { type: 'text', text: 'Museums, then the fjord.' },
  model: 'model-2026',
  stopReason: 'endTurn',
};
const ROOTS: ListRootsResult = { roots: [{ uri: 'file:///home/ada/trips', name: 'trips' }] };
const ALL_CAPABILITIES: ClientCapabilities = { elicitation: {}, sampling: {}, roots: {} };

/**
 * Registers a tool that asks for elicitation, then sampling, then roots, in three rounds, under the
 * explicit keys `dates`, `idea` and `folders` (derived keys are tested in asks.test.ts).
 */
function registerTripTool(server: McpServer, effects: string[] = []): void {
  server.registerTool(
    'plan_trip',
    { inputSchema: z.object({ city: z.string() }) },
    async ({ city }, ctx) => {
      const ticket = await ctx.once('ticket', () => {
        effects.push(`ticket for ${city}`);
        return `T-${effects.length}`;
      });
      const dates = await ctx.elicit(
        `How many nights in ${city}?`,
        z.object({ nights: z.number().int().min(1) }),
        { key: 'dates' },
      );
      if (dates.action !== 'accept') return `No trip to ${city} (${dates.action}, ${ticket}).`;
      const idea = await ctx.sample({
        messages: [
          {
            role: 'user',
            content: { type: 'text', text: `Plan ${dates.content.nights} nights in ${city}` },
          },
        ],
        maxTokens: 100,
      }, { key: 'idea' });
      const roots = await ctx.listRoots({ key: 'folders' });
      const block = Array.isArray(idea.content) ? idea.content[0] : idea.content;
      return {
        structuredContent: {
          city,
          ticket,
          nights: dates.content.nights,
          plan: block?.type === 'text' ? block.text : '',
          saveTo: roots[0]?.uri,
        },
      };
    },
  );
}

/** A server with two one-question tools, for binding tests. */
function sealingServer(options: Parameters<typeof createTestServer>[0] = {}) {
  const created = createTestServer(options);
  let runs = 0;
  for (const name of ['alpha', 'beta']) {
    created.server.registerTool(
      name,
      { inputSchema: z.object({ n: z.number() }) },
      async ({ n }, ctx) => {
        runs += 1;
        const answer = await ctx.elicit(`Confirm ${name} ${n}?`, z.object({ ok: z.boolean() }), { key: 'confirm' });
        return `${name} ${n} ${answer.action}`;
      },
    );
  }
  return { ...created, runs: () => runs };
}

/** Which tool call a state belongs to, and who makes it. */
interface Target {
  name: string;
  args: Record<string, unknown>;
  auth?: AuthInfo;
}

async function firstState(server: McpServer, { name, args, auth }: Target): Promise<string> {
  const result = await new ServerDriver(server, {
    capabilities: { elicitation: {} },
    ...(auth === undefined ? {} : { auth }),
  }).request('tools/call', {
    name,
    arguments: args,
  });
  expect(result['resultType']).toBe('input_required');
  return result['requestState'] as string;
}

function retry(server: McpServer, { name, args, auth }: Target, requestState: string) {
  return new ServerDriver(server, {
    capabilities: { elicitation: {} },
    ...(auth === undefined ? {} : { auth }),
  }).exchange('tools/call', {
    name,
    arguments: args,
    inputResponses: { confirm: accept({ ok: true }) },
    requestState,
  });
}

describe('runWithInput', () => {
  describe('managed conversations', () => {
    it('completes a tool that asks for elicitation, then sampling, then roots, in three rounds (requirements.md #53, #62)', async () => {
      const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
      registerTripTool(server);
      const driver = new ServerDriver(server, { capabilities: ALL_CAPABILITIES });
      const params = { name: 'plan_trip', arguments: { city: 'Oslo' } };

      const round1 = await driver.request('tools/call', params);
      expect(round1).toMatchObject({
        resultType: 'input_required',
        inputRequests: {
          dates: {
            method: 'elicitation/create',
            params: { mode: 'form', message: 'How many nights in Oslo?' },
          },
        },
        requestState: expect.stringMatching(/^ts2\.key-a\./) as unknown,
      });
      expect(round1).not.toHaveProperty('ttlMs');
      const round2 = await driver.request('tools/call', {
        ...params,
        inputResponses: { dates: accept({ nights: 3 }) },
        requestState: round1['requestState'],
      });
      expect(round2['inputRequests']).toEqual({
        idea: {
          method: 'sampling/createMessage',
          params: {
            messages: [{ role: 'user', content: { type: 'text', text: 'Plan 3 nights in Oslo' } }],
            maxTokens: 100,
          },
        },
      });
      expect(round2['requestState']).not.toBe(round1['requestState']);
      // Round 3 carries only the key asked in round 2; the first answer travels in the state.
      const round3 = await driver.request('tools/call', {
        ...params,
        inputResponses: { idea: SAMPLED },
        requestState: round2['requestState'],
      });
      expect(round3['inputRequests']).toEqual({ folders: { method: 'roots/list' } });
      const done = await driver.request('tools/call', {
        ...params,
        inputResponses: { folders: ROOTS },
        requestState: round3['requestState'],
      });
      expect(done).toMatchObject({
        resultType: 'complete',
        structuredContent: {
          city: 'Oslo',
          ticket: 'T-1',
          nights: 3,
          plan: 'Museums, then the fjord.',
          saveTo: 'file:///home/ada/trips',
        },
      });
    });

    it('runs a ctx.once side effect before two asks exactly once across three rounds (requirements.md #61)', async () => {
      const { server } = createTestServer();
      const effects: string[] = [];
      let runs = 0;
      server.registerTool(
        'book',
        { inputSchema: z.object({ hotel: z.string() }) },
        async ({ hotel }, ctx) => {
          runs += 1;
          const hold = await ctx.once('hold', () => {
            effects.push(`hold ${hotel}`);
            return { holdId: `H-${effects.length}` };
          });
          const dates = await ctx.elicit('Dates?', z.object({ nights: z.number() }), { key: 'dates' });
          const sure = await ctx.elicit('Sure?', z.object({ ok: z.boolean() }), { key: 'sure' });
          const nights = dates.action === 'accept' ? dates.content.nights : 0;
          const ok = sure.action === 'accept' && sure.content.ok;
          return `${hold.holdId} ${hotel} ${nights} ${ok}`;
        },
      );
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: { elicitation: {} },
      }).converse('tools/call', { name: 'book', arguments: { hotel: 'Grand' } }, (requests) =>
        Object.hasOwn(requests, 'dates') ? { dates: accept({ nights: 2 }) } : { sure: accept({ ok: true }) },
      );
      expect(rounds).toHaveLength(2);
      expect(runs).toBe(3);
      expect(effects).toEqual(['hold Grand']);
      expect(result['content']).toEqual([{ type: 'text', text: 'H-1 Grand 2 true' }]);
    });

    it('asks again, not an error, when a needed answer is missing from the retry (requirements.md #72; D6)', async () => {
      const { server } = createTestServer();
      registerTripTool(server);
      const driver = new ServerDriver(server, { capabilities: ALL_CAPABILITIES });
      const params = { name: 'plan_trip', arguments: { city: 'Rome' } };
      const first = await driver.request('tools/call', params);
      for (const inputResponses of [undefined, {}, { idea: SAMPLED }]) {
        const again = await driver.request('tools/call', {
          ...params,
          ...(inputResponses === undefined ? {} : { inputResponses }),
          requestState: first['requestState'],
        });
        expect(again['resultType']).toBe('input_required');
        expect(again['inputRequests']).toEqual(first['inputRequests']);
      }
    });

    it('ignores extra keys in inputResponses (requirements.md #71; D6)', async () => {
      const { server } = createTestServer();
      registerTripTool(server);
      const driver = new ServerDriver(server, { capabilities: ALL_CAPABILITIES });
      const params = { name: 'plan_trip', arguments: { city: 'Rome' } };
      const first = await driver.request('tools/call', params);
      const second = await driver.request('tools/call', {
        ...params,
        inputResponses: {
          dates: accept({ nights: 1 }),
          idea: { ...SAMPLED, model: 'smuggled' },
          folders: ROOTS,
          bogus: { action: 'cancel' },
        },
        requestState: first['requestState'],
      });
      // The sampling and roots answers were not asked for yet, so they are ignored and asked for.
      expect(second['inputRequests']).toEqual({
        idea: expect.objectContaining({ method: 'sampling/createMessage' }) as unknown,
      });
    });

    it('uses answers sent up front without requestState under the keys the handler asks, and ignores extra keys (requirements.md #71; conformance sep-2322-ignore-unexpected-params)', async () => {
      const { server } = createTestServer();
      let runs = 0;
      server.registerTool('ask', {}, async (_args, ctx) => {
        runs += 1;
        const answer = await ctx.elicit('?', z.object({ admin: z.boolean() }), { key: 'role' });
        return answer.action === 'accept' && answer.content.admin ? 'admin!' : 'user';
      });
      const result = await new ServerDriver(server, { capabilities: { elicitation: {} } }).request(
        'tools/call',
        {
          name: 'ask',
          inputResponses: { role: accept({ admin: true }), unexpected: accept({ admin: false }) },
        },
      );
      // The client is the source of every answer anyway: answering before being asked is no
      // privilege, and the answer is still checked against the schema the handler asks with.
      expect(result['content']).toEqual([{ type: 'text', text: 'admin!' }]);
      expect(runs).toBe(1);
    });

    it('keeps an earlier round answer: a later retry cannot replace it under its old key', async () => {
      const { server } = createTestServer();
      registerTripTool(server);
      const driver = new ServerDriver(server, { capabilities: ALL_CAPABILITIES });
      const params = { name: 'plan_trip', arguments: { city: 'Oslo' } };
      const { result } = await driver.converse('tools/call', params, (requests, round) => {
        if (round === 1) return { dates: accept({ nights: 2 }) };
        if (Object.hasOwn(requests, 'idea')) return { idea: SAMPLED, dates: accept({ nights: 99 }) };
        return { folders: ROOTS, dates: accept({ nights: 99 }) };
      });
      expect(result['structuredContent']).toMatchObject({ nights: 2 });
    });

    it('lets a declined elicitation end the conversation gracefully (requirements.md #223)', async () => {
      const { server } = createTestServer();
      registerTripTool(server);
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: ALL_CAPABILITIES,
      }).converse('tools/call', { name: 'plan_trip', arguments: { city: 'Oslo' } }, () => ({
        dates: { action: 'decline' },
      }));
      expect(rounds).toHaveLength(1);
      expect(result['content']).toEqual([
        { type: 'text', text: 'No trip to Oslo (decline, T-1).' },
      ]);
    });

    it('runs a prompts/get conversation', async () => {
      const { server } = createTestServer();
      server.registerPrompt(
        'incident_report',
        { arguments: z.object({ service: z.string() }) },
        async ({ service }, ctx) => {
          const sev = await ctx.elicit('Severity?', {
            type: 'object',
            properties: { severity: { type: 'string', enum: ['s1', 's2'] } },
            required: ['severity'],
          }, { key: 'severity' });
          const severity = sev.action === 'accept' ? String(sev.content['severity']) : 'unknown';
          return {
            description: `Incident in ${service}`,
            messages: [{ role: 'user', content: { type: 'text', text: `Report ${severity}` } }],
          };
        },
      );
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: { elicitation: {} },
      }).converse(
        'prompts/get',
        { name: 'incident_report', arguments: { service: 'billing' } },
        () => ({ severity: accept({ severity: 's1' }) }),
      );
      expect(rounds[0]?.['inputRequests']).toMatchObject({
        severity: { method: 'elicitation/create' },
      });
      expect(result).toMatchObject({
        resultType: 'complete',
        description: 'Incident in billing',
        messages: [{ role: 'user', content: { type: 'text', text: 'Report s1' } }],
      });
    });

    it('runs a resources/read conversation: input_required has no caching hints, the final result has them (mrtr.md §5.9)', async () => {
      const { server } = createTestServer({
        cache: { read: { ttlMs: 500, cacheScope: 'public' } },
      });
      server.registerResourceTemplate(
        { uriTemplate: 'vault://{team}/secrets-index', name: 'vault' },
        async (uri, variables, ctx) => {
          const roots = await ctx.listRoots({ key: 'roots' });
          return {
            contents: [{ uri, text: `${String(variables['team'])}: ${roots.length} roots` }],
          };
        },
      );
      const { result, rounds } = await new ServerDriver(server, {
        capabilities: { roots: {} },
      }).converse('resources/read', { uri: 'vault://ops/secrets-index' }, () => ({
        roots: ROOTS,
      }));
      expect(rounds[0]).not.toHaveProperty('ttlMs');
      expect(rounds[0]).not.toHaveProperty('cacheScope');
      expect(result).toMatchObject({
        resultType: 'complete',
        contents: [{ uri: 'vault://ops/secrets-index', text: 'ops: 1 roots' }],
        ttlMs: 500,
        cacheScope: 'public',
      });
    });

    it('answers -32603 when a managed tool or a prompt returns an InputRequiredResult itself', async () => {
      const errors: unknown[] = [];
      const { server } = createTestServer({ onError: (error) => errors.push(error) });
      const own: InputRequiredResult = { resultType: 'input_required', requestState: 'mine' };
      server.registerTool('managed', {}, () => own);
      server.registerPrompt('prompt', {}, () => own);
      const driver = new ServerDriver(server);
      expect(errorOf((await driver.exchange('tools/call', { name: 'managed' })).response)).toEqual({
        code: -32603,
        message: 'Internal error',
      });
      expect(errorOf((await driver.exchange('prompts/get', { name: 'prompt' })).response)).toEqual({
        code: -32603,
        message: 'Internal error',
      });
      expect(errors[0]).toMatchObject({
        code: 'INVALID_USAGE',
        message: expect.stringContaining('requestState: "manual"') as unknown,
      });
    });
  });

  describe('sealed requestState (requirements.md #58-#60; D1-D4)', () => {
    it('rejects any flipped character or byte of a real requestState with the same generic -32602, before the handler runs (D1)', async () => {
      const { server, runs } = sealingServer({ requestState: { keys: [KEY_A] } });
      const state = await firstState(server, { name: 'alpha', args: { n: 1 } });
      const runsBefore = runs();
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
      for (let index = 0; index < state.length; index++) {
        const char = state.charAt(index);
        const replacement = alphabet.charAt((alphabet.indexOf(char) + 1) % alphabet.length);
        const tampered = `${state.slice(0, index)}${replacement}${state.slice(index + 1)}`;
        expect(
          errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, tampered)).response),
          `character ${index}`,
        ).toEqual(REJECTED);
      }
      const [version, keyId, body = ''] = state.split('.');
      const bytes = decodeBase64Url(body) ?? new Uint8Array();
      expect(bytes.length).toBeGreaterThan(28);
      for (let index = 0; index < bytes.length; index++) {
        const copy = Uint8Array.from(bytes);
        copy[index] = (copy[index] ?? 0) ^ 0x01;
        const tampered = `${version}.${keyId}.${encodeBase64Url(copy)}`;
        expect(
          errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, tampered)).response),
          `byte ${index}`,
        ).toEqual(REJECTED);
      }
      for (const garbage of [
        '',
        'x',
        `${state}-TAMPERED`,
        state.slice(0, -1),
        'ts2.key-a.',
        'ts2.nope.AAAA',
        // A token of the format before ts2.
        state.replace(/^ts2\./, 'ts1.'),
        state.replace('key-a', 'key-b'),
      ]) {
        expect(
          errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, garbage)).response),
        ).toEqual(REJECTED);
      }
      expect(runs()).toBe(runsBefore);
      expect(
        resultOf((await retry(server, { name: 'alpha', args: { n: 1 } }, state)).response)[
          'content'
        ],
      ).toEqual([{ type: 'text', text: 'alpha 1 accept' }]);
    });

    it('rejects a state swapped between two tools (requirements.md #60; D3)', async () => {
      const { server } = sealingServer();
      const alphaState = await firstState(server, { name: 'alpha', args: { n: 1 } });
      const betaState = await firstState(server, { name: 'beta', args: { n: 1 } });
      expect(
        errorOf((await retry(server, { name: 'beta', args: { n: 1 } }, alphaState)).response),
      ).toEqual(REJECTED);
      expect(
        errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, betaState)).response),
      ).toEqual(REJECTED);
      expect(
        resultOf((await retry(server, { name: 'beta', args: { n: 1 } }, betaState)).response)[
          'content'
        ],
      ).toEqual([{ type: 'text', text: 'beta 1 accept' }]);
    });

    it('rejects a state swapped between two users, or between a user and an anonymous caller (requirements.md #60; D3)', async () => {
      const { server } = sealingServer();
      const alice = { principal: 'alice' };
      const aliceState = await firstState(server, { name: 'alpha', args: { n: 1 }, auth: alice });
      const anonymousState = await firstState(server, { name: 'alpha', args: { n: 1 } });
      expect(
        errorOf(
          (
            await retry(
              server,
              { name: 'alpha', args: { n: 1 }, auth: { principal: 'bob' } },
              aliceState,
            )
          ).response,
        ),
      ).toEqual(REJECTED);
      expect(
        errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, aliceState)).response),
      ).toEqual(REJECTED);
      expect(
        errorOf(
          (await retry(server, { name: 'alpha', args: { n: 1 }, auth: alice }, anonymousState))
            .response,
        ),
      ).toEqual(REJECTED);
      expect(
        errorOf(
          (
            await retry(
              server,
              { name: 'alpha', args: { n: 1 }, auth: { principal: '' } },
              aliceState,
            )
          ).response,
        ),
      ).toEqual(REJECTED);
      expect(
        resultOf(
          (
            await retry(
              server,
              { name: 'alpha', args: { n: 1 }, auth: { principal: 'alice', scopes: ['other'] } },
              aliceState,
            )
          ).response,
        )['content'],
      ).toEqual([{ type: 'text', text: 'alpha 1 accept' }]);
    });

    it('rejects a state replayed with other arguments, but not with the same arguments in another key order (requirements.md #60; D3)', async () => {
      const { server } = createTestServer();
      server.registerTool(
        'transfer',
        { inputSchema: z.object({ to: z.string(), amount: z.number() }) },
        async ({ to, amount }, ctx) => {
          const answer = await ctx.elicit(
            `Send ${amount} to ${to}?`,
            z.object({ ok: z.boolean() }),
            { key: 'ok' },
          );
          return `${answer.action} ${amount} ${to}`;
        },
      );
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', {
        name: 'transfer',
        arguments: { to: 'alice', amount: 10 },
      });
      const answer = {
        inputResponses: { ok: accept({ ok: true }) },
        requestState: first['requestState'],
      };
      for (const args of [
        { to: 'mallory', amount: 10 },
        { to: 'alice', amount: 10_000 },
        { to: 'alice', amount: 10, memo: 'x' },
      ]) {
        expect(
          errorOf(
            (await driver.exchange('tools/call', { name: 'transfer', arguments: args, ...answer }))
              .response,
          ),
        ).toEqual(REJECTED);
      }
      expect(
        (
          await driver.request('tools/call', {
            name: 'transfer',
            arguments: { amount: 10, to: 'alice' },
            ...answer,
          })
        )['content'],
      ).toEqual([{ type: 'text', text: 'accept 10 alice' }]);
    });

    it('rejects a tools/call state presented on prompts/get of the same name and arguments (requirements.md #60; D3)', async () => {
      const { server } = createTestServer();
      const confirm = async (ctx: { elicit: RequestContextElicit }) =>
        (await ctx.elicit('?', z.object({ ok: z.boolean() }), { key: 'ok' })).action;
      server.registerTool('shared', {}, async (_args, ctx) => confirm(ctx));
      server.registerPrompt('shared', {}, async (_args, ctx) => ({
        description: await confirm(ctx),
        messages: [],
      }));
      const state = await firstState(server, { name: 'shared', args: {} });
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const answer = {
        inputResponses: { ok: accept({ ok: true }) },
        requestState: state,
      };
      expect(
        errorOf(
          (await driver.exchange('prompts/get', { name: 'shared', arguments: {}, ...answer }))
            .response,
        ),
      ).toEqual(REJECTED);
      expect(
        (await driver.request('tools/call', { name: 'shared', arguments: {}, ...answer }))[
          'content'
        ],
      ).toEqual([{ type: 'text', text: 'accept' }]);
    });

    it('rejects an authentic state whose payload is not a conversation state, with the same message', async () => {
      const { server, runs } = sealingServer({ requestState: { keys: [KEY_A] } });
      // What the server seals with: its name as the audience, the request-state purpose.
      const sealer = await RequestStateSealer.create({ keys: [KEY_A], audience: SERVER_INFO.name });
      const binding = {
        method: 'tools/call',
        target: 'alpha',
        argumentsDigest: canonicalJson({ n: 1 }),
      };
      // The question alpha asks, as another server shows it, to pin the hand-made state to it.
      const shown = await new ServerDriver(sealingServer().server, { capabilities: { elicitation: {} } }).request(
        'tools/call',
        { name: 'alpha', arguments: { n: 1 } },
      );
      const question = (shown['inputRequests'] as Record<string, InputRequest>)['confirm'];
      expect(question).toBeDefined();
      const asked = { confirm: { f: fingerprintOf(question), s: { k: 'form', n: ['ok'] } } };
      const v2 = { v: 2, round: 1, startedAt: Date.now(), asked, answers: {}, once: {} };
      for (const payload of [
        null,
        // The v1 format, whose answers were bound by key only, is not read any more.
        { v: 1, round: 1, asked: ['confirm'], answers: {}, once: {} },
        { ...v2, asked: ['confirm'] },
        { ...v2, asked: { confirm: { f: asked.confirm.f } } },
        { ...v2, startedAt: undefined },
      ]) {
        expect(
          errorOf(
            (
              await retry(
                server,
                { name: 'alpha', args: { n: 1 } },
                await sealer.seal(payload, binding),
              )
            ).response,
          ),
          JSON.stringify(payload),
        ).toEqual(REJECTED);
      }
      // A valid journal sealed for another server (no audience), or for cursors, does not open.
      for (const other of [
        await RequestStateSealer.create({ keys: [KEY_A] }),
        await RequestStateSealer.create({ keys: [KEY_A], audience: SERVER_INFO.name, purpose: 'cursor' }),
      ]) {
        expect(
          errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, await other.seal(v2, binding))).response),
        ).toEqual(REJECTED);
      }
      expect(runs()).toBe(0);
      const valid = await sealer.seal(v2, binding);
      expect(
        resultOf((await retry(server, { name: 'alpha', args: { n: 1 } }, valid)).response)[
          'content'
        ],
      ).toEqual([{ type: 'text', text: 'alpha 1 accept' }]);
    });

    it('rejects a state presented after its ttlMs, with the same message (requirements.md #60; D2)', async () => {
      const { server } = sealingServer({ requestState: { ttlMs: 300 } });
      const state = await firstState(server, { name: 'alpha', args: { n: 1 } });
      expect(
        resultOf((await retry(server, { name: 'alpha', args: { n: 1 } }, state)).response)[
          'resultType'
        ],
      ).toBe('complete');
      await sleep(350);
      expect(
        errorOf((await retry(server, { name: 'alpha', args: { n: 1 } }, state)).response),
      ).toEqual(EXPIRED);
    });

    it('opens a state sealed by another instance with the same keys (multi-instance), and rotates keys new-first', async () => {
      const one = sealingServer({ requestState: { keys: [KEY_A] } });
      const two = sealingServer({ requestState: { keys: [KEY_A] } });
      const rotated = sealingServer({ requestState: { keys: [KEY_B, KEY_A] } });
      const newOnly = sealingServer({ requestState: { keys: [KEY_B] } });
      for (const instance of [one, two, rotated, newOnly]) expect(instance.warnings).toEqual([]);
      const oldState = await firstState(one.server, { name: 'alpha', args: { n: 1 } });
      expect(
        resultOf((await retry(two.server, { name: 'alpha', args: { n: 1 } }, oldState)).response)[
          'content'
        ],
      ).toEqual([{ type: 'text', text: 'alpha 1 accept' }]);
      // Rotation: the new key seals, the old key still opens older states.
      expect(
        resultOf(
          (await retry(rotated.server, { name: 'alpha', args: { n: 1 } }, oldState)).response,
        )['resultType'],
      ).toBe('complete');
      const newState = await firstState(rotated.server, { name: 'alpha', args: { n: 1 } });
      expect(newState).toMatch(/^ts2\.key-b\./);
      expect(
        resultOf(
          (await retry(newOnly.server, { name: 'alpha', args: { n: 1 } }, newState)).response,
        )['resultType'],
      ).toBe('complete');
      expect(
        errorOf((await retry(one.server, { name: 'alpha', args: { n: 1 } }, newState)).response),
      ).toEqual(REJECTED);
      expect(
        errorOf(
          (await retry(newOnly.server, { name: 'alpha', args: { n: 1 } }, oldState)).response,
        ),
      ).toEqual(REJECTED);
    });

    it('rejects on another instance when no keys are configured, and warns once per server (D3)', async () => {
      const first = sealingServer();
      const second = sealingServer();
      const keyed = sealingServer({ requestState: { keys: [KEY_A] } });
      const state = await firstState(first.server, { name: 'alpha', args: { n: 1 } });
      expect(state).toMatch(/^ts2\.gen-/);
      expect(
        errorOf((await retry(second.server, { name: 'alpha', args: { n: 1 } }, state)).response),
      ).toEqual(REJECTED);
      expect(
        errorOf((await retry(keyed.server, { name: 'alpha', args: { n: 1 } }, state)).response),
      ).toEqual(REJECTED);
      expect(
        resultOf((await retry(first.server, { name: 'alpha', args: { n: 1 } }, state)).response)[
          'resultType'
        ],
      ).toBe('complete');
      expect(first.warnings).toHaveLength(1);
      expect(second.warnings).toHaveLength(1);
      expect(keyed.warnings).toHaveLength(0);
    });

    it('seals the state so that answers, once results and the principal cannot be read from it (D4)', async () => {
      const { server } = createTestServer({ requestState: { keys: [KEY_A] } });
      registerTripTool(server);
      const driver = new ServerDriver(server, {
        capabilities: ALL_CAPABILITIES,
        auth: { principal: 'alice-principal' },
      });
      const params = { name: 'plan_trip', arguments: { city: 'Oslo' } };
      const first = await driver.request('tools/call', params);
      const second = await driver.request('tools/call', {
        ...params,
        inputResponses: { dates: accept({ nights: 31337 }) },
        requestState: first['requestState'],
      });
      const token = second['requestState'] as string;
      const body = decodeBase64Url(token.split('.')[2] ?? '') ?? new Uint8Array();
      const readable = new TextDecoder().decode(body);
      for (const secret of ['31337', 'nights', 'T-1', 'alice', 'dates', 'Oslo']) {
        expect(token).not.toContain(secret);
        expect(readable).not.toContain(secret);
      }
    });

    it('refuses an incoming state longer than requestState.maxLength like any bad state, and refuses a maxLength too small to hold a journal', async () => {
      const roomy = sealingServer({ requestState: { keys: [KEY_A] } });
      const state = await firstState(roomy.server, { name: 'alpha', args: { n: 1 } });
      const tight = sealingServer({ requestState: { keys: [KEY_A], maxLength: 1024 } });
      expect(state.length).toBeLessThan(1024);
      // A token longer than this server ever seals is foreign: refused before any crypto.
      const padded = `${state}${'A'.repeat(1024 - state.length + 4)}`;
      expect(
        errorOf((await retry(tight.server, { name: 'alpha', args: { n: 1 } }, padded)).response),
      ).toEqual(rejected('invalid'));
      expect(
        resultOf((await retry(tight.server, { name: 'alpha', args: { n: 1 } }, state)).response)[
          'resultType'
        ],
      ).toBe('complete');
      const tiny = sealingServer({ requestState: { keys: [KEY_A], maxLength: 60 } });
      await expect(tiny.server.ready()).rejects.toThrow(/maxLength must be at least 1024/);
      const { response } = await new ServerDriver(tiny.server, {
        capabilities: { elicitation: {} },
      }).exchange('tools/call', { name: 'alpha', arguments: { n: 1 } });
      expect(errorOf(response)).toEqual({ code: -32603, message: 'Internal error' });
    });
  });

  describe('manual requestState (requestState: "manual")', () => {
    const FORM = {
      method: 'elicitation/create' as const,
      params: {
        mode: 'form' as const,
        message: 'Region?',
        requestedSchema: {
          type: 'object' as const,
          properties: { region: { type: 'string' as const } },
        },
      },
    };

    function manualServer(
      result: (ctx: Parameters<Parameters<McpServer['registerTool']>[2]>[1]) => unknown,
    ) {
      const errors: unknown[] = [];
      const { server } = createTestServer({ onError: (error) => errors.push(error) });
      const inputs: unknown[] = [];
      server.registerTool('manual', { requestState: 'manual' }, (_args, ctx) => {
        inputs.push(ctx.input);
        return result(ctx) as InputRequiredResult;
      });
      return { server, inputs, errors };
    }

    it('lets the handler read ctx.input and return its own InputRequiredResult, passing requestState through untouched', async () => {
      const { server, inputs } = manualServer((ctx) =>
        ctx.input.requestState === undefined
          ? {
              resultType: 'input_required',
              inputRequests: { region: FORM },
              requestState: 'step=1;plain-text-state',
            }
          : `${JSON.stringify(ctx.input.inputResponses)} @ ${ctx.input.requestState}`,
      );
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', { name: 'manual' });
      expect(first).toMatchObject({
        resultType: 'input_required',
        inputRequests: { region: FORM },
        requestState: 'step=1;plain-text-state',
      });
      const done = await driver.request('tools/call', {
        name: 'manual',
        inputResponses: { region: accept({ region: 'eu' }), other: { action: 'cancel' } },
        requestState: 'step=1;plain-text-state',
      });
      expect(done['content']).toEqual([
        {
          type: 'text',
          text: '{"region":{"action":"accept","content":{"region":"eu"}},"other":{"action":"cancel"}} @ step=1;plain-text-state',
        },
      ]);
      expect(inputs).toEqual([
        { inputResponses: undefined, requestState: undefined },
        {
          inputResponses: { region: accept({ region: 'eu' }), other: { action: 'cancel' } },
          requestState: 'step=1;plain-text-state',
        },
      ]);
    });

    it('accepts a requestState-only result (load shedding, mrtr.md §8.5)', async () => {
      const { server } = manualServer(() => ({
        resultType: 'input_required',
        requestState: 'ck:step=4',
      }));
      expect(
        await new ServerDriver(server).request('tools/call', { name: 'manual' }),
      ).toMatchObject({ resultType: 'input_required', requestState: 'ck:step=4' });
    });

    it('answers -32603 for a result with neither inputRequests nor requestState (requirements.md #62)', async () => {
      const { server, errors } = manualServer(() => ({ resultType: 'input_required' }));
      expect(
        errorOf(
          (await new ServerDriver(server).exchange('tools/call', { name: 'manual' })).response,
        ),
      ).toEqual({ code: -32603, message: 'Internal error' });
      expect(errors[0]).toMatchObject({
        code: 'INVALID_USAGE',
        message: 'An InputRequiredResult needs inputRequests or requestState',
      });
    });

    it('answers -32603 for an input request that is not elicitation, sampling or roots (requirements.md #57)', async () => {
      for (const request of [
        { method: 'tools/list' },
        { method: 'ping', params: {} },
        { method: 'elicitation/create', params: { mode: 'form' } },
        'roots/list',
      ]) {
        const { server, errors } = manualServer(() => ({
          resultType: 'input_required',
          inputRequests: { bad: request },
        }));
        const { response } = await new ServerDriver(server, {
          capabilities: ALL_CAPABILITIES,
        }).exchange('tools/call', { name: 'manual' });
        expect(errorOf(response), JSON.stringify(request)).toEqual({
          code: -32603,
          message: 'Internal error',
        });
        expect(errors[0]).toMatchObject({ code: 'INVALID_USAGE' });
      }
    });

    const undeclared: {
      request: unknown;
      capabilities: ClientCapabilities;
      required: ClientCapabilities;
    }[] = [
      { request: FORM, capabilities: {}, required: { elicitation: { form: {} } } },
      {
        request: FORM,
        capabilities: { elicitation: { url: {} } },
        required: { elicitation: { form: {} } },
      },
      {
        request: {
          method: 'elicitation/create',
          params: { mode: 'url', message: 'Go', url: 'https://example.com' },
        },
        capabilities: { elicitation: {} },
        required: { elicitation: { url: {} } },
      },
      {
        request: { method: 'sampling/createMessage', params: { messages: [], maxTokens: 5 } },
        capabilities: { roots: {} },
        required: { sampling: {} },
      },
      {
        request: {
          method: 'sampling/createMessage',
          params: {
            messages: [],
            maxTokens: 5,
            tools: [{ name: 't', inputSchema: { type: 'object' } }],
          },
        },
        capabilities: { sampling: {} },
        required: { sampling: { tools: {} } },
      },
      {
        request: {
          method: 'sampling/createMessage',
          params: { messages: [], maxTokens: 5, includeContext: 'allServers' },
        },
        capabilities: { sampling: {} },
        required: { sampling: { context: {} } },
      },
      {
        request: { method: 'roots/list' },
        capabilities: { sampling: {} },
        required: { roots: {} },
      },
    ];
    for (const { request, capabilities, required } of undeclared) {
      it(`answers -32021 with ${JSON.stringify(required)} for a manual input request the client did not declare (requirements.md #63, #212, #233)`, async () => {
        const { server } = manualServer(() => ({
          resultType: 'input_required',
          inputRequests: { ask: request },
          requestState: 's',
        }));
        const { response } = await new ServerDriver(server, { capabilities }).exchange(
          'tools/call',
          { name: 'manual' },
        );
        expect(errorOf(response)).toMatchObject({
          code: -32021,
          data: { requiredCapabilities: required },
        });
      });
    }

    it('refuses ctx.elicit and its siblings in a manual tool with a generic isError result', async () => {
      const { server } = createTestServer();
      server.registerTool('manual', { requestState: 'manual' }, async (_args, ctx) => {
        await ctx.listRoots();
        return 'never';
      });
      const { response } = await new ServerDriver(server, { capabilities: { roots: {} } }).exchange('tools/call', {
        name: 'manual',
      });
      expect(response).toMatchObject({
        result: { content: [{ type: 'text', text: 'Tool manual failed with an internal error' }], isError: true },
      });
    });
  });

  describe('legacy input channel (dual-era layer)', () => {
    function legacyCall(
      server: McpServer,
      channel: InputChannel,
      call: { params: Record<string, unknown>; capabilities?: ClientCapabilities },
    ) {
      const { params, capabilities = ALL_CAPABILITIES } = call;
      const meta = requestMeta({ 'io.modelcontextprotocol/clientCapabilities': capabilities });
      return server.execute(
        {
          jsonrpc: '2.0',
          id: 'legacy-1',
          method: 'tools/call',
          params: { ...params, _meta: meta },
        },
        {
          envelope: readRequestMeta({ _meta: meta }, [LATEST_PROTOCOL_VERSION]),
          signal: new AbortController().signal,
          auth: undefined,
          notify: undefined,
          inputChannel: channel,
        },
      );
    }

    it('answers asks through the channel within one request, and keeps the capability checks', async () => {
      const { server } = createTestServer();
      const effects: string[] = [];
      registerTripTool(server, effects);
      const asked: string[] = [];
      const answers: Record<string, unknown> = {
        dates: accept({ nights: 4 }),
        idea: SAMPLED,
        folders: ROOTS,
      };
      const channel: InputChannel = {
        ask: (ask) => {
          asked.push(`${ask.key} ${ask.request.method}`);
          return Promise.resolve(ask.accept(answers[ask.key]));
        },
        once: async (_key, fn) => fn(),
      };
      const response = await legacyCall(server, channel, {
        params: { name: 'plan_trip', arguments: { city: 'Oslo' } },
      });
      expect(resultOf(response)['structuredContent']).toMatchObject({
        nights: 4,
        plan: 'Museums, then the fjord.',
        ticket: 'T-1',
      });
      expect(asked).toEqual([
        'dates elicitation/create',
        'idea sampling/createMessage',
        'folders roots/list',
      ]);
      expect(effects).toEqual(['ticket for Oslo']);
      const refused = await legacyCall(server, channel, {
        params: { name: 'plan_trip', arguments: { city: 'Oslo' } },
        capabilities: {},
      });
      expect(errorOf(refused)).toMatchObject({
        code: -32021,
        data: { requiredCapabilities: { elicitation: { form: {} } } },
      });
    });

    it('answers -32603 when a managed tool returns an InputRequiredResult on the legacy path', async () => {
      const { server } = createTestServer();
      server.registerTool('own', {}, (): InputRequiredResult => ({
        resultType: 'input_required',
        requestState: 'x',
      }));
      const channel: InputChannel = {
        ask: () => Promise.reject(new Error('unused')),
        once: async (_key, fn) => fn(),
      };
      expect(errorOf(await legacyCall(server, channel, { params: { name: 'own' } }))).toEqual({
        code: -32603,
        message: 'Internal error',
      });
    });
  });
});
