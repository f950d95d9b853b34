// The load driver: a child process of the harness, so load always comes from a second process.
// It warms the server up, tells the harness when the measured window starts and ends (the harness
// reads the server's CPU from /proc at those two points), and reports throughput and latency.
//
// Modes (argv[2] is the JSON config):
// - `autocannon`: one fixed request over `connections` keep-alive connections (autocannon from
//   npm). Latencies are taken from autocannon's per-response timings (hrtime, in ms with
//   decimals); autocannon's own histogram keeps whole milliseconds only.
// - `mrtr`: logical calls of several rounds (POST, answer the input requests, POST with
//   inputResponses and the echoed requestState, …) of the tool in `mrtr`, with `connections`
//   calls in flight; the latency and the count are per logical call.
import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import { answerInputRequests, readRpcBody, toolCall } from './requests.mjs';

const config = JSON.parse(process.argv[2]);

/** Asks the harness to sample the server now; resolves when it has. */
function mark(name) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message?.type !== `${name}-ack`) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send({ type: name });
  });
}

/** A growable list of latencies in milliseconds. */
class Latencies {
  #values = new Float64Array(1 << 16);
  #count = 0;

  add(value) {
    if (this.#count === this.#values.length) {
      const next = new Float64Array(this.#values.length * 2);
      next.set(this.#values);
      this.#values = next;
    }
    this.#values[this.#count] = value;
    this.#count += 1;
  }

  get count() {
    return this.#count;
  }

  summary() {
    const sorted = this.#values.slice(0, this.#count).sort();
    const at = (q) =>
      sorted.length === 0
        ? Number.NaN
        : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: at(1),
      mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    };
  }
}

function runAutocannon(seconds, latencies) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.url,
        method: 'POST',
        headers: config.request.headers,
        body: config.request.body,
        connections: config.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (latencies !== undefined) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.add(responseTime);
      });
    }
  });
}

async function autocannonMode() {
  if (config.warmupSeconds > 0) await runAutocannon(config.warmupSeconds);
  const latencies = new Latencies();
  await mark('start');
  const started = performance.now();
  const result = await runAutocannon(config.seconds, latencies);
  const elapsed = (performance.now() - started) / 1000;
  await mark('end');
  return {
    completed: latencies.count,
    elapsedSeconds: elapsed,
    rps: latencies.count / elapsed,
    latency: latencies.summary(),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** One POST on a keep-alive agent; resolves `{ status, contentType, text }`. */
function post(agent, request) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      config.url,
      {
        method: 'POST',
        agent,
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      },
      (res) => {
        const chunks = [];
        res.setEncoding('utf8');
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            contentType: res.headers['content-type'],
            text: chunks.join(''),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * One logical MRTR call of `config.mrtr` (`{ tool, args, rounds, expect }`): rounds until the
 * result is complete. Returns the number of rounds.
 */
async function logicalCall(agent, nextId) {
  const { tool, args, rounds, expect } = config.mrtr;
  let extra;
  for (let round = 1; round <= rounds + 2; round += 1) {
    const request = toolCall(tool, args, { id: nextId(), elicitation: true, extra });
    const reply = await post(agent, request);
    if (reply.status !== 200)
      throw new Error(`round ${round}: HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
    const { response } = readRpcBody(reply.contentType, reply.text);
    const result = response?.result;
    if (result === undefined)
      throw new Error(
        `round ${round}: ${JSON.stringify(response?.error ?? response).slice(0, 200)}`,
      );
    if (result.resultType !== 'input_required') {
      const text = result.content?.[0]?.text;
      if (typeof text !== 'string' || !text.startsWith(expect))
        throw new Error(`unexpected result ${JSON.stringify(result).slice(0, 200)}`);
      return round;
    }
    extra = {
      inputResponses: answerInputRequests(result.inputRequests),
      ...(result.requestState === undefined ? {} : { requestState: result.requestState }),
    };
  }
  throw new Error(`the call did not complete within ${rounds + 2} rounds`);
}

async function mrtrMode() {
  const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
  let id = 0;
  const nextId = () => (id += 1);
  const first = await logicalCall(agent, nextId);
  const loop = async (seconds, latencies) => {
    const deadline = performance.now() + seconds * 1000;
    let calls = 0;
    let errors = 0;
    let firstError;
    const worker = async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        try {
          await logicalCall(agent, nextId);
          latencies?.add(performance.now() - started);
          calls += 1;
        } catch (error) {
          errors += 1;
          firstError ??= String(error?.message ?? error);
        }
      }
    };
    await Promise.all(Array.from({ length: config.connections }, worker));
    return { calls, errors, firstError };
  };
  if (config.warmupSeconds > 0) await loop(config.warmupSeconds);
  const latencies = new Latencies();
  await mark('start');
  const started = performance.now();
  const outcome = await loop(config.seconds, latencies);
  const elapsed = (performance.now() - started) / 1000;
  await mark('end');
  agent.destroy();
  return {
    completed: outcome.calls,
    roundsPerCall: first,
    requests: outcome.calls * first,
    elapsedSeconds: elapsed,
    rps: outcome.calls / elapsed,
    latency: latencies.summary(),
    errors: outcome.errors,
    firstError: outcome.firstError,
    non2xx: 0,
  };
}

const modes = { autocannon: autocannonMode, mrtr: mrtrMode };

try {
  const result = await modes[config.mode]();
  process.send({ type: 'result', result }, () => process.exit(0));
} catch (error) {
  process.send({ type: 'error', error: String(error?.stack ?? error) }, () => process.exit(1));
}
