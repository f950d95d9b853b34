// Issue 12, attack 1 (and the listen half of attack 5), over real HTTP behind every adapter:
// `subscriptions/listen` requests of almost 4 MB (junk in unknown params fields and in `_meta`,
// the largest filter allowed) must keep only their small normalised filter for the life of the
// stream, an oversized filter or id is refused with -32602, and one client cannot hold every
// listen slot (429 with Retry-After, per principal). Heap figures are measured after full GCs
// (the shared Vitest config runs tests with --expose-gc). Memory budget: docs/deployment.md.
import { heapAfterGc, mb } from '@tern/vitest-config/heap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, startAdapter } from '../helpers/adapters.js';
import type { RunningServer } from '../helpers/adapters.js';
import { createFixture } from '../helpers/fixture-server.js';
import type { Fixture } from '../helpers/fixture-server.js';
import { jsonOf, mcpHeaders, meta, openStream, send, toolCall, waitFor } from '../helpers/http-client.js';
import type { OpenStream, RawRequest } from '../helpers/http-client.js';

/** Streams opened by the attacker in the heap test: the old code kept 18-30 MB for each. */
const STREAMS = 24;
/** What the attacker may make the server keep per stream, at most (the filter is 32 KB). */
const BUDGET_PER_STREAM = 512 * 1024;

/** The largest filter the default limits allow: 32 URIs of 1,000 characters. */
const MAX_FILTER = Array.from({ length: 32 }, (_, index) => `file:///${index}/${'u'.repeat(990)}`);

/** A listen request of about 3.8 MB: junk in unknown fields of params and of `_meta`. */
function hostileListen(id: string, principal: string): RawRequest {
  const junk = { text: 'j'.repeat(1_250_000), numbers: Array.from({ length: 100_000 }, (_, n) => n) };
  const body = {
    jsonrpc: '2.0',
    id,
    method: 'subscriptions/listen',
    params: {
      _meta: meta({ 'io.modelcontextprotocol/clientInfo': { name: 'x', version: '1', junk } }),
      notifications: { toolsListChanged: true, resourceSubscriptions: MAX_FILTER },
      junk,
    },
  };
  return { headers: { ...mcpHeaders('subscriptions/listen'), 'x-principal': principal }, body: JSON.stringify(body) };
}

function listen(id: string, notifications: Record<string, unknown>, principal = 'someone'): RawRequest {
  return {
    headers: { ...mcpHeaders('subscriptions/listen'), 'x-principal': principal },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'subscriptions/listen', params: { _meta: meta(), notifications } }),
  };
}

describe.each(ADAPTERS)('hostile listen requests through the %s adapter', (adapter) => {
  let fixture: Fixture;
  let running: RunningServer;

  beforeAll(async () => {
    fixture = createFixture();
    running = await startAdapter(adapter, fixture.server, {
      authenticate: (request) => {
        const principal = request.header('x-principal');
        return principal === undefined ? undefined : { principal };
      },
    });
  });
  afterAll(async () => {
    fixture.server.close();
    await running.close();
  });

  const stillServing = async (): Promise<void> => {
    const response = await send(running.port, toolCall('after', 'echo', { text: 'alive' }));
    expect(response.status).toBe(200);
    expect(jsonOf(response)['result']).toMatchObject({ content: [{ type: 'text', text: 'alive' }] });
  };

  it('keeps only the normalised filter of a 3.8 MB listen request for the life of its stream', async () => {
    const before = await heapAfterGc();
    const streams: OpenStream[] = [];
    for (let index = 0; index < STREAMS; index += 1) {
      const stream = await openStream(running.port, hostileListen(`big-${index}`, `attacker-${index}`));
      expect(stream.status).toBe(200);
      streams.push(stream);
    }
    await waitFor(() => streams.every((stream) => stream.messages.length === 1));
    const ack = streams[0]?.messages[0] as { params: { notifications: Record<string, unknown> } };
    expect(ack.params.notifications).toEqual({ toolsListChanged: true, resourceSubscriptions: MAX_FILTER });
    const grown = (await heapAfterGc()) - before;
    expect(grown, `heap grew ${mb(grown)} MB for ${STREAMS} streams`).toBeLessThan(STREAMS * BUDGET_PER_STREAM);
    await stillServing();
    fixture.server.notifyToolsListChanged();
    await waitFor(() => streams.every((stream) => stream.messages.length === 2));
    for (const stream of streams) stream.destroy();
    await waitFor(() => fixture.bus.subscribers === 0);
  });

  it('refuses a filter with too many or too long URIs, and a long id, with -32602', async () => {
    const tooMany = await send(running.port, listen('many', { resourceSubscriptions: [...MAX_FILTER, 'file:///33'] }));
    const tooLong = await send(running.port, listen('long', { resourceSubscriptions: [`file:///${'u'.repeat(1100)}`] }));
    const longId = await send(running.port, listen('i'.repeat(129), { toolsListChanged: true }));
    for (const refused of [tooMany, tooLong, longId]) {
      expect(refused.headers['content-type']).toBe('application/json');
      expect((jsonOf(refused)['error'] as { code: number }).code).toBe(-32602);
    }
    expect(fixture.bus.subscribers).toBe(0);
    await stillServing();
  });

  it('lets one principal hold 16 streams, answers 429 with Retry-After past that, and serves others', async () => {
    const held: OpenStream[] = [];
    for (let index = 0; index < 16; index += 1) {
      held.push(await openStream(running.port, listen(`q-${index}`, { toolsListChanged: true }, 'greedy')));
    }
    const refused = await send(running.port, listen('q-over', { toolsListChanged: true }, 'greedy'));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(jsonOf(refused)['error']).toMatchObject({ code: -32603, data: { limit: 'client', retryAfterSeconds: 5 } });
    const other = await openStream(running.port, listen('other', { toolsListChanged: true }, 'polite'));
    expect(other.status).toBe(200);
    await waitFor(() => other.messages.length === 1);
    held[0]?.destroy();
    await waitFor(() => fixture.bus.subscribers === 16);
    const again = await openStream(running.port, listen('q-again', { toolsListChanged: true }, 'greedy'));
    expect(again.status).toBe(200);
    for (const stream of [...held, other, again]) stream.destroy();
    await waitFor(() => fixture.bus.subscribers === 0);
    await stillServing();
  });
});
