// A model-based test of the replay engine (issue "Conversation core v2"). fast-check writes random
// handler programs (asks with and without keys, `once` steps, Promise.all groups, loops, branches on
// outside state that may change between rounds), drives them over MRTR through McpServer, and holds
// them to the engine's contract (docs/mrtr.md, "What replay guarantees"; requirements #58-#61, #64):
// 1. every answer a handler receives was given to exactly that question;
// 2. every `once` runs at most once per conversation when rounds are replayed in order;
// 3. when the outside state does not change, the result equals a direct interactive run's.
import fc from 'fast-check';
import type { InputRequests, InputResponses } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, KEY_A } from '../helpers/server-fixtures.js';

interface AskStep { kind: 'ask'; q: number; readsWorld: boolean; keyed: boolean }
interface OnceStep { kind: 'once'; slow: boolean }
type Step =
  | AskStep
  | OnceStep
  | { kind: 'all'; members: (AskStep | OnceStep)[] }
  | { kind: 'branch'; then: Step[]; otherwise: Step[] }
  | { kind: 'loop'; count: number; q: number; keyed: boolean };

interface World {
  flag: boolean;
  value: number;
}

/** The part of a request context a program uses: both the server's ctx and the direct model fit. */
interface Asking {
  elicit(message: string, schema: z.ZodType<{ v: string }>, options?: { key?: string }): Promise<{ action: string; content?: { v: string } }>;
  once(key: string, fn: () => Promise<string>): Promise<string>;
}

/** What one run of a program saw. */
interface Trace {
  /** Answers received for a question other than the one asked (must stay empty). */
  mismatches: string[];
}

const ANSWER = z.object({ v: z.string() });

/** The user: answers every question with a value that names the question. */
function oracle(message: string): string {
  return `answer to ${message}`;
}

const askStep: fc.Arbitrary<AskStep> = fc.record({
  kind: fc.constant('ask' as const),
  q: fc.integer({ min: 0, max: 5 }),
  readsWorld: fc.boolean(),
  keyed: fc.boolean(),
});
const onceStep: fc.Arbitrary<OnceStep> = fc.record({ kind: fc.constant('once' as const), slow: fc.boolean() });

const program: fc.Arbitrary<Step[]> = fc.letrec<{ steps: Step[]; step: Step }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    askStep,
    onceStep,
    fc.record({ kind: fc.constant('all' as const), members: fc.array(fc.oneof(askStep, onceStep), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('branch' as const), then: tie('steps'), otherwise: tie('steps') }),
    fc.record({
      kind: fc.constant('loop' as const),
      count: fc.integer({ min: 1, max: 3 }),
      q: fc.integer({ min: 0, max: 5 }),
      keyed: fc.boolean(),
    }),
  ),
  steps: fc.array(tie('step'), { maxLength: 3 }),
})).steps;

/** Where a program runs: its context, the outside world, and what it observed. */
interface Run {
  ctx: Asking;
  world: World;
  /** How often each `once` body ran, by key. */
  effects: Map<string, number>;
  trace: Trace;
}

/** Runs a program in `run`, its steps keyed under `path`. */
async function runProgram(steps: readonly Step[], run: Run, path = 'p'): Promise<string[]> {
  const { ctx, world, effects, trace } = run;
  const out: string[] = [];
  const ask = async (message: string, key: string | undefined): Promise<string> => {
    const answer = await ctx.elicit(message, ANSWER, key === undefined ? {} : { key });
    const value = answer.action === 'accept' ? (answer.content?.v ?? '') : answer.action;
    if (value !== oracle(message)) trace.mismatches.push(`asked "${message}", got "${value}"`);
    return value;
  };
  const once = (key: string, slow: boolean): Promise<string> =>
    ctx.once(key, async () => {
      effects.set(key, (effects.get(key) ?? 0) + 1);
      if (slow) await new Promise((resolve) => setTimeout(resolve, 2));
      return `effect ${key}`;
    });
  const member = (step: AskStep | OnceStep, at: string): Promise<string> =>
    step.kind === 'once'
      ? once(at, step.slow)
      : ask(`Q${step.q}${step.readsWorld ? ` when value=${world.value}` : ''}`, step.keyed ? `k-${at}` : undefined);
  for (const [index, step] of steps.entries()) {
    const at = `${path}.${index}`;
    switch (step.kind) {
      case 'ask':
      case 'once':
        out.push(await member(step, at));
        break;
      case 'all':
        out.push(...(await Promise.all(step.members.map((entry, position) => member(entry, `${at}.${position}`)))));
        break;
      case 'branch':
        out.push(...(await runProgram(world.flag ? step.then : step.otherwise, run, `${at}.${world.flag ? 't' : 'f'}`)));
        break;
      case 'loop':
        for (let turn = 0; turn < step.count; turn += 1) {
          out.push(await ask(`Q${step.q} item ${turn}`, step.keyed ? `k-${at}-${turn}` : undefined));
        }
        break;
    }
  }
  return out;
}

/** The direct interactive run: every ask is answered at once by the same user. */
function directContext(): Asking {
  return {
    elicit: (message) => Promise.resolve({ action: 'accept', content: { v: oracle(message) } }),
    once: (_key, fn) => fn(),
  };
}

/** Runs the program over MRTR; `changeWorld` may alter the outside state between rounds. */
async function runOverWire(steps: Step[], world: World, changeWorld: (round: number) => void) {
  const effects = new Map<string, number>();
  const trace: Trace = { mismatches: [] };
  const { server } = createTestServer({ requestState: { keys: [KEY_A] }, limits: { maxRounds: 40 } });
  server.registerTool('program', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const values = await runProgram(steps, { ctx, world, effects, trace });
    return values.join(' | ');
  });
  const driver = new ServerDriver(server, { capabilities: { elicitation: {} } });
  const { result } = await driver.converse('tools/call', { name: 'program', arguments: {} }, (requests: InputRequests, round) => {
    changeWorld(round);
    const answers: InputResponses = {};
    for (const [key, request] of Object.entries(requests)) {
      const message = (request.params as { message?: string }).message ?? '';
      answers[key] = { action: 'accept', content: { v: oracle(message) } };
    }
    return answers;
  });
  return { result, effects, trace };
}

function textOf(result: Record<string, unknown>): string {
  return ((result['content'] as { text?: string }[] | undefined) ?? []).map((block) => block.text ?? '').join('');
}

describe('the replay engine, against a model', () => {
  it('gives the interactive result, runs each once at most once, and pins every answer, when nothing outside changes', async () => {
    await fc.assert(
      fc.asyncProperty(program, fc.boolean(), async (steps, flag) => {
        const expected = await runProgram(steps, { ctx: directContext(), world: { flag, value: 1 }, effects: new Map(), trace: { mismatches: [] } });
        const { result, effects, trace } = await runOverWire(steps, { flag, value: 1 }, () => undefined);
        expect(trace.mismatches).toEqual([]);
        expect([...effects.values()].every((count) => count === 1)).toBe(true);
        expect(textOf(result)).toBe(expected.join(' | '));
      }),
      { numRuns: 60 },
    );
  });

  it('never applies an answer to another question, and never runs a once twice, when the world changes between rounds', async () => {
    await fc.assert(
      fc.asyncProperty(program, fc.boolean(), fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), async (steps, flag, flips) => {
        const world: World = { flag, value: 1 };
        const { trace, effects } = await runOverWire(steps, world, (round) => {
          // Between the first rounds the outside state moves (a flag flips or a value grows); then
          // it settles, so that the conversation can end.
          const flip = flips[round - 1];
          if (flip === true) world.flag = !world.flag;
          else if (flip === false) world.value += 1;
        });
        expect(trace.mismatches).toEqual([]);
        expect([...effects.values()].every((count) => count === 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
