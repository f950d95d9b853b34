#!/usr/bin/env node
// `pnpm soak`: the full endurance soak (security checklist F5/F6) against one Tern server on
// node:http: at least 100,000 requests mixing successes, 4xx errors, 413s, aborted requests and
// MRTR rounds, with the live heap after GC, active handles and resources, and change-bus
// listeners checked at every tenth; then a listen stream whose reader never reads. CI runs a
// smaller count of the same soak as this package's test (test/soak.test.mjs).
//
//   pnpm soak                       # 100,000 requests
//   pnpm soak --requests 1000000    # a longer one
import { parseArgs } from 'node:util';
import { runSoak } from './lib/soak.mjs';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const requests = Number(values.requests);
if (!Number.isSafeInteger(requests) || requests < 1000)
  throw new RangeError('--requests must be an integer of at least 1000');

const report = await runSoak({
  requests,
  concurrency: Number(values.concurrency),
  log: (line) => process.stdout.write(`${line}\n`),
});
const first = report.checkpoints[0];
const loadEnd = report.checkpoints[9];
const last = report.checkpoints.at(-1);
process.stdout.write(
  `\n${report.requests.toLocaleString('en-US')} requests in ${report.seconds.toFixed(1)} s; ` +
    `live heap after GC ${(first.heapUsed / 1024).toFixed(0)} KB at the first tenth, ${(loadEnd.heapUsed / 1024).toFixed(0)} KB at the end of the load, ` +
    `${(last.heapUsed / 1024).toFixed(0)} KB after the stalled-reader phase; highest growth ${(report.heapGrowthShare * 100).toFixed(1)}%\n` +
    `cases: ${JSON.stringify(report.counts)}\n`,
);
if (report.failures.length > 0) {
  process.stdout.write(`\nSOAK FAILED:\n- ${report.failures.join('\n- ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('soak passed\n');
}
