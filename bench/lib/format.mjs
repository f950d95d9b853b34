// Number formats and row lookups shared by the report and the target evaluators.
import { SERVERS } from './scenarios.mjs';

export const label = (name) => SERVERS.find((server) => server.name === name)?.label ?? name;
export const kindOf = (name) => SERVERS.find((server) => server.name === name)?.kind;
export const adapterOf = (name) => SERVERS.find((server) => server.name === name)?.adapter;

export const int = (value) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
export const ms = (value) =>
  Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(1)) : '–';
export const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : '–');
export const kb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '–');
export const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '–');
export const cores = (value) => (Number.isFinite(value) ? value.toFixed(2) : '–');

/** Looks up the row of `server` in `scenario`, if it ran. */
export function rowOf(rows, scenario, server) {
  return rows.find(
    (row) => row.scenario === scenario && row.server === server && row.status === 'ok',
  );
}

/** The official server Tern's `server` is compared with: the one on the same adapter. */
export const officialFor = (server) => `official-${adapterOf(server)}`;

/** The driver's CPU and the rest of the machine's, in cores. */
export function loadCell(row) {
  const interrupts = row.interruptCores === undefined ? '' : ` + ${cores(row.interruptCores)}`;
  return `${cores(row.clientCores)} / ${cores(row.otherCores)}${interrupts}`;
}

function statusCell(row) {
  if (row.status === 'n/a') return `n/a: ${row.reason}`;
  return `**FAILED**: ${row.reason}`;
}

/** A row for a server that did not run the scenario: the reason, then blank cells to the width. */
export function skippedRow(header, leadingCells, row) {
  const cells = [...leadingCells, statusCell(row)];
  return [...cells, ...Array(header.length - cells.length).fill('')];
}

export function table(header, lines) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((cell, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...lines.map((line) => `| ${line.join(' | ')} |`),
  ].join('\n');
}
