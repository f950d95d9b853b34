import type { McpServer, RequestContext } from '@tern/core-protocol';
import { z } from 'zod';
import { textOfSample } from './text-of-sample.js';

const nameSchema = z.object({ name: z.string() });
const confirmSchema = z.object({ ok: z.boolean() });

/**
 * Registers the MRTR tools of the `input-required-result-*` scenarios (SEP-2322). Every handler is
 * written in a straight line with `ctx.elicit`, `ctx.sample` and `ctx.listRoots`; the core answers
 * `input_required`, seals the state and replays the handler on the retry. The explicit keys are
 * the ones the scenarios look for.
 */
export function registerInputRequiredTools(server: McpServer): void {
  server.registerTool(
    'test_input_required_result_elicitation',
    { description: 'Asks for your name (input request "user_name"), then greets you.' },
    async (_args, ctx) => {
      const answer = await ctx.elicit('What is your name?', nameSchema, { key: 'user_name' });
      return answer.action === 'accept'
        ? `Hello, ${answer.content.name}!`
        : `No name given (${answer.action}).`;
    },
  );

  server.registerTool(
    'test_input_required_result_sampling',
    { description: 'Asks the client model a question (input request "capital_question").' },
    async (_args, ctx) => {
      const reply = await ctx.sample(
        {
          messages: [
            { role: 'user', content: { type: 'text', text: 'What is the capital of France?' } },
          ],
          maxTokens: 100,
        },
        { key: 'capital_question' },
      );
      return `The model said: ${textOfSample(reply)}`;
    },
  );

  server.registerTool(
    'test_input_required_result_list_roots',
    { description: 'Asks for the client roots (input request "client_roots") and lists them.' },
    async (_args, ctx) => {
      const roots = await ctx.listRoots({ key: 'client_roots' });
      return `Client roots: ${roots.map((root) => root.uri).join(', ') || '(none)'}`;
    },
  );

  server.registerTool(
    'test_input_required_result_request_state',
    { description: 'Records a start time, asks for confirmation, and proves the state came back.' },
    async (_args, ctx) => {
      // Runs in round 1 only; later rounds read the value back from the sealed requestState.
      const startedAt = await ctx.once('started-at', () => new Date().toISOString());
      const answer = await ctx.elicit('Please confirm', confirmSchema, { key: 'confirm' });
      const ok = answer.action === 'accept' && answer.content.ok;
      return `state-ok: conversation started at ${startedAt}, confirmed=${ok}`;
    },
  );

  server.registerTool(
    'test_input_required_result_multiple_inputs',
    { description: 'Asks for a name, a greeting and the roots in one round.' },
    async (_args, ctx) => {
      // Asks made together go out together: one round with three input requests.
      const [person, greeting, roots] = await Promise.all([
        ctx.elicit('What is your name?', nameSchema, { key: 'user_name' }),
        ctx.sample(
          {
            messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
            maxTokens: 50,
          },
          { key: 'greeting' },
        ),
        ctx.listRoots({ key: 'client_roots' }),
      ]);
      const name = person.action === 'accept' ? person.content.name : 'stranger';
      return `${textOfSample(greeting)} ${name} (${roots.length} roots)`;
    },
  );

  server.registerTool(
    'test_input_required_result_multi_round',
    { description: 'Asks for your name, then in a second round for your favourite colour.' },
    async (_args, ctx) => {
      const step1 = await ctx.elicit('Step 1: What is your name?', nameSchema, { key: 'step1' });
      const step2 = await ctx.elicit(
        'Step 2: What is your favorite color?',
        z.object({ color: z.string() }),
        {
          key: 'step2',
        },
      );
      const name = step1.action === 'accept' ? step1.content.name : 'someone';
      const color = step2.action === 'accept' ? step2.content.color : 'no colour';
      return `${name} likes ${color}.`;
    },
  );

  server.registerTool(
    'test_input_required_result_tampered_state',
    { description: 'Asks for confirmation; its sealed requestState rejects any change.' },
    async (_args, ctx) => {
      const answer = await ctx.elicit('Please confirm', confirmSchema, { key: 'confirm' });
      return `Confirmed: ${answer.action === 'accept' && answer.content.ok}`;
    },
  );

  server.registerTool(
    'test_input_required_result_capabilities',
    { description: 'Asks only with the capabilities this request declared.' },
    async (_args, ctx) => {
      const asks = asksForDeclaredCapabilities(ctx);
      if (asks.length === 0) return 'The client declared no capability to ask with.';
      return (await Promise.all(asks)).join('; ');
    },
  );
}

/** One ask per capability the request declared (elicitation, sampling, roots). */
function asksForDeclaredCapabilities(ctx: RequestContext): Promise<string>[] {
  const { elicitation, sampling, roots } = ctx.client.capabilities;
  const asks: Promise<string>[] = [];
  // An empty `elicitation` object means form mode (2025-11-25 compatibility rule).
  if (
    elicitation !== undefined &&
    (elicitation.form !== undefined || Object.keys(elicitation).length === 0)
  ) {
    asks.push(
      ctx
        .elicit('What is your name?', nameSchema)
        .then((a) => (a.action === 'accept' ? a.content.name : a.action)),
    );
  }
  if (sampling !== undefined) {
    asks.push(
      ctx
        .sample({
          messages: [{ role: 'user', content: { type: 'text', text: 'Say hi.' } }],
          maxTokens: 20,
        })
        .then(textOfSample),
    );
  }
  if (roots !== undefined) {
    asks.push(ctx.listRoots().then((list) => `${list.length} roots`));
  }
  return asks;
}
