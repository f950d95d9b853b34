// The official MCP TypeScript SDK v2 (@modelcontextprotocol/server) serving the bench's tools, in
// its documented 2026-07-28 stateless setup: createMcpHandler with a per-request factory (one fresh
// McpServer per HTTP request), requestState protected with createRequestStateCodec.
import {
  acceptedContent,
  createMcpHandler,
  createRequestStateCodec,
  inputRequired,
  McpServer,
} from '@modelcontextprotocol/server';
import { z } from 'zod';

const stateCodec = createRequestStateCodec({
  key: new Uint8Array(32).fill(7),
  ttlSeconds: 900,
  // The documented binding example: the state is only good for the method it was minted on.
  bind: (ctx) => `${ctx.mcpReq.method}\0bench`,
});

// Every schema is built once, outside the per-request factory: the factory runs on every request,
// and a schema object built there would be converted to JSON Schema again each time (measured:
// about a third more CPU per call). This is the official server at its best.
const echoInput = z.object({ text: z.string() });
const progressInput = z.object({ steps: z.number().int().min(1).max(10).optional() });
const bookInput = z.object({ city: z.string() });
const nightsSchema = z.object({ nights: z.number().int().min(1) });
const confirmSchema = z.object({ confirm: z.boolean() });

/** The per-request factory: the same tools as the Tern bench server. */
export function createServer() {
  const server = new McpServer(
    { name: 'official-bench', version: '1.0.0' },
    { requestState: { verify: stateCodec.verify } },
  );

  server.registerTool(
    'echo',
    { description: 'Answers its text', inputSchema: echoInput },
    ({ text }) => ({ content: [{ type: 'text', text }] }),
  );

  server.registerTool(
    'progress',
    {
      description: 'Reports progress, then answers',
      inputSchema: progressInput,
    },
    async ({ steps = 10 }, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      if (progressToken !== undefined) {
        for (let step = 1; step <= steps; step += 1) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken, progress: step, total: steps, message: `step ${step}` },
          });
        }
      }
      return { content: [{ type: 'text', text: 'done' }] };
    },
  );

  // Two questions, written the documented write-once way: every input_required round mints a
  // signed requestState that carries what is known so far; the next round verifies it.
  server.registerTool(
    'book',
    {
      description: 'Books a trip after two questions',
      inputSchema: bookInput,
    },
    async ({ city }, ctx) => {
      const state = ctx.mcpReq.requestState();
      const responses = ctx.mcpReq.inputResponses;
      const askNights = async () =>
        inputRequired({
          inputRequests: {
            nights: inputRequired.elicit({
              message: `How many nights in ${city}?`,
              requestedSchema: nightsSchema,
            }),
          },
          requestState: await stateCodec.mint({ step: 1, city }, ctx),
        });
      if (state === undefined) return askNights();
      if (state.step === 1) {
        const nights = acceptedContent(responses, 'nights', nightsSchema);
        if (nights === undefined) return askNights();
        return inputRequired({
          inputRequests: {
            confirm: inputRequired.elicit({ message: 'Book it?', requestedSchema: confirmSchema }),
          },
          requestState: await stateCodec.mint({ step: 2, city, nights: nights.nights }, ctx),
        });
      }
      const sure = acceptedContent(responses, 'confirm', confirmSchema);
      if (sure?.confirm !== true) return { content: [{ type: 'text', text: 'No trip booked.' }] };
      return {
        content: [{ type: 'text', text: `Booked ${state.nights} nights in ${state.city}.` }],
      };
    },
  );

  return server;
}

/** The modern-only handler (`legacy: 'reject'`, like Tern's modern-only endpoint). */
export function createOfficialHandler() {
  return createMcpHandler(createServer, { legacy: 'reject' });
}

/** The side-channel hooks of an official server. */
export function officialHooks(name, handler) {
  return {
    name,
    notify: () => handler.notify.toolsChanged(),
    counters: () => ({ busListeners: handler.bus.listenerCount ?? -1 }),
  };
}
