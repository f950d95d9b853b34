// The endurance soak (security checklist F5/F6): one Tern server (node:http adapter with the
// dual-era layer, started with --expose-gc) takes a long mix of successes, 4xx errors, 413s,
// aborted requests, MRTR rounds and hostile requests (issue 12: oversized listen filters, junk
// legacy clientInfo, abandoned legacy asks; see hostile-cases.mjs).
// At every tenth of the run the load pauses, the client closes its connections, and the server
// reports (over its IPC side channel) its live heap after GC, RSS, active handles and resources,
// and its change-bus listeners. After a warm-up the heap must stay within a few percent, and
// nothing may grow. Then a listen stream whose reader never reads must be dropped (memory bounded)
// while a healthy stream next to it receives every notification.
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createHostileCases } from './hostile-cases.mjs';
import { openStreams } from './listen-client.mjs';
import { startServer, within } from './processes.mjs';
import { answerInputRequests, headers, listenRequest, readRpcBody, toolCall } from './requests.mjs';

/** The soak server's body limit: small, so that 413s are cheap to provoke. */
const MAX_BODY_BYTES = 64 * 1024;
const OVERSIZED = 'x'.repeat(MAX_BODY_BYTES + 4096);

/** Tolerances of the verdict. */
export const SOAK_LIMITS = {
  /** Live heap after GC at the end vs the first tenth: at most this much higher… */
  heapGrowthShare: 0.05,
  /** …or this many bytes, whichever is larger (a small heap moves by a few hundred KB anyway). */
  heapGrowthBytes: 1024 * 1024,
  /** Peak RSS while a reader stalls, over the RSS before: the queue is bounded by 8 MiB of events. */
  stalledReaderRssBytes: 48 * 1024 * 1024,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one request and reads the whole answer; `abortAfter` cuts it short on purpose. */
function send(
  url,
  { method = 'POST', headers: requestHeaders = {}, body, chunked = false, agent, abort } = {},
) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const options = { method, agent: agent ?? false, headers: { ...requestHeaders } };
    if (body !== undefined && !chunked && abort?.midBody === undefined) {
      options.headers['content-length'] = Buffer.byteLength(body);
    }
    const req = httpRequest(target, options, (res) => {
      const chunks = [];
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        chunks.push(chunk);
        if (abort?.afterFirstEvent === true && chunks.join('').includes('\n\n')) {
          req.destroy();
          resolve({ status: 'aborted', text: '' });
        }
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          contentType: res.headers['content-type'] ?? '',
          sessionId: res.headers['mcp-session-id'],
          text: chunks.join(''),
        }),
      );
      res.on('error', () => resolve({ status: 'aborted', text: '' }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${method} within 15 s`)));
    req.on('error', (error) => {
      if (abort !== undefined) resolve({ status: 'aborted', text: '' });
      else reject(error);
    });
    if (abort?.midBody !== undefined) {
      // Declares a longer body than it sends, then goes away mid-body.
      req.setHeader('content-length', String(abort.midBody));
      req.write(body);
      setTimeout(() => {
        req.destroy();
        resolve({ status: 'aborted', text: '' });
      }, 2);
      return;
    }
    if (abort?.afterMs !== undefined) {
      setTimeout(() => {
        req.destroy();
        resolve({ status: 'aborted', text: '' });
      }, abort.afterMs);
    }
    if (body === undefined) req.end();
    else if (chunked) {
      for (let offset = 0; offset < body.length; offset += 16 * 1024)
        req.write(body.slice(offset, offset + 16 * 1024));
      req.end();
    } else req.end(body);
  });
}

const rpc = (reply) => readRpcBody(reply.contentType, reply.text).response;

/**
 * The mix: each case sends one or more requests and checks what came back. `requests` is how many
 * HTTP requests it sends.
 */
function createCases(url, agentOf) {
  const post = (request, extra = {}) =>
    send(url, { headers: request.headers, body: request.body, agent: agentOf(), ...extra });
  const expect = (reply, status, check) => {
    if (reply.status !== status)
      throw new Error(
        `expected HTTP ${status}, got ${reply.status}: ${String(reply.text).slice(0, 200)}`,
      );
    if (check !== undefined && !check(reply))
      throw new Error(`unexpected answer: ${String(reply.text).slice(0, 300)}`);
  };
  const echo = toolCall('echo', { text: 'soak' });
  const mrtrRound = async (extra) => {
    const reply = await post(
      toolCall('book', { city: 'Porto' }, { id: 7, elicitation: true, extra }),
    );
    expect(reply, 200);
    return rpc(reply);
  };
  const nextExtra = (result) => ({
    inputResponses: answerInputRequests(result.inputRequests),
    requestState: result.requestState,
  });

  return {
    ...createHostileCases({ post, expect }),
    echo: {
      weight: 14,
      requests: 1,
      run: async () =>
        expect(await post(echo), 200, (reply) => rpc(reply)?.result?.content?.[0]?.text === 'soak'),
    },
    progress: {
      weight: 2,
      requests: 1,
      run: async () => {
        const reply = await post(toolCall('progress', { steps: 10 }, { progressToken: 'p' }));
        expect(
          reply,
          200,
          (answer) => readRpcBody(answer.contentType, answer.text).notifications.length === 10,
        );
      },
    },
    mrtr: {
      weight: 2,
      requests: 3,
      run: async () => {
        const first = await mrtrRound();
        const second = await mrtrRound(nextExtra(first.result));
        const third = await mrtrRound(nextExtra(second.result));
        if (!String(third?.result?.content?.[0]?.text).startsWith('Booked'))
          throw new Error(`MRTR did not complete: ${JSON.stringify(third)}`);
      },
    },
    mrtrAbandoned: {
      weight: 1,
      requests: 1,
      run: async () => {
        const first = await mrtrRound();
        if (first?.result?.resultType !== 'input_required')
          throw new Error('round 1 did not ask for input');
      },
    },
    mrtrTampered: {
      weight: 1,
      requests: 2,
      run: async () => {
        const first = await mrtrRound();
        const extra = nextExtra(first.result);
        const state = extra.requestState;
        const flipped = `${state.slice(0, -3)}${state.at(-3) === 'A' ? 'B' : 'A'}${state.slice(-2)}`;
        const second = await mrtrRound({ ...extra, requestState: flipped });
        if (second?.error?.code !== -32602)
          throw new Error(`a tampered state was not refused: ${JSON.stringify(second)}`);
      },
    },
    invalidJson: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post({ headers: echo.headers, body: '{"jsonrpc":"2.0",' }),
          400,
          (reply) => rpc(reply)?.error?.code === -32700,
        ),
    },
    missingHeader: {
      weight: 1,
      requests: 1,
      run: async () => {
        const { 'mcp-method': _dropped, ...rest } = echo.headers;
        expect(
          await post({ headers: rest, body: echo.body }),
          400,
          (reply) => rpc(reply)?.error?.code === -32020,
        );
      },
    },
    wrongContentType: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post({
            headers: { ...echo.headers, 'content-type': 'text/plain' },
            body: echo.body,
          }),
          415,
        ),
    },
    badAccept: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post({ headers: { ...echo.headers, accept: 'text/html' }, body: echo.body }),
          406,
        ),
    },
    unknownMethod: {
      weight: 1,
      requests: 1,
      run: async () => {
        const body = JSON.stringify({ ...JSON.parse(echo.body), method: 'foo/bar' });
        expect(await post({ headers: headers('foo/bar'), body }), 404);
      },
    },
    unknownTool: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post(toolCall('nope', {})),
          200,
          (reply) => rpc(reply)?.error?.code === -32602,
        ),
    },
    invalidArguments: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post(toolCall('echo', { text: 5 })),
          200,
          (reply) => rpc(reply)?.result?.isError === true,
        ),
    },
    get: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await send(url, {
            method: 'GET',
            headers: { accept: 'text/event-stream' },
            agent: agentOf(),
          }),
          405,
        ),
    },
    foreignHost: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post({ headers: { ...echo.headers, host: 'evil.example.com' }, body: echo.body }),
          403,
        ),
    },
    tooLargeDeclared: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(
          await post({ headers: echo.headers, body: OVERSIZED }),
          413,
          (reply) => rpc(reply)?.error !== undefined,
        ),
    },
    tooLargeChunked: {
      weight: 1,
      requests: 1,
      run: async () =>
        expect(await post({ headers: echo.headers, body: OVERSIZED }, { chunked: true }), 413),
    },
    abortMidBody: {
      weight: 1,
      requests: 1,
      run: async () => {
        await send(url, {
          headers: echo.headers,
          body: echo.body.slice(0, 40),
          abort: { midBody: echo.body.length + 100 },
        });
      },
    },
    abortInHandler: {
      weight: 1,
      requests: 1,
      run: async () => {
        const request = toolCall('sleep', { ms: 300 });
        await send(url, { headers: request.headers, body: request.body, abort: { afterMs: 5 } });
      },
    },
    abortStream: {
      weight: 1,
      requests: 1,
      run: async () => {
        const request = toolCall('sleep', { ms: 300 }, { progressToken: 's' });
        await send(url, {
          headers: request.headers,
          body: request.body,
          abort: { afterFirstEvent: true },
        });
      },
    },
  };
}

/** The order cases run in: a fixed interleaving of the weights. */
function schedule(cases) {
  const slots = [];
  const entries = Object.entries(cases);
  const maxWeight = Math.max(...entries.map(([, item]) => item.weight));
  for (let round = 0; round < maxWeight; round += 1) {
    for (const [name, item] of entries) if (round < item.weight) slots.push(name);
  }
  return slots;
}

/** The server's state at a pause: load stopped, client connections closed, after GC. */
async function quietStats(server) {
  // Wait (bounded) until the server has seen every client connection close.
  let stats;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    stats = await server.ask({ type: 'stats', gc: true });
    const idle = (stats.resources.TCPSocketWrap ?? 0) === 0 && (stats.resources.Timeout ?? 0) === 0;
    // Sessions the hostile mix abandoned expire within a second (tern-soak.mjs).
    if (idle && (stats.counters.legacySessions ?? 0) === 0) break;
    await sleep(50);
  }
  return stats;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

/** Sends raw bytes of a listen request on a socket that never reads what comes back. */
function stalledListenStream(port) {
  const { headers: requestHeaders, body } = listenRequest(999_999);
  const socket = connect({ port, host: '127.0.0.1' });
  socket.pause();
  const lines = [
    `POST /mcp HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  for (const [name, value] of Object.entries(requestHeaders)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  return socket;
}

/**
 * The stalled-reader phase: a healthy listen stream and one whose reader never reads. The server
 * publishes until it drops the stalled one (its bus listeners fall back to one), with bounded
 * memory; the healthy stream must have received every notification, and calls keep working.
 */
async function stalledReaderPhase(server, log) {
  const before = await quietStats(server);
  const healthy = await openStreams(server.url, 1);
  const stalled = stalledListenStream(server.port);
  // Until both are subscribed.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const stats = await server.ask({ type: 'stats' });
    if (stats.counters.busListeners - before.counters.busListeners === 2) break;
    await sleep(20);
  }
  let published = 0;
  let peakRss = before.proc.rss;
  let dropped = false;
  const batch = 1000;
  while (published < 400_000) {
    await server.ask({ type: 'notify', count: batch });
    published += batch;
    const stats = await server.ask({ type: 'stats' });
    peakRss = Math.max(peakRss, stats.proc.rss);
    if (stats.counters.busListeners - before.counters.busListeners === 1) {
      dropped = true;
      break;
    }
  }
  // The healthy stream must catch up with everything that was published.
  let healthyReceived = 0;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    healthyReceived = healthy.streams[0].changes;
    if (healthyReceived >= published) break;
    await sleep(25);
  }
  const echo = toolCall('echo', { text: 'still here' });
  const during = await send(server.url, { headers: echo.headers, body: echo.body });
  // The stalled client now reads: it must find its stream closed by the server.
  const closedByServer = await within(
    new Promise((resolve) => {
      stalled.on('close', () => resolve(true));
      stalled.on('error', () => undefined);
      stalled.resume();
    }),
    10_000,
    'the stalled stream was not closed',
  ).catch(() => false);
  healthy.closeAll();
  stalled.destroy();
  log(
    `stalled reader: dropped after ${published} notifications: ${dropped}, closed by the server: ${closedByServer}, ` +
      `healthy stream got ${healthyReceived}/${published}, peak RSS +${kb(peakRss - before.proc.rss)}`,
  );
  return {
    published,
    dropped,
    closedByServer,
    healthyReceived,
    callDuringStatus: during.status,
    rssGrowth: peakRss - before.proc.rss,
  };
}

/**
 * Runs the soak with at least `requests` HTTP requests. Resolves the report; `report.failures`
 * lists every broken expectation (empty when the soak passed).
 */
export async function runSoak({
  requests = 100_000,
  concurrency = 16,
  log = () => undefined,
} = {}) {
  const started = performance.now();
  const server = await startServer('tern-soak', {
    nodeFlags: ['--expose-gc'],
    env: { BENCH_MAX_BODY_BYTES: String(MAX_BODY_BYTES) },
  });
  const failures = [];
  const checkpoints = [];
  const counts = {};
  const errors = {};
  let sent = 0;
  let stalled;
  try {
    let agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const cases = createCases(server.url, () => agent);
    const slots = schedule(cases);
    let slot = 0;
    const tenth = Math.ceil(requests / 10);

    for (let checkpoint = 1; checkpoint <= 10; checkpoint += 1) {
      const until = Math.min(requests, checkpoint * tenth);
      const worker = async () => {
        while (sent < until) {
          const name = slots[slot % slots.length];
          slot += 1;
          sent += cases[name].requests;
          counts[name] = (counts[name] ?? 0) + 1;
          try {
            await cases[name].run();
          } catch (error) {
            errors[name] = (errors[name] ?? 0) + 1;
            if (errors[name] <= 3) failures.push(`${name}: ${error.message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      const stats = await quietStats(server);
      checkpoints.push({
        requests: sent,
        heapUsed: stats.memory.heapUsed,
        external: stats.memory.external,
        rss: stats.proc.rss,
        handles: stats.handles,
        resources: stats.resources,
        busListeners: stats.counters.busListeners,
      });
      log(
        `${sent.toLocaleString('en-US')} requests: heap after GC ${kb(stats.memory.heapUsed)}, RSS ${kb(stats.proc.rss)}, ` +
          `handles ${stats.handles}, resources ${JSON.stringify(stats.resources)}`,
      );
    }
    agent.destroy();

    stalled = await stalledReaderPhase(server, log);
    const after = await quietStats(server);
    checkpoints.push({
      requests: sent,
      label: 'after the stalled-reader phase',
      heapUsed: after.memory.heapUsed,
      external: after.memory.external,
      rss: after.proc.rss,
      handles: after.handles,
      resources: after.resources,
      busListeners: after.counters.busListeners,
    });
  } finally {
    await server.stop();
  }

  const first = checkpoints[0];
  const last = checkpoints.at(-1);
  // A leak grows with the requests; a warm-up (JIT, bounded caches and session tables filling up
  // to their caps) grows once and stops. So the verdict is twofold: after the warm-up (the first
  // three tenths) the live heap at every later checkpoint stays within the allowance of the
  // warm-up checkpoint, and the warm-up itself stays within twice the allowance of the first tenth.
  const warm = checkpoints[Math.min(2, checkpoints.length - 1)];
  const highestOf = (list) => list.reduce((top, checkpoint) => (checkpoint.heapUsed > top.heapUsed ? checkpoint : top));
  const highest = highestOf(checkpoints.slice(1));
  const heapAllowance = Math.max(first.heapUsed * SOAK_LIMITS.heapGrowthShare, SOAK_LIMITS.heapGrowthBytes);
  const afterWarm = checkpoints.slice(3);
  const highestAfterWarm = afterWarm.length === 0 ? warm : highestOf(afterWarm);
  if (highestAfterWarm.heapUsed - warm.heapUsed > heapAllowance) {
    failures.push(
      `live heap grew from ${kb(warm.heapUsed)} after the warm-up (${warm.requests} requests) to ${kb(highestAfterWarm.heapUsed)} at ${highestAfterWarm.requests} requests (allowed +${kb(heapAllowance)})`,
    );
  }
  if (highest.heapUsed - first.heapUsed > 2 * heapAllowance) {
    failures.push(
      `live heap grew from ${kb(first.heapUsed)} at the first tenth to ${kb(highest.heapUsed)} at ${highest.requests} requests (allowed +${kb(2 * heapAllowance)} with the warm-up)`,
    );
  }
  if (last.handles !== first.handles)
    failures.push(`active handles went from ${first.handles} to ${last.handles}`);
  if (JSON.stringify(last.resources) !== JSON.stringify(first.resources)) {
    failures.push(
      `active resources went from ${JSON.stringify(first.resources)} to ${JSON.stringify(last.resources)}`,
    );
  }
  if (last.busListeners !== first.busListeners) {
    failures.push(`change-bus listeners went from ${first.busListeners} to ${last.busListeners}`);
  }
  if (!stalled.dropped)
    failures.push(
      `the stalled listen stream was not dropped after ${stalled.published} notifications`,
    );
  if (!stalled.closedByServer)
    failures.push('the stalled listen stream was not closed by the server');
  if (stalled.healthyReceived < stalled.published) {
    failures.push(
      `the healthy listen stream got ${stalled.healthyReceived} of ${stalled.published} notifications`,
    );
  }
  if (stalled.callDuringStatus !== 200)
    failures.push(`a call next to the stalled stream answered ${stalled.callDuringStatus}`);
  if (stalled.rssGrowth > SOAK_LIMITS.stalledReaderRssBytes) {
    failures.push(
      `RSS grew by ${kb(stalled.rssGrowth)} while a reader stalled (allowed ${kb(SOAK_LIMITS.stalledReaderRssBytes)})`,
    );
  }
  const serverOutput = server.output.join('');
  if (/unhandled|uncaught|error/i.test(serverOutput))
    failures.push(`the server printed: ${serverOutput.slice(0, 500)}`);

  return {
    requests: sent,
    seconds: (performance.now() - started) / 1000,
    counts,
    errors,
    checkpoints,
    /** Growth after the warm-up: what a leak would show. */
    heapGrowth: highestAfterWarm.heapUsed - warm.heapUsed,
    heapGrowthShare: (highestAfterWarm.heapUsed - warm.heapUsed) / warm.heapUsed,
    /** Growth from the first tenth, warm-up included. */
    warmUpGrowth: highest.heapUsed - first.heapUsed,
    stalled,
    failures,
  };
}
