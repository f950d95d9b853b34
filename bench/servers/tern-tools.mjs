// The Tern server both Tern bench servers serve (node:http and Express): one McpServer from the
// BUILT packages, with the bench's tools.
import { McpServer } from '@tern/core-protocol';
import { z } from 'zod';

/** A fixed bench key (32 bytes, base64): production keys come from a secret store. */
const BENCH_STATE_KEY = Buffer.alloc(32, 7).toString('base64');

// Declared once, like the official bench server's: Tern compiles an elicitation schema once per
// schema object (a schema built inside the handler is compiled again on every round).
const nightsSchema = z.object({ nights: z.number().int().min(1) });
const confirmSchema = z.object({ confirm: z.boolean() });
/** The questions of the ten-round scenario (`survey`): one elicitation per round, nine rounds. */
export const SURVEY_QUESTIONS = 9;
const scoreSchema = z.object({ score: z.number().int().min(1).max(5) });

/** Reads a positive integer from the environment (the soak shrinks some limits with these). */
export function intFromEnv(name) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** Transport options from the environment (only the soak sets them). */
export function httpOptionsFromEnv() {
  const options = {};
  const maxBodyBytes = intFromEnv('BENCH_MAX_BODY_BYTES');
  if (maxBodyBytes !== undefined) options.maxBodyBytes = maxBodyBytes;
  const maxQueuedEvents = intFromEnv('BENCH_MAX_QUEUED_EVENTS');
  if (maxQueuedEvents !== undefined) options.maxQueuedEvents = maxQueuedEvents;
  return options;
}

/**
 * Builds the bench server:
 * - `echo` ({ text }): answers the text as text content (the one-round scenario);
 * - `progress` ({ steps }): reports `steps` progress notifications (default 10), so the answer is
 *   an SSE stream, then answers "done";
 * - `book` ({ city }): asks two questions in a straight line (two elicitations, so a three-round
 *   MRTR call with sealed requestState) and answers with both answers;
 * - `survey` ({ topic }): asks nine questions one after another (a ten-round MRTR call: the
 *   journal grows every round) and answers the total;
 * - `sleep` ({ ms }): waits `ms` milliseconds or until the request is cancelled (the soak's aborts);
 *   with a progress token it reports progress first, so its answer is an SSE stream.
 *
 * `requestState` options are merged over the bench's key (the soak bounds its recent journals).
 */
export function createBenchServer({ requestState = {} } = {}) {
  const server = new McpServer(
    { name: 'tern-bench', version: '1.0.0' },
    {
      requestState: { keys: [{ id: 'bench1', secret: BENCH_STATE_KEY }], ...requestState },
      limits: { maxListenStreams: 2000, maxListenStreamsPerClient: 2000 },
    },
  );

  server.registerTool(
    'echo',
    { description: 'Answers its text', inputSchema: z.object({ text: z.string() }) },
    ({ text }) => text,
  );

  server.registerTool(
    'progress',
    {
      description: 'Reports progress, then answers',
      inputSchema: z.object({ steps: z.number().int().min(1).max(10).optional() }),
    },
    ({ steps = 10 }, ctx) => {
      for (let step = 1; step <= steps; step += 1) ctx.progress(step, steps, `step ${step}`);
      return 'done';
    },
  );

  server.registerTool(
    'book',
    {
      description: 'Books a trip after two questions',
      inputSchema: z.object({ city: z.string() }),
    },
    async ({ city }, ctx) => {
      const nights = await ctx.elicit(`How many nights in ${city}?`, nightsSchema);
      if (nights.action !== 'accept') return 'No trip booked.';
      const sure = await ctx.elicit('Book it?', confirmSchema);
      if (sure.action !== 'accept' || !sure.content.confirm) return 'No trip booked.';
      return `Booked ${nights.content.nights} nights in ${city}.`;
    },
  );

  server.registerTool(
    'survey',
    {
      description: `Asks ${SURVEY_QUESTIONS} questions one after another, then answers the total`,
      inputSchema: z.object({ topic: z.string() }),
    },
    async ({ topic }, ctx) => {
      let total = 0;
      for (let question = 1; question <= SURVEY_QUESTIONS; question += 1) {
        const answer = await ctx.elicit(`${topic}: score for question ${question}?`, scoreSchema);
        if (answer.action !== 'accept') return 'Survey abandoned.';
        total += answer.content.score;
      }
      return `Survey total ${total}.`;
    },
  );

  server.registerTool(
    'sleep',
    {
      description: 'Waits, or stops when cancelled',
      inputSchema: z.object({ ms: z.number().int().min(0).max(10_000) }),
    },
    ({ ms }, ctx) => {
      // With a progress token the answer turns into an SSE stream at once (the soak closes it).
      ctx.progress(1, 2, 'sleeping');
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          ctx.signal.removeEventListener('abort', done);
          resolve(ctx.signal.aborted ? 'cancelled' : 'slept');
        };
        const timer = setTimeout(done, ms);
        ctx.signal.addEventListener('abort', done, { once: true });
      });
    },
  );

  return server;
}

/** The side-channel hooks of a Tern server. */
export function ternHooks(name, server) {
  return {
    name,
    notify: () => server.notifyToolsListChanged(),
    counters: () => ({ busListeners: server.changeBus.size ?? -1 }),
  };
}
