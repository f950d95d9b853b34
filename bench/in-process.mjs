#!/usr/bin/env node
// `node bench/in-process.mjs [calls]`: the CPU of one logical call through `McpServer.handle`,
// without HTTP: `echo` (one round), `book` (three rounds) and `survey` (ten rounds) of the bench
// server, called one after another. On a busy machine the HTTP rows' ratios drift with the load;
// these stay comparable between two builds measured back to back (RESULTS.md, issue 20).
import { answerInputRequests, meta } from './lib/requests.mjs';
import { createBenchServer } from './servers/tern-tools.mjs';

const calls = Number(process.argv[2] ?? 3000);
if (!Number.isSafeInteger(calls) || calls < 1 || calls > 1_000_000)
  throw new RangeError('calls must be an integer from 1 to 1,000,000');

const server = createBenchServer();
await server.ready();
let id = 0;

/** One logical call: rounds until the result is complete; returns the number of rounds. */
async function logicalCall(name, args) {
  let extra = {};
  for (let round = 1; round <= 12; round += 1) {
    id += 1;
    const params = { name, arguments: args, _meta: meta({ elicitation: true }), ...extra };
    const response = await server.handle({ jsonrpc: '2.0', id, method: 'tools/call', params });
    const result = response?.result;
    if (result === undefined) throw new Error(JSON.stringify(response));
    if (result.resultType !== 'input_required') return round;
    extra = {
      inputResponses: answerInputRequests(result.inputRequests),
      requestState: result.requestState,
    };
  }
  throw new Error(`${name} did not complete within 12 rounds`);
}

const perCall = {};
for (const [name, args] of [
  ['echo', { text: 'hello bench' }],
  ['book', { city: 'Lisbon' }],
  ['survey', { topic: 'bench' }],
]) {
  for (let index = 0; index < Math.ceil(calls / 5); index += 1) await logicalCall(name, args);
  const before = process.cpuUsage();
  let rounds = 0;
  for (let index = 0; index < calls; index += 1) rounds = await logicalCall(name, args);
  const used = process.cpuUsage(before);
  perCall[name] = (used.user + used.system) / calls;
  process.stdout.write(`${name}: ${rounds} rounds, ${perCall[name].toFixed(1)} µs CPU per call\n`);
}
process.stdout.write(
  `book/echo ${(perCall.book / perCall.echo).toFixed(2)}x, survey/echo ${(perCall.survey / perCall.echo).toFixed(2)}x, survey/book ${(perCall.survey / perCall.book).toFixed(2)}x\n`,
);
