// Faults in the scale-out deployment (three Tern processes, one real Redis, a round-robin proxy):
// an instance killed (SIGKILL) in the middle of a conversation, of a call and of a task, Redis
// paused (SIGSTOP) for a few seconds, and Redis restarted. Each ends with nothing lost that the
// design keeps (conversations live in the sealed requestState, tasks in Redis while it runs) or
// with a clear error (503 with Retry-After, a failed task, an unknown task), never a hang: every
// wait is bounded.
import { JsonRpcError } from '@tern/jsonrpc';
import { TaskClient } from '@tern/tasks';
import { StreamableHttpTransport, StreamInterruptedError } from '@tern/client-http';
import { afterEach, describe, expect, it } from 'vitest';
import { expectRoundRobin, useScaleOut } from './harness.js';
import { answerFor, ternClient } from './legs.js';

const scale = useScaleOut();

/** Restarts whatever a test killed, so each test starts with three instances. */
afterEach(async () => {
  for (const instance of scale.cluster.instances) {
    if (instance.port === undefined) await instance.restart();
  }
}, 120_000);

function taskClient(): TaskClient {
  return new TaskClient({
    transport: new StreamableHttpTransport({ url: scale.proxy.url }),
    clientInfo: { name: 'scale-out-faults', version: '1.0.0' },
    handlers: { elicitForm: (params) => Promise.resolve(answerFor(params.message)) },
    requestTimeoutMs: 15_000,
  });
}

const byId = (id: string | undefined) => {
  const instance = scale.cluster.instances.find((candidate) => candidate.id === id);
  if (instance === undefined) throw new Error(`No instance ${String(id)}`);
  return instance;
};

const unavailable = (error: unknown): boolean =>
  (error as { data?: { limit?: unknown } } | undefined)?.data?.limit === 'server';

/** Runs `attempt` until it no longer meets the 503 of an instance still reconnecting (bounded). */
async function whenRedisIsBack(attempt: () => Promise<unknown>): Promise<unknown> {
  for (let i = 0; ; i += 1) {
    const outcome = await attempt().catch((error: unknown) => error);
    if (!unavailable(outcome) || i >= 40) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('scale-out faults', () => {
  it('finishes a conversation whose instance was killed between two rounds', async () => {
    const since = scale.mark();
    let killed: string | undefined;
    const client = ternClient(scale.proxy.url, async (message) => {
      if (killed !== undefined || !message.startsWith('How many nights')) return;
      // The user is answering round 1: the instance that served it dies now.
      killed = since().findLast((entry) => entry.method === 'tools/call')?.instance;
      await byId(killed).kill();
    });
    const result = await client.callTool('book', { city: 'Braga' }, { timeoutMs: 20_000 });
    expect(result.content).toEqual([{ type: 'text', text: 'Booked 2 nights in Braga.' }]);
    const calls = since().filter((entry) => entry.method === 'tools/call');
    expect(calls).toHaveLength(3);
    expect(calls.slice(1).map((entry) => entry.instance)).not.toContain(killed);
    expect(calls.every((entry) => entry.status === 200)).toBe(true);
  });

  it('gives a call in flight on an instance that is killed a prompt outcome, never a hang', async () => {
    const client = ternClient(scale.proxy.url);
    const victim = byId(scale.proxy.upcoming());
    const started = Date.now();
    const call = client.callTool('slow', { ms: 3_000 }, { timeoutMs: 15_000 }).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await victim.kill();
    const outcome = await call;
    // A plain call is not kept anywhere (no task): the client gets a clear error, at once, and
    // may call again; the proxy answers the next request from another instance.
    expect(outcome).toMatchObject({ error: { code: 'STREAM_INTERRUPTED' } });
    expect((outcome as { error: Error }).error).toBeInstanceOf(StreamInterruptedError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails, once its lease ran out, a task whose instance was killed while it ran', async () => {
    const tasks = taskClient();
    const since = scale.mark();
    const outcome = await tasks.start('build', {});
    if (outcome.kind !== 'task') throw new Error('build did not run as a task');
    const runner = since().find((entry) => entry.method === 'tools/call')?.instance;
    await expect.poll(async () => (await tasks.get(outcome.task.taskId)).status).toBe('working');
    await byId(runner).kill();
    const killedAt = Date.now();
    let task = await tasks.get(outcome.task.taskId);
    while (task.status === 'working' && Date.now() - killedAt < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      task = await tasks.get(outcome.task.taskId);
    }
    expect(task).toMatchObject({
      status: 'failed',
      error: {
        code: -32603,
        message: 'The server running this task stopped before the task finished',
      },
    });
    // Within the lease (4 s) and a few polls, not the task's one-hour TTL.
    expect(Date.now() - killedAt).toBeLessThan(8_000);
  });

  it('rides out Redis paused for 2 s: the task finishes, and calls that need no Redis answer meanwhile', async () => {
    const since = scale.mark();
    const client = ternClient(scale.proxy.url);
    const running = client.callTool(
      'export',
      { rows: 5, steps: 10, stepMs: 150 },
      { timeoutMs: 30_000 },
    );
    await expect
      .poll(() => since().some((entry) => entry.method === 'tasks/update'), { timeout: 10_000 })
      .toBe(true);
    scale.redis.pause();
    try {
      const plain = ternClient(scale.proxy.url);
      const started = Date.now();
      const sum = await plain.callTool('add', { a: 2, b: 3 }, { timeoutMs: 5_000 });
      expect(sum.content[0]).toMatchObject({
        text: expect.stringMatching(/^5 \(by i\d\)$/) as unknown,
      });
      // Redis is frozen until after this call: an answer at all shows the call did not need it.
      expect(Date.now() - started).toBeLessThan(4_000);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    } finally {
      scale.redis.resume();
    }
    const result = await running;
    expect(result.content[0]).toMatchObject({
      text: expect.stringMatching(/^Exported 5 rows on i\d\.$/) as unknown,
    });
    expectRoundRobin(since());
  });

  it('answers 503 with Retry-After while Redis is down, keeps plain calls working, and recovers after a restart', async () => {
    const tasks = taskClient();
    const before = await tasks.start('build', {});
    if (before.kind !== 'task') throw new Error('build did not run as a task');
    await scale.redis.stop();
    try {
      const since = scale.mark();
      const client = ternClient(scale.proxy.url);
      const started = Date.now();
      const refused = await client.callTool('export', { rows: 1 }, { timeoutMs: 10_000 }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(JsonRpcError);
      expect(refused).toMatchObject({
        code: -32603,
        data: { retryAfterSeconds: 2, limit: 'server' },
      });
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(since().find((entry) => entry.method === 'tools/call')).toMatchObject({
        status: 503,
        retryAfter: '2',
      });
      for (let i = 0; i < 3; i += 1) {
        const sum = await client.callTool('add', { a: i, b: 1 }, { timeoutMs: 5_000 });
        expect(sum.content[0]).toMatchObject({
          text: expect.stringContaining(`${String(i + 1)} (by`) as unknown,
        });
      }
    } finally {
      await scale.redis.restart();
    }
    // Without persistence, Redis came back empty: the earlier task is unknown (-32602), plainly,
    // once the instance that answers has reconnected (until then: the 503 above).
    const lost = await whenRedisIsBack(() => tasks.get(before.task.taskId));
    expect(lost).toMatchObject({ code: -32602, message: 'Unknown task' });
    // The instances reconnect by themselves: a new task runs end to end.
    const client = ternClient(scale.proxy.url);
    const result = await whenRedisIsBack(() =>
      client.callTool('export', { rows: 9 }, { timeoutMs: 10_000 }),
    );
    expect((result as { content: unknown[] }).content[0]).toMatchObject({
      text: expect.stringMatching(/^Exported 9 rows on i\d\.$/) as unknown,
    });
  });
});
