// Issue 12, attacks 2-5 on the dual-era layer, each at a size that crashed or locked out the
// demo server before: every test asserts the bounded answer, that other clients are still
// served, and the heap after full GCs (the shared Vitest config runs with --expose-gc). The
// budget itself is the table in docs/deployment.md.
import { heapAfterGc, mb } from '@tern/vitest-config/heap';
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, initializeBody, openSession, ping, rawPost, startHostileServer } from './helpers/hostile-server.js';
import type { HostileServer, RawAnswer } from './helpers/hostile-server.js';

let running: HostileServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Parameters<typeof startHostileServer>[0] = {}): Promise<HostileServer> {
  running = await startHostileServer(options);
  return running;
}

/** `clientInfo` junk of about 3.9 MB: a long string and many small objects. */
function junkClientInfo(): Record<string, unknown> {
  return {
    name: 'junk',
    version: '1',
    blob: 'b'.repeat(1_900_000),
    many: Array.from({ length: 50_000 }, (_, index) => ({ k: index, v: 'xxxxxxxxxxxxxxxxxxxx' })),
  };
}

describe('attack 3: initialize with huge clientInfo and capabilities', () => {
  // 79 MB of heap per session before: 24 of them are past the default V8 heap of a 2-core box.
  it('refuses a 3.9 MB clientInfo with 400 -32602 and opens nothing, 24 times over; others still connect', async () => {
    const server = await start();
    const before = await heapAfterGc();
    for (let index = 0; index < 24; index += 1) {
      const { status, sessionId, answer } = await openSession(server.port, {
        principal: `junk-${index}`,
        body: initializeBody({ clientInfo: junkClientInfo() }),
      });
      expect(status).toBe(400);
      expect(sessionId).toBeUndefined();
      expect(errorOf(answer).code).toBe(-32602);
    }
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB`).toBeLessThan(8 * 1024 * 1024);
    expect(server.layer.sessionCount).toBe(0);
    const real = await openSession(server.port, { principal: 'real', confirm: true });
    expect(real.status).toBe(200);
    expect(await ping(server.port, real.sessionId ?? '', { principal: 'real' })).toBe(200);
  }, 60_000);

  it('keeps normalised copies: unknown fields of clientInfo and capabilities are dropped', async () => {
    const server = await start();
    const { status } = await openSession(server.port, {
      body: initializeBody({
        clientInfo: { name: 'c', version: '1', icons: [{ src: 'https://x.example/i.png' }], extra: 'e'.repeat(3000) },
        capabilities: { sampling: { context: { deep: 'd'.repeat(2000) }, junk: 1 }, elicitation: { form: {} }, tasks: { list: {} }, other: 2 },
      }),
    });
    expect(status).toBe(200);
    const [session] = [...server.store.values()];
    expect(session?.clientInfo).toEqual({ name: 'c', version: '1' });
    expect(session?.clientCapabilities).toEqual({ sampling: { context: {} }, elicitation: { form: {} } });
  });
});

describe('attack 5: filling the session table', () => {
  it('lets 1,000 anonymous initialize calls from one address hold 16 sessions; a client from another address connects', async () => {
    const server = await start();
    const before = await heapAfterGc();
    for (let wave = 0; wave < 50; wave += 1) {
      const opened = await Promise.all(Array.from({ length: 20 }, () => openSession(server.port, { from: '127.0.0.1' })));
      // Each one past the quota ends the oldest unconfirmed session of the same address.
      expect(opened.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    }
    expect(server.layer.sessionCount).toBe(16);
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB`).toBeLessThan(8 * 1024 * 1024);
    const other = await openSession(server.port, { from: '127.0.0.2', confirm: true });
    expect(other.status).toBe(200);
    expect(await ping(server.port, other.sessionId ?? '', { from: '127.0.0.2' })).toBe(200);
  }, 60_000);

  it('answers 429 with Retry-After to a client whose 16 sessions are all confirmed', async () => {
    const server = await start();
    for (let index = 0; index < 16; index += 1) {
      expect((await openSession(server.port, { principal: 'greedy', confirm: true })).status).toBe(200);
    }
    const refused = await openSession(server.port, { principal: 'greedy' });
    expect(refused.status).toBe(429);
    expect(refused.answer.headers['retry-after']).toBe('5');
    expect(errorOf(refused.answer)).toMatchObject({ code: -32603, data: { limit: 'client', retryAfterSeconds: 5 } });
    expect((await openSession(server.port, { principal: 'polite' })).status).toBe(200);
  });

  it('evicts unconfirmed sessions first when the table is full, and answers 503 only when every session is confirmed', async () => {
    const server = await start({ maxSessions: 20 });
    const confirmed: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const opened = await openSession(server.port, { principal: `real-${index}`, confirm: true });
      confirmed.push(opened.sessionId ?? '');
    }
    for (let index = 0; index < 200; index += 1) {
      expect((await openSession(server.port, { principal: `squatter-${index}` })).status).toBe(200);
    }
    expect(server.layer.sessionCount).toBe(20);
    for (const [index, sessionId] of confirmed.entries()) expect(await ping(server.port, sessionId, { principal: `real-${index}` })).toBe(200);
    for (let index = 10; index < 20; index += 1) {
      expect((await openSession(server.port, { principal: `real-${index}`, confirm: true })).status).toBe(200);
    }
    const full = await openSession(server.port, { principal: 'late' });
    expect(full.status).toBe(503);
    expect(full.answer.headers['retry-after']).toBe('5');
    expect(errorOf(full.answer)).toMatchObject({ code: -32603, data: { limit: 'server' } });
  });
});

/** A 2025-03-26 batch of `count` calls of the `sample` tool. */
function samplingBatch(count: number): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, index) => ({
      jsonrpc: '2.0',
      id: index + 1,
      method: 'tools/call',
      params: { name: 'sample', arguments: {} },
    })),
  );
}

describe('attack 2: pending server-to-client requests', () => {
  it('refuses a 20,000-call 2025-03-26 batch at once with 429, 12 times over; a batch within the share runs', { timeout: 60_000 }, async () => {
    const server = await start();
    const before = await heapAfterGc();
    const abandoned: RawAnswer[] = [];
    for (let index = 0; index < 12; index += 1) {
      const principal = `batch-${index}`;
      const { sessionId } = await openSession(server.port, { principal, version: '2025-03-26', confirm: true });
      const headers = { 'mcp-session-id': sessionId ?? '', 'x-principal': principal };
      const refused = await rawPost(server.port, { body: samplingBatch(20_000), headers });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('5');
      expect(errorOf(refused)).toMatchObject({ code: -32603, data: { limit: 'client' } });
      // The largest batch allowed, abandoned while every call waits for its sampling answer.
      const answer = await rawPost(server.port, { body: samplingBatch(32), headers });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toContain('text/event-stream');
      answer.abort();
      abandoned.push(answer);
    }
    for (const session of server.store.values()) {
      expect(session.running.size).toBeLessThanOrEqual(32);
      expect(session.pendingAsks).toBeLessThanOrEqual(16);
    }
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB`).toBeLessThan(40 * 1024 * 1024);
    const other = await openSession(server.port, { principal: 'other', confirm: true });
    expect(await ping(server.port, other.sessionId ?? '', { principal: 'other' })).toBe(200);
  });

  it('answers a lone request past the session share with 429 and Retry-After', async () => {
    const server = await start({ maxRequestsPerSession: 2 });
    const { sessionId } = await openSession(server.port, { principal: 'p', confirm: true });
    const call = (id: number): Promise<RawAnswer> =>
      rawPost(server.port, {
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'sample', arguments: {} } }),
        headers: { 'mcp-session-id': sessionId ?? '', 'mcp-protocol-version': '2025-11-25', 'x-principal': 'p' },
      });
    const first = await call(1);
    const second = await call(2);
    const third = await call(3);
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('5');
    expect(errorOf(third)).toMatchObject({ code: -32603, data: { limit: 'client' } });
    first.abort();
    second.abort();
  });

  it('bounds what abandoned 2025-11-25 eliciting calls keep, per client, by the ask budget', { timeout: 60_000 }, async () => {
    const server = await start();
    const before = await heapAfterGc();
    const open: RawAnswer[] = [];
    const codes: number[] = [];
    // 40 calls of 1 MB each (arguments the tool's schema strips) from one principal: 16 MiB may wait.
    for (let session = 0; session < 4; session += 1) {
      const { sessionId } = await openSession(server.port, { principal: 'hoarder', confirm: true });
      for (let index = 0; index < 10; index += 1) {
        const answer = await rawPost(server.port, {
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: index + 1,
            method: 'tools/call',
            params: { name: 'confirm', arguments: { what: 'x', stripped: 's'.repeat(1_000_000) } },
          }),
          headers: { 'mcp-session-id': sessionId ?? '', 'mcp-protocol-version': '2025-11-25', 'x-principal': 'hoarder' },
        });
        if (answer.body.includes('elicitation/create')) open.push(answer);
        else codes.push(errorCodeIn(answer.body));
      }
    }
    expect(open.length).toBeLessThanOrEqual(16);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes)).toEqual(new Set([-32603]));
    for (const answer of open) answer.abort();
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB`).toBeLessThan(40 * 1024 * 1024);
    // Another principal's ask still goes out.
    const { sessionId } = await openSession(server.port, { principal: 'other', confirm: true });
    const other = await rawPost(server.port, {
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'confirm', arguments: {} } }),
      headers: { 'mcp-session-id': sessionId ?? '', 'mcp-protocol-version': '2025-11-25', 'x-principal': 'other' },
    });
    expect(other.body).toContain('elicitation/create');
    other.abort();
  });
});

/** The JSON-RPC error code of a JSON body or of the last SSE `data:` line. */
function errorCodeIn(body: string): number {
  const lines = body.split('\n').filter((line) => line.startsWith('data: ') && line.length > 6);
  const json = lines.length === 0 ? body : (lines.at(-1) ?? '').slice(6);
  return (JSON.parse(json) as { error: { code: number } }).error.code;
}

describe('attack 4: resources/subscribe', () => {
  it('refuses the 65th URI and a URI over 1,024 characters with -32602; unsubscribing makes room', { timeout: 60_000 }, async () => {
    const server = await start();
    const { sessionId } = await openSession(server.port, { principal: 'subscriber', confirm: true });
    const subscribe = async (method: string, uri: string): Promise<Record<string, unknown>> => {
      const answer = await rawPost(server.port, {
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { uri } }),
        headers: { 'mcp-session-id': sessionId ?? '', 'mcp-protocol-version': '2025-11-25', 'x-principal': 'subscriber' },
      });
      return JSON.parse(answer.body) as Record<string, unknown>;
    };
    const before = await heapAfterGc();
    for (let index = 0; index < 64; index += 1) {
      expect(await subscribe('resources/subscribe', `test://a/${index}`)).toHaveProperty('result');
    }
    for (let index = 64; index < 400; index += 1) {
      expect(await subscribe('resources/subscribe', `test://a/${index}/${'p'.repeat(900)}`)).toMatchObject({ error: { code: -32602 } });
    }
    expect(await subscribe('resources/subscribe', `test://a/${'p'.repeat(1025)}`)).toMatchObject({ error: { code: -32602 } });
    const [session] = [...server.store.values()];
    expect(session?.subscriptions.size).toBe(64);
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB`).toBeLessThan(4 * 1024 * 1024);
    expect(await subscribe('resources/subscribe', 'test://a/0')).toHaveProperty('result');
    expect(await subscribe('resources/unsubscribe', 'test://a/0')).toHaveProperty('result');
    expect(await subscribe('resources/subscribe', 'test://a/new')).toHaveProperty('result');
  });
});
