// Issue 12: the memory budget as a whole. One process opens the maximum of everything at once at
// the largest sizes the default limits allow: listen streams with full filters and long ids,
// legacy sessions with the largest client description and every subscription they may hold, and
// pending asks up to the whole ask budget. The resident set must stay under the ceiling that
// docs/deployment.md documents. The counts are the configured caps (`maxListenStreams`,
// `maxSessions`) set to 250 to keep CI fast; every per-item size is the default maximum, so the
// per-item costs below scale linearly to the default caps of 1000 (the table in deployment.md).
import { heapAfterGc, mb } from '@tern/vitest-config/heap';
import { afterAll, describe, expect, it } from 'vitest';
import { errorOf, initializeBody, openSession, rawPost, startHostileServer } from './helpers/hostile-server.js';
import type { HostileServer, RawAnswer } from './helpers/hostile-server.js';

const STREAMS = 250;
const SESSIONS = 250;
const ASKING_PRINCIPALS = 4;
/** The documented ceiling of resident memory this test may add (docs/deployment.md). */
const RSS_BUDGET = 384 * 1024 * 1024;
/** Absolute ceiling of the whole test process (Vitest itself included). */
const RSS_CEILING = 1024 * 1024 * 1024;

let server: HostileServer | undefined;
const open: RawAnswer[] = [];
afterAll(async () => {
  for (const answer of open) answer.abort();
  await server?.close();
});

const uri = (prefix: string, index: number): string => `${prefix}${index}/${'u'.repeat(1024 - prefix.length - 8)}`.slice(0, 1024);

function listenBody(index: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: `${String(index).padStart(4, '0')}${'i'.repeat(124)}`,
    method: 'subscriptions/listen',
    params: {
      _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} },
      notifications: {
        toolsListChanged: true,
        resourcesListChanged: true,
        resourceSubscriptions: Array.from({ length: 32 }, (_, n) => uri(`test://a/${index}/`, n)),
      },
    },
  });
}

const LISTEN_HEADERS = {
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'subscriptions/listen',
};

/** A client description of almost the 8,192 characters allowed. */
const BIG_DESCRIPTION = initializeBody({
  version: '2025-03-26',
  clientInfo: { name: 'max', version: '1', description: 'd'.repeat(8000) },
  capabilities: { sampling: {}, roots: {} },
});

describe('the memory budget, everything at its maximum at once', () => {
  it(`keeps ${STREAMS} listen streams, ${SESSIONS} full sessions and the whole ask budget under the ceiling`, { timeout: 240_000 }, async () => {
    server = await startHostileServer({ maxSessions: SESSIONS }, { limits: { maxListenStreams: STREAMS } });
    const port = server.port;
    const rssBefore = (await heapAfterGc(), process.memoryUsage().rss);

    for (let index = 0; index < STREAMS; index += 1) {
      const answer = await rawPost(port, { body: listenBody(index), headers: { ...LISTEN_HEADERS, 'x-principal': `listener-${index}` } });
      expect(answer.status).toBe(200);
      open.push(answer);
    }

    // Sessions: all but the asking ones subscribe to 64 URIs of 1,024 characters (two batches).
    for (let index = 0; index < SESSIONS - ASKING_PRINCIPALS; index += 1) {
      const principal = `session-${index}`;
      const { sessionId, status } = await openSession(port, { principal, body: BIG_DESCRIPTION, confirm: true });
      expect(status).toBe(200);
      for (const half of [0, 1]) {
        const batch = Array.from({ length: 32 }, (_, n) => ({
          jsonrpc: '2.0',
          id: n + 1,
          method: 'resources/subscribe',
          params: { uri: uri(`test://a/${index}/`, half * 32 + n) },
        }));
        const answer = await rawPost(port, { body: JSON.stringify(batch), headers: { 'mcp-session-id': sessionId ?? '', 'x-principal': principal } });
        expect(answer.status).toBe(200);
      }
    }
    for (const session of server.store.values()) expect(session.subscriptions.size).toBe(64);

    // Pending asks: each asking principal fills its 16 MiB of the 64 MiB budget with 1 MB calls.
    for (let index = 0; index < ASKING_PRINCIPALS; index += 1) {
      const principal = `asker-${index}`;
      const { sessionId } = await openSession(port, { principal, confirm: true });
      for (let call = 0; call < 16; call += 1) {
        const answer = await rawPost(port, {
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: call + 1,
            method: 'tools/call',
            params: { name: 'confirm', arguments: { what: 'x', padding: 'p'.repeat(1_040_000) } },
          }),
          headers: { 'mcp-session-id': sessionId ?? '', 'mcp-protocol-version': '2025-11-25', 'x-principal': principal },
        });
        expect(answer.body).toContain('elicitation/create');
        open.push(answer);
      }
    }
    expect(server.layer.sessionCount).toBe(SESSIONS);

    await heapAfterGc();
    const rss = process.memoryUsage().rss;
    const added = rss - rssBefore;
    expect(added, `RSS grew ${mb(added)} MB to ${mb(rss)} MB`).toBeLessThan(RSS_BUDGET);
    expect(rss).toBeLessThan(RSS_CEILING);

    // Full everywhere, and still answering: more is refused with the right status, not a crash.
    const sessionRefused = await openSession(port, { principal: 'late' });
    expect(sessionRefused.status).toBe(503);
    const listenRefused = await rawPost(port, { body: listenBody(9999), headers: { ...LISTEN_HEADERS, 'x-principal': 'late' } });
    expect(listenRefused.status).toBe(503);
    expect(errorOf(listenRefused)).toMatchObject({ code: -32603, data: { limit: 'server' } });
    const list = await rawPost(port, {
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
      }),
      headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    });
    expect(list.status).toBe(200);
  });
});
