// createAsker: ctx.elicit, ctx.elicitUrl, ctx.sample and ctx.listRoots. Requirements: #37, #38,
// #63 (no input request for an undeclared capability, -32021 instead), #69 and #70 (malformed
// answers are -32602), #212 (elicitation modes), #213-#217 (request shapes), #223 (decline and
// cancel), #229 (accepted content is validated), #233 and #235 (sampling tools and context);
// checklist C10, D6.
import type { ClientCapabilities, CreateMessageRequestParams, InputRequest } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RequestContext } from '../../../src/index.js';
import { fingerprintOf } from '../../../src/shared/fingerprint.js';
import { ServerDriver } from '../../../src/testing/index.js';
import { accept, createTestServer, errorOf, resultOf } from '../helpers/server-fixtures.js';

const SAMPLE: CreateMessageRequestParams = {
  messages: [
    { role: 'user', content: { type: 'text', text: 'Summarize: build failed at step 3.' } },
  ],
  maxTokens: 200,
};
const SAMPLED = {
  role: 'assistant',
  content: { type: 'text', text: 'Step 3 failed.' },
  model: 'model-2026',
  stopReason: 'endTurn',
};
const ROOTS = { roots: [{ uri: 'file:///home/dev/app', name: 'app' }] };

/** A server with one tool that runs `ask` and returns what it resolved with as JSON text. */
function askServer(ask: (ctx: RequestContext) => Promise<unknown>) {
  const { server } = createTestServer();
  let runs = 0;
  server.registerTool('ask', {}, async (_args, ctx) => {
    runs += 1;
    return JSON.stringify(await ask(ctx));
  });
  return { server, runs: () => runs };
}

async function firstRound(
  server: ReturnType<typeof askServer>['server'],
  capabilities: ClientCapabilities,
) {
  return new ServerDriver(server, { capabilities }).exchange('tools/call', { name: 'ask' });
}

async function answered(
  ask: (ctx: RequestContext) => Promise<unknown>,
  capabilities: ClientCapabilities,
  answer: (key: string, request: InputRequest) => unknown,
): Promise<{ value: unknown; inputRequests: Record<string, InputRequest> }> {
  const { server } = askServer(ask);
  const driver = new ServerDriver(server, { capabilities });
  const first = await driver.request('tools/call', { name: 'ask' });
  const inputRequests = first['inputRequests'] as Record<string, InputRequest>;
  const inputResponses = Object.fromEntries(
    Object.entries(inputRequests).map(([key, request]) => [key, answer(key, request)]),
  );
  const final = await driver.request('tools/call', {
    name: 'ask',
    inputResponses,
    requestState: first['requestState'],
  });
  const text = (final['content'] as { text: string }[])[0]?.text ?? 'null';
  return { value: JSON.parse(text) as unknown, inputRequests };
}

/** The key derived for `request`: its kind and the first 10 characters of its fingerprint. */
function derivedKey(request: InputRequest): string {
  const kind = request.method === 'elicitation/create' ? 'elicitation' : request.method === 'roots/list' ? 'roots' : 'sampling';
  return `${kind}-${fingerprintOf(request).slice(0, 10)}`;
}

/** The only key of a round, checked to be the key derived from its question. */
function onlyKey(inputRequests: unknown): string {
  const entries = Object.entries(inputRequests as Record<string, InputRequest>);
  expect(entries).toHaveLength(1);
  const [entry] = entries;
  if (entry === undefined) throw new TypeError('Expected one input request');
  const [key, request] = entry;
  expect(key).toBe(derivedKey(request));
  return key;
}

/** Expects a round of exactly one question, `request`, under the key derived from it. */
function expectOnly(inputRequests: Record<string, unknown>, request: InputRequest): void {
  expect(inputRequests).toEqual({ [derivedKey(request)]: request });
}

describe('createAsker', () => {
  describe('missing client capabilities (requirements.md #38, #63; C10)', () => {
    const cases: {
      what: string;
      ask: (ctx: RequestContext) => Promise<unknown>;
      capabilities: ClientCapabilities;
      required: ClientCapabilities;
    }[] = [
      {
        what: 'form elicitation without elicitation',
        ask: (ctx) => ctx.elicit('?', z.object({ a: z.string() })),
        capabilities: {},
        required: { elicitation: { form: {} } },
      },
      {
        what: 'form elicitation with URL mode only (#212)',
        ask: (ctx) => ctx.elicit('?', z.object({ a: z.string() })),
        capabilities: { elicitation: { url: {} } },
        required: { elicitation: { form: {} } },
      },
      {
        what: 'URL elicitation without elicitation.url (#212)',
        ask: (ctx) => ctx.elicitUrl('Connect', 'https://example.com/c'),
        capabilities: { elicitation: {} },
        required: { elicitation: { url: {} } },
      },
      {
        what: 'URL elicitation with form mode only',
        ask: (ctx) => ctx.elicitUrl('Connect', 'https://example.com/c'),
        capabilities: { elicitation: { form: {} } },
        required: { elicitation: { url: {} } },
      },
      {
        what: 'sampling without sampling',
        ask: (ctx) => ctx.sample(SAMPLE),
        capabilities: { elicitation: {}, roots: {} },
        required: { sampling: {} },
      },
      {
        what: 'tool-enabled sampling without sampling.tools (#233)',
        ask: (ctx) =>
          ctx.sample({ ...SAMPLE, tools: [{ name: 'search', inputSchema: { type: 'object' } }] }),
        capabilities: { sampling: {} },
        required: { sampling: { tools: {} } },
      },
      {
        what: 'sampling with toolChoice without sampling.tools (#233)',
        ask: (ctx) => ctx.sample({ ...SAMPLE, toolChoice: { mode: 'auto' } }),
        capabilities: { sampling: { context: {} } },
        required: { sampling: { tools: {} } },
      },
      {
        what: 'sampling with includeContext without sampling.context (#235)',
        ask: (ctx) => ctx.sample({ ...SAMPLE, includeContext: 'thisServer' }),
        capabilities: { sampling: { tools: {} } },
        required: { sampling: { context: {} } },
      },
      {
        what: 'roots without roots',
        ask: (ctx) => ctx.listRoots(),
        capabilities: { sampling: {} },
        required: { roots: {} },
      },
    ];
    for (const { what, ask, capabilities, required } of cases) {
      it(`answers -32021 with data.requiredCapabilities ${JSON.stringify(required)} and no inputRequests for ${what}`, async () => {
        const { server, runs } = askServer(ask);
        const { response } = await firstRound(server, capabilities);
        const error = errorOf(response);
        expect(error).toEqual({
          code: -32021,
          message: expect.stringContaining('which the client did not declare') as unknown,
          data: { requiredCapabilities: required },
        });
        expect(response).not.toHaveProperty('result');
        expect(runs()).toBe(1);
      });
    }

    it('answers -32021 when one of several concurrent asks lacks its capability, sending none of them', async () => {
      const { server } = askServer((ctx) =>
        Promise.all([ctx.elicit('?', z.object({ a: z.string() })), ctx.listRoots()]),
      );
      const { response } = await firstRound(server, { elicitation: {} });
      expect(errorOf(response)).toMatchObject({
        code: -32021,
        data: { requiredCapabilities: { roots: {} } },
      });
    });

    it('lets a handler catch the missing capability and carry on without the answer', async () => {
      const { server } = askServer(async (ctx) => {
        try {
          return await ctx.listRoots();
        } catch {
          return 'no roots';
        }
      });
      const result = resultOf((await firstRound(server, {})).response);
      expect(result['content']).toEqual([{ type: 'text', text: '"no roots"' }]);
    });

    it('accepts includeContext "none" without sampling.context', async () => {
      const { inputRequests } = await answered(
        (ctx) => ctx.sample({ ...SAMPLE, includeContext: 'none' }),
        { sampling: {} },
        () => SAMPLED,
      );
      expectOnly(inputRequests, { method: 'sampling/createMessage', params: { ...SAMPLE, includeContext: 'none' } });
    });
  });

  describe('elicit', () => {
    it('asks a form elicitation and resolves with the typed content (requirements.md #213, #215)', async () => {
      const { value, inputRequests } = await answered(
        (ctx) =>
          ctx.elicit(
            'Pick a rollout',
            z.object({ strategy: z.enum(['canary', 'blue-green']), confirm: z.boolean() }),
          ),
        { elicitation: { form: {} } },
        () => accept({ strategy: 'canary', confirm: true }),
      );
      expectOnly(inputRequests, {
        method: 'elicitation/create',
        params: {
          mode: 'form',
          message: 'Pick a rollout',
          requestedSchema: {
            type: 'object',
            properties: {
              strategy: { type: 'string', enum: ['canary', 'blue-green'] },
              confirm: { type: 'boolean' },
            },
            required: ['strategy', 'confirm'],
          },
        },
      });
      expect(value).toEqual({ action: 'accept', content: { strategy: 'canary', confirm: true } });
    });

    it('treats elicitation: {} as form support (requirements.md #211)', async () => {
      const { value } = await answered(
        (ctx) => ctx.elicit('Name?', { type: 'object', properties: { name: { type: 'string' } } }),
        { elicitation: {} },
        () => accept({ name: 'Ada' }),
      );
      expect(value).toEqual({ action: 'accept', content: { name: 'Ada' } });
    });

    it('hands decline and cancel to the handler (requirements.md #223)', async () => {
      for (const action of ['decline', 'cancel'] as const) {
        const { value } = await answered(
          (ctx) => ctx.elicit('?', z.object({ a: z.string() })),
          { elicitation: {} },
          () => ({ action }),
        );
        expect(value).toEqual({ action });
      }
    });

    it('asks again, under the same key, when accepted content breaks the schema (requirements.md #229; D6)', async () => {
      const { server, runs } = askServer((ctx) =>
        ctx.elicit('Nights?', z.object({ nights: z.number().int().min(1) })),
      );
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', { name: 'ask' });
      const key = onlyKey(first['inputRequests']);
      for (const content of [{ nights: 'three' }, { nights: 0 }, {}]) {
        const again = await driver.request('tools/call', {
          name: 'ask',
          inputResponses: { [key]: accept(content) },
          requestState: first['requestState'],
        });
        expect(again['resultType']).toBe('input_required');
        expect(again['inputRequests']).toEqual(first['inputRequests']);
      }
      const done = await driver.request('tools/call', {
        name: 'ask',
        inputResponses: { [key]: accept({ nights: 3 }) },
        requestState: first['requestState'],
      });
      expect(done['content']).toEqual([
        { type: 'text', text: '{"action":"accept","content":{"nights":3}}' },
      ]);
      expect(runs()).toBe(5);
    });

    it('answers -32602 for an answer that is not an ElicitResult (requirements.md #69, #70; D6)', async () => {
      const { server } = askServer((ctx) => ctx.elicit('?', z.object({ a: z.string() })));
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', { name: 'ask' });
      const key = onlyKey(first['inputRequests']);
      const error = errorOf(
        (
          await driver.exchange('tools/call', {
            name: 'ask',
            inputResponses: { [key]: ROOTS },
            requestState: first['requestState'],
          })
        ).response,
      );
      expect(error.code).toBe(-32602);
      expect(error.message.startsWith(`Invalid input response "${key}": `)).toBe(true);
    });
  });

  describe('elicitUrl', () => {
    it('asks a URL elicitation and resolves with the action only (requirements.md #217)', async () => {
      for (const action of ['accept', 'decline', 'cancel'] as const) {
        const { value, inputRequests } = await answered(
          (ctx) =>
            ctx.elicitUrl('Connect your GitHub account', 'https://example.com/connect?txn=7f2c'),
          { elicitation: { url: {} } },
          () => ({ action }),
        );
        expectOnly(inputRequests, {
          method: 'elicitation/create',
          params: {
            mode: 'url',
            message: 'Connect your GitHub account',
            url: 'https://example.com/connect?txn=7f2c',
          },
        });
        expect(value).toEqual({ action });
      }
    });
  });

  describe('sample', () => {
    it('asks sampling/createMessage with the params as given and resolves with the CreateMessageResult', async () => {
      const params: CreateMessageRequestParams = {
        ...SAMPLE,
        systemPrompt: 'Be brief',
        tools: [{ name: 'search', inputSchema: { type: 'object' } }],
        toolChoice: { mode: 'auto' },
      };
      const { value, inputRequests } = await answered(
        (ctx) => ctx.sample(params),
        { sampling: { tools: {} } },
        () => SAMPLED,
      );
      expectOnly(inputRequests, { method: 'sampling/createMessage', params });
      expect(value).toEqual(SAMPLED);
    });

    it('answers -32602 for an answer that is not a CreateMessageResult (requirements.md #69)', async () => {
      const { server } = askServer((ctx) => ctx.sample(SAMPLE));
      const driver = new ServerDriver(server, { capabilities: { sampling: {} } });
      const first = await driver.request('tools/call', { name: 'ask' });
      const key = onlyKey(first['inputRequests']);
      const error = errorOf(
        (
          await driver.exchange('tools/call', {
            name: 'ask',
            inputResponses: { [key]: { action: 'accept' } },
            requestState: first['requestState'],
          })
        ).response,
      );
      expect(error.code).toBe(-32602);
      expect(error.message.startsWith(`Invalid input response "${key}": `)).toBe(true);
    });
  });

  describe('listRoots', () => {
    it('asks roots/list without params and resolves with the roots', async () => {
      const { value, inputRequests } = await answered(
        (ctx) => ctx.listRoots(),
        { roots: {} },
        () => ROOTS,
      );
      expectOnly(inputRequests, { method: 'roots/list' });
      expect(value).toEqual(ROOTS.roots);
    });

    it('answers -32602 for an answer that is not a ListRootsResult (requirements.md #69)', async () => {
      const { server } = askServer((ctx) => ctx.listRoots());
      const driver = new ServerDriver(server, { capabilities: { roots: {} } });
      const first = await driver.request('tools/call', { name: 'ask' });
      const key = onlyKey(first['inputRequests']);
      const error = errorOf(
        (
          await driver.exchange('tools/call', {
            name: 'ask',
            inputResponses: { [key]: SAMPLED },
            requestState: first['requestState'],
          })
        ).response,
      );
      expect(error.code).toBe(-32602);
      expect(error.message.startsWith(`Invalid input response "${key}": `)).toBe(true);
    });
  });

  describe('ask keys', () => {
    const CONFIRM = { type: 'object' as const, properties: { ok: { type: 'boolean' as const } } };
    const confirmRequest = (message: string): InputRequest => ({
      method: 'elicitation/create',
      params: { mode: 'form', message, requestedSchema: CONFIRM },
    });

    it('derives keys from the kind and content of each question (a repeat gets -2), and uses explicit keys as given', async () => {
      const sampleRequest: InputRequest = { method: 'sampling/createMessage', params: SAMPLE };
      const urlRequest: InputRequest = {
        method: 'elicitation/create',
        params: { mode: 'url', message: 'b', url: 'https://example.com/b' },
      };
      const { inputRequests, value } = await answered(
        (ctx) =>
          Promise.all([
            ctx.elicit('a', CONFIRM),
            ctx.elicitUrl('b', 'https://example.com/b'),
            ctx.elicit('c', z.object({ c: z.string() }), { key: 'plan' }),
            ctx.sample(SAMPLE),
            ctx.sample(SAMPLE),
            ctx.listRoots({ key: 'workspace' }),
          ]),
        { elicitation: { form: {}, url: {} }, sampling: {}, roots: {} },
        (key, request) =>
          request.method === 'sampling/createMessage'
            ? { ...SAMPLED, model: key }
            : request.method === 'roots/list'
              ? ROOTS
              : request.params.mode === 'url'
                ? { action: 'decline' }
                : accept(key === 'plan' ? { c: 'y' } : { ok: true }),
      );
      const sampleKey = derivedKey(sampleRequest);
      expect(inputRequests).toEqual({
        [derivedKey(confirmRequest('a'))]: confirmRequest('a'),
        [derivedKey(urlRequest)]: urlRequest,
        plan: expect.objectContaining({ params: expect.objectContaining({ message: 'c' }) }) as unknown,
        [sampleKey]: sampleRequest,
        [`${sampleKey}-2`]: sampleRequest,
        workspace: { method: 'roots/list' },
      });
      expect(Object.keys(inputRequests)).toHaveLength(6);
      expect(derivedKey(confirmRequest('a'))).toMatch(/^elicitation-[A-Za-z0-9_-]{10}$/);
      expect(sampleKey).toMatch(/^sampling-[A-Za-z0-9_-]{10}$/);
      // Each answer reached the ask it was given for, the two identical samples included.
      expect(value).toEqual([
        { action: 'accept', content: { ok: true } },
        { action: 'decline' },
        { action: 'accept', content: { c: 'y' } },
        { ...SAMPLED, model: sampleKey },
        { ...SAMPLED, model: `${sampleKey}-2` },
        ROOTS.roots,
      ]);
    });

    it('never gives two different questions the same key, even when they differ in one character', async () => {
      const { inputRequests } = await answered(
        (ctx) =>
          Promise.all([
            ctx.elicit('Delete 3 files?', CONFIRM),
            ctx.elicit('Delete 3000 files?', CONFIRM),
            ctx.elicit('Delete 3 files?', { ...CONFIRM, required: ['ok'] }),
          ]),
        { elicitation: {} },
        () => accept({ ok: true }),
      );
      const keys = Object.keys(inputRequests);
      expect(new Set(keys).size).toBe(3);
      for (const [key, request] of Object.entries(inputRequests)) expect(key).toBe(derivedKey(request));
    });

    it('keys do not depend on timing: asks made in another order get the same keys, and each answer stays with its question', async () => {
      let swapped = false;
      const { server } = askServer(async (ctx) => {
        const ask = (message: string) => ctx.elicit(message, CONFIRM);
        const later = async (message: string) => {
          await Promise.resolve();
          return ask(message);
        };
        // The same two asks, reaching the channel in the other order when `swapped`.
        const [small, large] = swapped
          ? await Promise.all([later('Delete 3 files?'), ask('Delete 3000 files?')])
          : await Promise.all([ask('Delete 3 files?'), later('Delete 3000 files?')]);
        return { small, large };
      });
      const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
      const first = await driver.request('tools/call', { name: 'ask' });
      const inputRequests = first['inputRequests'] as Record<string, InputRequest>;
      swapped = true;
      const again = await driver.request('tools/call', { name: 'ask' });
      expect(again['inputRequests']).toEqual(inputRequests);
      expect(Object.keys(again['inputRequests'] as object)).toEqual(Object.keys(inputRequests).reverse());

      const smallKey = derivedKey(confirmRequest('Delete 3 files?'));
      const largeKey = derivedKey(confirmRequest('Delete 3000 files?'));
      expect(Object.keys(inputRequests).sort()).toEqual([smallKey, largeKey].sort());
      // Answered in the first order, replayed in the other: the "yes" stays with 3 files.
      const done = await driver.request('tools/call', {
        name: 'ask',
        inputResponses: { [smallKey]: accept({ ok: true }), [largeKey]: { action: 'decline' } },
        requestState: first['requestState'],
      });
      expect(JSON.parse((done['content'] as { text: string }[])[0]?.text ?? 'null')).toEqual({
        small: { action: 'accept', content: { ok: true } },
        large: { action: 'decline' },
      });
    });

    it('fails the tool (generic isError result) when two asks of one handler use the same key', async () => {
      const errors: unknown[] = [];
      const { server } = createTestServer({ onError: (error) => errors.push(error) });
      server.registerTool('twice', {}, async (_args, ctx) => {
        await Promise.all([ctx.listRoots({ key: 'same' }), ctx.listRoots({ key: 'same' })]);
        return 'never';
      });
      const { response } = await new ServerDriver(server, { capabilities: { roots: {} } }).exchange(
        'tools/call',
        { name: 'twice' },
      );
      expect(response).toMatchObject({ result: { isError: true } });
      expect(errors[0]).toMatchObject({
        name: 'SdkError',
        code: 'INVALID_USAGE',
        message: 'Two asks in one handler use the key "same"',
      });
    });
  });
});
