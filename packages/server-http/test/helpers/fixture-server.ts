// The McpServer every HTTP test talks to: tools that echo, mirror headers, stream progress, wait
// for cancellation, throw, and ask for input; one resource and one prompt; a change bus that counts
// its subscribers so tests can see listen streams come and go.
import { InMemoryChangeBus, McpServer } from '@tern/core-protocol';
import type { McpServerOptions } from '@tern/core-protocol';

/** What the fixture's handlers observed. */
export interface FixtureRecord {
  /** Calls of the `count` tool (a side effect that must not happen for rejected requests). */
  counted: number;
  /** Request ids whose handler saw its signal abort. */
  aborted: (string | number)[];
  /** Request ids whose handler started. */
  started: (string | number)[];
}

/** A change bus whose live subscriber count (listen streams and plain subscribers) is visible. */
export class CountingChangeBus extends InMemoryChangeBus {
  get subscribers(): number {
    return this.size;
  }
}

/** A fixture server and what it recorded. */
export interface Fixture {
  server: McpServer;
  record: FixtureRecord;
  bus: CountingChangeBus;
  warnings: string[];
  errors: unknown[];
}

const KEY = { id: 'test-key', secret: new Uint8Array(32).fill(7) };

/** Waits `ms`, or until `signal` aborts. */
function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Builds the fixture server. */
export function createFixture(options: McpServerOptions = {}): Fixture {
  const record: FixtureRecord = { counted: 0, aborted: [], started: [] };
  const bus = new CountingChangeBus();
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const server = new McpServer(
    { name: 'fixture', version: '1.0.0' },
    {
      requestState: { keys: [KEY] },
      changeBus: bus,
      logger: { warn: (message) => warnings.push(message) },
      onError: (error) => errors.push(error),
      ...options,
    },
  );

  server.registerTool<{ text?: string }>(
    'echo',
    { inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
    (args) => args.text ?? 'empty',
  );
  server.registerTool('count', {}, () => {
    record.counted += 1;
    return 'counted';
  });
  server.registerTool<{ region?: string | null; count?: number; flag?: boolean }>(
    'region',
    {
      inputSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', 'x-mcp-header': 'Region' },
          count: { type: 'integer', 'x-mcp-header': 'Count' },
          flag: { type: 'boolean', 'x-mcp-header': 'Flag' },
        },
      },
    },
    (args) => `region=${String(args.region)} count=${String(args.count)} flag=${String(args.flag)}`,
  );
  server.registerTool<{ steps?: number; waitMs?: number }>(
    'progress',
    {
      inputSchema: {
        type: 'object',
        properties: { steps: { type: 'integer' }, waitMs: { type: 'integer' } },
      },
    },
    async (args, ctx) => {
      record.started.push(ctx.requestId);
      const steps = args.steps ?? 3;
      for (let step = 1; step <= steps; step += 1) ctx.progress(step, steps, `step ${step}`);
      await waitOrAbort(args.waitMs ?? 0, ctx.signal);
      if (ctx.signal.aborted) record.aborted.push(ctx.requestId);
      return `done after ${steps} steps`;
    },
  );
  server.registerTool<{ waitMs?: number }>(
    'slow',
    { inputSchema: { type: 'object', properties: { waitMs: { type: 'integer' } } } },
    async (args, ctx) => {
      record.started.push(ctx.requestId);
      await waitOrAbort(args.waitMs ?? 5000, ctx.signal);
      if (ctx.signal.aborted) record.aborted.push(ctx.requestId);
      return 'slow done';
    },
  );
  server.registerTool('throws', {}, () => {
    throw new Error('secret at /srv/app/internal.ts:42 token=abc123');
  });
  server.registerTool('not-json', {}, () => ({
    content: [{ type: 'text', text: 'x' }],
    structuredContent: { big: 10n },
  }));
  server.registerTool('ask', {}, async (_args, ctx) => {
    const answer = await ctx.elicit('Proceed?', {
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
    });
    return answer.action;
  });
  server.registerResource({ uri: 'file:///a.txt', name: 'a' }, (uri) => ({
    contents: [{ uri, text: 'A' }],
  }));
  server.registerPrompt('greet', { arguments: [{ name: 'who' }] }, (args) => ({
    messages: [
      {
        role: 'user',
        content: { type: 'text', text: `Hello ${String((args as { who?: string }).who)}` },
      },
    ],
  }));
  return { server, record, bus, warnings, errors };
}
