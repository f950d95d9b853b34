// The table of the MRTR rows: logical calls of several rounds, against the one-round call.
import {
  int,
  label,
  loadCell,
  mb,
  ms,
  officialFor,
  rowOf,
  skippedRow,
  table,
  times,
} from './format.mjs';
import { MRTR_REFERENCE, SCENARIOS, SERVERS } from './scenarios.mjs';

/**
 * One line per server and scenario of `scenarioIds`. "CPU vs one-round call" divides by the same
 * server's one-round CPU per request at the same concurrency (autocannon); "same driver" by the
 * one-round call that the MRTR driver sends (`MRTR_REFERENCE`).
 */
export function mrtrTable(rows, scenarioIds) {
  const header = [
    'server',
    'calls in flight',
    'logical calls/s',
    'p50 ms',
    'p99 ms',
    'server CPU µs/call',
    'CPU vs one-round call',
    'CPU vs one-round call, same driver',
    'peak RSS MB',
    'errors',
    'Tern/official calls/s',
    'client / other cores',
  ];
  const lines = [];
  for (const scenarioId of scenarioIds) {
    const scenario = SCENARIOS.find((item) => item.id === scenarioId);
    const isReference = scenarioId === MRTR_REFERENCE;
    const suffix = isReference ? ': one-round `echo` (reference)' : '';
    for (const server of SERVERS) {
      const row = rows.find((item) => item.scenario === scenarioId && item.server === server.name);
      if (row === undefined) continue;
      if (row.status !== 'ok') {
        lines.push(
          skippedRow(header, [label(server.name) + suffix, String(scenario.connections)], row),
        );
        continue;
      }
      const oneRound = rowOf(rows, `call-${scenario.connections}`, server.name);
      const sameDriver = isReference ? undefined : rowOf(rows, MRTR_REFERENCE, server.name);
      const official = rowOf(rows, scenarioId, officialFor(server.name));
      lines.push([
        label(server.name) + suffix,
        String(scenario.connections),
        int(row.rps),
        ms(row.latency.p50),
        ms(row.latency.p99),
        int(row.cpuMicrosPerRequest),
        oneRound ? times(row.cpuMicrosPerRequest / oneRound.cpuMicrosPerRequest) : '',
        sameDriver ? times(row.cpuMicrosPerRequest / sameDriver.cpuMicrosPerRequest) : '',
        mb(row.peakRss),
        String(row.errors),
        server.kind === 'tern' && official ? times(row.rps / official.rps) : '',
        loadCell(row),
      ]);
    }
  }
  return table(header, lines);
}
