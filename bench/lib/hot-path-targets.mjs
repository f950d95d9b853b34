// The server hot-path targets of issue 20 ("Performance, second pass"): each a ratio to a server
// measured in the same run (the bare server on the same adapter, or Tern's own one-round call).
import { adapterOf, int, kb, label, mb, rowOf, times } from './format.mjs';
import { MRTR_REFERENCE } from './scenarios.mjs';

const TERN = ['tern-express', 'tern-node'];
/** Scenarios that put the server under load (the listen rows hold idle streams instead). */
const LOADED = [
  'call-1',
  'call-32',
  MRTR_REFERENCE,
  'mrtr-1',
  'mrtr-32',
  'mrtr10-32',
  'progress-32',
];

function peakUnderLoad(rows, server) {
  const loaded = rows.filter(
    (row) => row.server === server && row.status === 'ok' && LOADED.includes(row.scenario),
  );
  if (loaded.length === 0) return undefined;
  return loaded.reduce((top, row) => (row.peakRss > top.peakRss ? row : top));
}

/** Evaluates the hot-path targets; `met` is undefined when a row they need did not run. */
export function hotPathTargets(rows) {
  const targets = [];
  const add = (name, measured, met) => targets.push({ name, measured, met });

  const tn = rowOf(rows, 'call-32', 'tern-node');
  const bn = rowOf(rows, 'call-32', 'bare-node');
  add(
    'Tern, node:http: one-round tools/call ≥ 0.5x the req/s of bare node:http, 32 connections',
    tn && bn
      ? `${times(tn.rps / bn.rps)} (${int(tn.rps)} vs ${int(bn.rps)} req/s)`
      : 'not measured',
    tn && bn ? tn.rps >= 0.5 * bn.rps : undefined,
  );
  const te = rowOf(rows, 'call-32', 'tern-express');
  const be = rowOf(rows, 'call-32', 'bare-express');
  add(
    'Tern, Express: ≤ +10 µs of CPU per request over the bare Express floor, 32 connections',
    te && be
      ? `+${int(te.cpuMicrosPerRequest - be.cpuMicrosPerRequest)} µs (${int(te.cpuMicrosPerRequest)} vs ${int(be.cpuMicrosPerRequest)})`
      : 'not measured',
    te && be ? te.cpuMicrosPerRequest - be.cpuMicrosPerRequest <= 10 : undefined,
  );
  for (const server of TERN) {
    const ten = rowOf(rows, 'mrtr10-32', server);
    const one = rowOf(rows, 'call-32', server);
    const three = rowOf(rows, 'mrtr-32', server);
    const sameDriver = rowOf(rows, MRTR_REFERENCE, server);
    add(
      `${label(server)}: a ten-round MRTR call costs ≤ 12x a one-round call (server CPU, linear in rounds)`,
      ten && one
        ? `${times(ten.cpuMicrosPerRequest / one.cpuMicrosPerRequest)} (${int(ten.cpuMicrosPerRequest)} vs ${int(one.cpuMicrosPerRequest)} µs)${
            three ? `; the three-round call: ${int(three.cpuMicrosPerRequest)} µs` : ''
          }${
            sameDriver
              ? `; vs the one-round call sent by the same driver: ${times(ten.cpuMicrosPerRequest / sameDriver.cpuMicrosPerRequest)}`
              : ''
          }`
        : 'not measured',
      ten && one ? ten.cpuMicrosPerRequest <= 12 * one.cpuMicrosPerRequest : undefined,
    );
  }
  for (const server of TERN) {
    const tern = peakUnderLoad(rows, server);
    const bare = peakUnderLoad(rows, `bare-${adapterOf(server)}`);
    add(
      `${label(server)}: peak RSS under load ≤ +20 MB over bare ${adapterOf(server)} in the same run`,
      tern && bare
        ? `+${mb(tern.peakRss - bare.peakRss)} MB (${mb(tern.peakRss)} MB in ${tern.scenario} vs ${mb(bare.peakRss)} MB)`
        : 'not measured',
      tern && bare ? tern.peakRss - bare.peakRss <= 20 * 1024 * 1024 : undefined,
    );
  }
  for (const server of TERN) {
    const tern = rowOf(rows, 'listen-1000', server);
    const bare = rowOf(rows, 'listen-1000', `bare-${adapterOf(server)}`);
    add(
      `${label(server)}: an idle listen stream costs ≤ +2 KB RSS over a bare SSE response`,
      tern && bare
        ? `+${kb(tern.rssPerStream - bare.rssPerStream)} KB (${kb(tern.rssPerStream)} vs ${kb(bare.rssPerStream)} KB per stream)`
        : 'not measured',
      tern && bare ? tern.rssPerStream - bare.rssPerStream <= 2 * 1024 : undefined,
    );
  }
  return targets;
}
