#!/usr/bin/env node
// The Redis rows of `pnpm bench` (also runnable alone: `node bench/redis.mjs [--quick]`):
// - one-round tools/call per second on a Tern server whose bus and conversation store are on
//   Redis, against the same server in memory (32 connections, autocannon);
// - listen fan-out: 1,000 streams spread over three Redis-backed instances, one publish on the
//   first: how many streams got it and how long the last one took (and 1,000 streams on one
//   in-memory instance, for contrast).
// Writes its own section of bench/RESULTS.md, between the markers below. A real redis-server is
// started on a free loopback port (Debian's redis-server; scripts/ensure-redis.sh) and stopped by PID.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startRedisServer } from '@tern/redis/testing';
import { openStreams } from './lib/listen-client.mjs';
import { BENCH_DIR, startServer } from './lib/processes.mjs';
import { describeMachine, loadAverage } from './lib/proc.mjs';
import { toolCall } from './lib/requests.mjs';

const BEGIN = '<!-- redis-bench:begin -->';
const END = '<!-- redis-bench:end -->';

/** Runs the Redis rows and writes their section into `outFile`. */
export async function runRedisBench({
  seconds = 10,
  rounds = 20,
  outFile = join(BENCH_DIR, 'RESULTS.md'),
} = {}) {
  const startedLoad = loadAverage();
  const redis = await startRedisServer();
  const servers = [];
  try {
    const calls = [];
    for (const bus of ['memory', 'redis']) {
      const server = await startServer('tern-redis', { env: { BUS: bus, REDIS_URL: redis.url } });
      servers.push(server);
      calls.push({ bus, ...(await callsPerSecond(server.url, seconds)) });
      await server.stop();
    }
    const fanouts = [];
    for (const [bus, instances] of [
      ['redis', 3],
      ['memory', 1],
    ]) {
      const group = [];
      for (let n = 0; n < instances; n += 1)
        group.push(await startServer('tern-redis', { env: { BUS: bus, REDIS_URL: redis.url } }));
      servers.push(...group);
      fanouts.push({ bus, instances, ...(await fanOut(group, 1000, rounds)) });
      for (const server of group) await server.stop();
    }
    const section = render({
      calls,
      fanouts,
      startedLoad,
      endLoad: loadAverage(),
      seconds,
      rounds,
    });
    writeSection(outFile, section);
    return section;
  } finally {
    for (const server of servers) await server.stop();
    await redis.stop();
  }
}

async function callsPerSecond(url, seconds) {
  const { headers, body } = toolCall('echo', { text: 'hello' });
  const result = await new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers, body, connections: 32, duration: seconds, timeout: 10 },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function fanOut(instances, total, rounds) {
  const groups = [];
  for (const [index, server] of instances.entries()) {
    const share = Math.floor(total / instances.length) + (index < total % instances.length ? 1 : 0);
    groups.push(await openStreams(server.url, share));
  }
  const streams = groups.flatMap((group) => group.streams);
  const latencies = [];
  try {
    for (let level = 1; level <= rounds; level += 1) {
      const started = performance.now();
      const trigger = instances[0].ask({ type: 'notify' });
      await Promise.all(groups.map((group) => group.waitForChange(level, () => trigger)));
      latencies.push(performance.now() - started);
    }
    const delivered = streams.filter((stream) => stream.changes === rounds).length;
    latencies.sort((a, b) => a - b);
    return {
      streams: streams.length,
      delivered,
      median: latencies[Math.floor(latencies.length / 2)],
      max: latencies.at(-1),
    };
  } finally {
    for (const group of groups) group.closeAll();
  }
}

function render({ calls, fanouts, startedLoad, endLoad, seconds, rounds }) {
  const machine = describeMachine();
  const call = (row) =>
    `| ${row.bus === 'redis' ? 'Redis bus + conversation store' : 'in-memory bus'} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.errors} |`;
  const fan = (row) =>
    `| ${row.streams} streams on ${row.instances} ${row.bus === 'redis' ? 'Redis-backed instances' : 'in-memory instance'} | ${row.delivered}/${row.streams} | ${row.median.toFixed(1)} | ${row.max.toFixed(1)} |`;
  return [
    '## Redis-backed scale-out (@tern/redis)',
    '',
    `Run ${new Date().toISOString()} by \`node bench/redis.mjs\` (part of \`pnpm bench\`): ${machine.nproc} cores (${machine.model}), Node ${machine.node}, one real redis-server on loopback. Load average ${startedLoad.toFixed(2)} at the start, ${endLoad.toFixed(2)} at the end: the machine is shared, so compare rows of one run, not runs.`,
    '',
    `One-round \`tools/call\` (\`echo\`), 32 connections, ${seconds} s. Such a call never reaches Redis (it keeps working while Redis is down: packages/redis/test/scale-out.test.ts), so a gap between the two rows most likely comes from the shared machine (the order of the rows flipped between runs on this host); measure on a quiet machine before reading one into it:`,
    '',
    '| Server | calls/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|',
    ...calls.map(call),
    '',
    `Listen fan-out: one \`tools/list_changed\` published on the first instance, ${rounds} times; "delivered" counts streams that got every one; latency is from the publish request to the last stream's notification:`,
    '',
    '| Streams | delivered | median ms | max ms |',
    '|---|---|---|---|',
    ...fanouts.map(fan),
    '',
  ].join('\n');
}

function writeSection(outFile, section) {
  let text = '';
  try {
    text = readFileSync(outFile, 'utf8');
  } catch {
    // A first run writes the file.
  }
  const block = `${BEGIN}\n${section}\n${END}`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  text =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${block}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(outFile, text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const section = await runRedisBench({
    seconds: values.quick ? 3 : 10,
    rounds: values.quick ? 5 : 20,
    ...(values.out === undefined ? {} : { outFile: values.out }),
  });
  process.stdout.write(`${section}\n`);
}
