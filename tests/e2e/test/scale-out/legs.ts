// The clients of the scale-out suite, each behind the round-robin proxy: Tern's McpClient (with
// withTasks, so tools/call answers tasks transparently), Tern's explicit TaskClient, and the
// official v2 client. The official client 2.4.0 has no SEP-2663 support: its 2026-07-28 codec
// rejects any `resultType` but `complete` and `input_required` ("Unsupported result type 'task'"),
// so it cannot take the CreateTaskResult of tools/call; it follows a task by id through its
// generic request() API (tasks/get, tasks/update, tasks/cancel), which it does allow.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import { TaskClient, TASKS_EXTENSION_ID, withTasks } from '@tern/tasks';
import { z } from 'zod';

/** The answers a scripted user gives to the fixture's questions. */
export function answerFor(message: string): {
  action: 'accept';
  content: Record<string, number | boolean>;
} {
  if (message.startsWith('How many nights')) return { action: 'accept', content: { nights: 2 } };
  return { action: 'accept', content: { ok: true } };
}

/** Tern's client; `onAsk` runs before each answer (the suite kills instances there). */
export function ternClient(
  url: string,
  onAsk: (message: string) => Promise<void> = () => Promise.resolve(),
): McpClient {
  return new McpClient(
    { name: 'scale-out-tern', version: '1.0.0' },
    {
      transport: withTasks(new StreamableHttpTransport({ url })),
      handlers: {
        elicitForm: async (params) => {
          await onAsk(params.message);
          return answerFor(params.message);
        },
      },
    },
  );
}

/** The official v2 client pinned to 2026-07-28, declaring form elicitation and the tasks extension. */
export async function officialClient(url: string): Promise<Client> {
  const client = new Client(
    { name: 'scale-out-official', version: '2.4.0' },
    {
      capabilities: { elicitation: { form: {} }, extensions: { [TASKS_EXTENSION_ID]: {} } },
      versionNegotiation: { mode: { pin: '2026-07-28' }, probe: { timeoutMs: 5_000 } },
    },
  );
  client.setRequestHandler('elicitation/create', (request) =>
    request.params.mode === 'url' ? { action: 'decline' } : answerFor(request.params.message),
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

const TASK = z.looseObject({ taskId: z.string(), status: z.string() });
const DETAILED = z.looseObject({
  taskId: z.string(),
  status: z.string(),
  inputRequests: z
    .record(z.string(), z.looseObject({ params: z.looseObject({ message: z.string() }) }))
    .optional(),
  result: z
    .looseObject({ content: z.array(z.looseObject({ text: z.string().optional() })) })
    .optional(),
  error: z.looseObject({ code: z.number(), message: z.string() }).optional(),
});
const ACK = z.looseObject({});

/** Starts a tool as a task with Tern's explicit TaskClient and gives the task's id. */
export async function startTask(
  url: string,
  name: string,
  args: Record<string, unknown>,
): Promise<string> {
  const tasks = new TaskClient({
    transport: new StreamableHttpTransport({ url }),
    clientInfo: { name: 'scale-out-starter', version: '1.0.0' },
    handlers: { elicitForm: (params) => Promise.resolve(answerFor(params.message)) },
  });
  const outcome = await tasks.start(name, args);
  if (outcome.kind !== 'task') throw new Error(`${name} did not run as a task`);
  return outcome.task.taskId;
}

/** What the official client's tools/call does with a task tool (it rejects: see above). */
export function officialStart(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<unknown> {
  return client.request({ method: 'tools/call', params: { name, arguments: args } }, TASK);
}

/** Follows a task with the official client's request(): poll, answer each input request once, result. */
export async function officialFollow(
  client: Client,
  taskId: string,
  options: { beforeUpdate?: () => Promise<void>; deadlineMs?: number } = {},
): Promise<z.infer<typeof DETAILED>> {
  const deadlineMs = options.deadlineMs ?? 20_000;
  const started = { taskId };
  const deadline = Date.now() + deadlineMs;
  const answered = new Set<string>();
  while (Date.now() < deadline) {
    const task = await client.request(
      { method: 'tasks/get', params: { taskId: started.taskId } },
      DETAILED,
    );
    if (['completed', 'failed', 'cancelled'].includes(task.status)) return task;
    const fresh = Object.entries(task.inputRequests ?? {}).filter(([key]) => !answered.has(key));
    if (fresh.length > 0) {
      const inputResponses = Object.fromEntries(
        fresh.map(([key, ask]) => [key, answerFor(ask.params.message)]),
      );
      for (const [key] of fresh) answered.add(key);
      await options.beforeUpdate?.();
      await client.request(
        { method: 'tasks/update', params: { taskId: started.taskId, inputResponses } },
        ACK,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Task ${started.taskId} did not finish within ${String(deadlineMs)} ms`);
}
