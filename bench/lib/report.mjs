// Renders a run as Markdown: one table per scenario family, the ratios, the targets (met or
// missed, with the measured figure), the load conditions and the CPU profiles.
import {
  adapterOf,
  int,
  kb,
  kindOf,
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
import { hotPathTargets } from './hot-path-targets.mjs';
import { mrtrTable } from './mrtr-table.mjs';
import { MRTR_REFERENCE, SCENARIOS, SERVERS } from './scenarios.mjs';

function loadTable(rows, scenarioIds) {
  const header = [
    'server',
    'conns',
    'req/s',
    'p50 ms',
    'p99 ms',
    'p99/p50',
    'server CPU µs/req',
    'peak RSS MB',
    'errors',
    'Tern/official req/s',
    'req/s vs bare (same adapter)',
    'CPU µs/req over bare (same adapter)',
    'client / other cores',
  ];
  const lines = [];
  for (const scenarioId of scenarioIds) {
    const scenario = SCENARIOS.find((item) => item.id === scenarioId);
    for (const server of SERVERS) {
      const row = rows.find((item) => item.scenario === scenarioId && item.server === server.name);
      if (row === undefined) continue;
      if (row.status !== 'ok') {
        lines.push(skippedRow(header, [label(server.name), String(scenario.connections)], row));
        continue;
      }
      const official = rowOf(rows, scenarioId, officialFor(server.name));
      // The ceiling for node:http servers, the floor for Express ones.
      const floor = rowOf(rows, scenarioId, `bare-${server.adapter}`);
      const isTern = server.kind === 'tern';
      lines.push([
        label(server.name),
        String(scenario.connections),
        int(row.rps),
        ms(row.latency.p50),
        ms(row.latency.p99),
        times(row.latency.p99 / row.latency.p50),
        int(row.cpuMicrosPerRequest),
        mb(row.peakRss),
        String(row.errors + row.non2xx),
        isTern && official ? times(row.rps / official.rps) : '',
        (isTern || server.kind === 'official') && floor ? times(row.rps / floor.rps) : '',
        (isTern || server.kind === 'official') && floor
          ? int(row.cpuMicrosPerRequest - floor.cpuMicrosPerRequest)
          : '',
        loadCell(row),
      ]);
    }
  }
  return table(header, lines);
}

function listenTable(rows) {
  const header = [
    'server',
    'streams',
    'RSS per stream KB',
    'heap+external per stream KB',
    'fan-out: last stream received, median ms',
    'worst ms',
    'server CPU µs per delivery',
    'peak RSS MB',
    'RSS per stream over bare (same adapter) KB',
    'subscriptions released after the clients left',
  ];
  const lines = [];
  for (const server of SERVERS) {
    const floor = rowOf(rows, 'listen-1000', `bare-${server.adapter}`);
    const row = rows.find((item) => item.scenario === 'listen-1000' && item.server === server.name);
    if (row === undefined) continue;
    if (row.status !== 'ok') {
      lines.push(skippedRow(header, [label(server.name), '1000'], row));
      continue;
    }
    lines.push([
      label(server.name),
      String(row.streams),
      kb(row.rssPerStream),
      kb(row.heapPerStream),
      ms(row.fanoutLastMs.median),
      ms(row.fanoutLastMs.max),
      ms(row.cpuMicrosPerDelivery),
      mb(row.peakRss),
      floor && server.kind !== 'bare' ? kb(row.rssPerStream - floor.rssPerStream) : '',
      row.releasedAfterMs === undefined
        ? `**not within 20 s** (${row.stillSubscribed} still subscribed)`
        : `${ms(row.releasedAfterMs)} ms (polled every 100 ms)`,
    ]);
  }
  return table(header, lines);
}

/** Evaluates the issue's targets against a run. */
export function evaluateTargets(rows) {
  const targets = [];
  const add = (name, measured, met) => targets.push({ name, measured, met });
  const r = (scenario, server) => rowOf(rows, scenario, server);

  const te = r('call-32', 'tern-express');
  const oe = r('call-32', 'official-express');
  const be = r('call-32', 'bare-express');
  const tn = r('call-32', 'tern-node');
  const on = r('call-32', 'official-node');
  add(
    'Tern on Express ≥ 2x the official SDK (Express) req/s, 32 connections',
    te && oe
      ? `${times(te.rps / oe.rps)} (${int(te.rps)} vs ${int(oe.rps)} req/s)`
      : 'not measured',
    te && oe ? te.rps >= 2 * oe.rps : undefined,
  );
  add(
    'Tern on Express within 300 µs of CPU per request of the bare Express floor, 32 connections',
    te && be
      ? `+${int(te.cpuMicrosPerRequest - be.cpuMicrosPerRequest)} µs (${int(te.cpuMicrosPerRequest)} vs ${int(be.cpuMicrosPerRequest)})`
      : 'not measured',
    te && be ? te.cpuMicrosPerRequest - be.cpuMicrosPerRequest <= 300 : undefined,
  );
  add(
    'Tern on node:http ≥ 3x the official SDK (node:http) req/s, 32 connections',
    tn && on
      ? `${times(tn.rps / on.rps)} (${int(tn.rps)} vs ${int(on.rps)} req/s)${oe ? `; vs official on Express ${times(tn.rps / oe.rps)}` : ''}`
      : 'not measured',
    tn && on ? tn.rps >= 3 * on.rps : undefined,
  );
  for (const server of ['tern-express', 'tern-node']) {
    const row = r('call-32', server);
    const bare = r('call-32', `bare-${adapterOf(server)}`);
    add(
      `${label(server)}: p99 ≤ 3x p50 at 32 connections`,
      row
        ? `${times(row.latency.p99 / row.latency.p50)} (p50 ${ms(row.latency.p50)} ms, p99 ${ms(row.latency.p99)} ms)${
            bare
              ? `; the bare ${adapterOf(server)} server in the same run: ${times(bare.latency.p99 / bare.latency.p50)}`
              : ''
          }`
        : 'not measured',
      row ? row.latency.p99 <= 3 * row.latency.p50 : undefined,
    );
  }
  for (const server of ['tern-express', 'tern-node']) {
    const mrtr = r('mrtr-32', server);
    const one = r('call-32', server);
    const sameDriver = r(MRTR_REFERENCE, server);
    add(
      `${label(server)}: a three-round MRTR call costs ≤ 3x a one-round call (server CPU, sealing included)`,
      mrtr && one
        ? `${times(mrtr.cpuMicrosPerRequest / one.cpuMicrosPerRequest)} (${int(mrtr.cpuMicrosPerRequest)} vs ${int(one.cpuMicrosPerRequest)} µs)${
            sameDriver
              ? `; vs the one-round call sent by the same driver: ${times(mrtr.cpuMicrosPerRequest / sameDriver.cpuMicrosPerRequest)} (${int(sameDriver.cpuMicrosPerRequest)} µs)`
              : ''
          }`
        : 'not measured',
      mrtr && one ? mrtr.cpuMicrosPerRequest <= 3 * one.cpuMicrosPerRequest : undefined,
    );
  }
  const ternRows = rows.filter((row) => kindOf(row.server) === 'tern' && row.status === 'ok');
  const peak = Math.max(...ternRows.map((row) => row.peakRss));
  const peakRow = ternRows.find((row) => row.peakRss === peak);
  const bareRows = rows.filter(
    (row) => kindOf(row.server) === 'bare' && row.status === 'ok' && row.scenario === 'call-32',
  );
  const bareNote = bareRows.map((row) => `${row.server} ${mb(row.peakRss)} MB`).join(', ');
  add(
    'Tern peak RSS under load ≤ 130 MB (every scenario)',
    peakRow
      ? `${mb(peak)} MB at most (${peakRow.server}, ${peakRow.scenario})${bareNote ? `; the bare servers at 32 connections: ${bareNote}` : ''}`
      : 'not measured',
    peakRow ? peak <= 130 * 1024 * 1024 : undefined,
  );
  for (const server of ['tern-express', 'tern-node']) {
    const row = r('listen-1000', server);
    const bareListen = r('listen-1000', `bare-${adapterOf(server)}`);
    add(
      `${label(server)}: an idle listen stream costs at most a few KB (≤ 5 KB RSS per stream)`,
      row
        ? `${kb(row.rssPerStream)} KB RSS, ${kb(row.heapPerStream)} KB heap+external per stream${
            bareListen
              ? `; a bare ${adapterOf(server)} SSE response alone costs ${kb(bareListen.rssPerStream)} KB RSS and ${kb(bareListen.heapPerStream)} KB heap, so Tern adds ${kb(row.rssPerStream - bareListen.rssPerStream)} KB RSS, ${kb(row.heapPerStream - bareListen.heapPerStream)} KB heap`
              : ''
          }`
        : 'not measured',
      row ? row.rssPerStream <= 5 * 1024 : undefined,
    );
  }
  for (const target of hotPathTargets(rows)) targets.push(target);
  return targets;
}

function targetsTable(targets) {
  return table(
    ['target', 'measured', 'status'],
    targets.map((target) => [
      target.name,
      target.measured,
      target.met === undefined ? 'not measured' : target.met ? 'met' : '**missed**',
    ]),
  );
}

function profileSection(profiles) {
  if (profiles.length === 0) return '';
  const parts = ['## Where the time goes (CPU profiles)', ''];
  parts.push(
    'Each server was run once more under `node --cpu-prof` (slower than the measured runs, so these',
    'are shares, not timings). Self time, idle excluded. V8 samples the main thread by wall clock: on a',
    'loaded machine the time the thread waits preempted is charged to the frame it was in, most often a',
    'syscall that wakes another process (`writev`, the socket write of a response) or hands work to the',
    'thread pool (`node:internal/crypto/util`, the WebCrypto job dispatch), so those frames are',
    'inflated when the machine is busy. "Inclusive" shares cover only the synchronous part of each',
    "function (an async function's continuations are separate stacks).",
    '',
  );
  for (const profile of profiles) {
    parts.push(
      `### ${label(profile.server)}: ${SCENARIOS.find((item) => item.id === profile.scenario)?.title}`,
      '',
    );
    if (profile.summary === undefined) {
      parts.push(`No profile: ${profile.reason}`, '');
      continue;
    }
    parts.push(
      table(
        ['by package', 'share of busy time'],
        profile.summary.owners
          .slice(0, 10)
          .map((owner) => [owner.key, `${(owner.share * 100).toFixed(1)}%`]),
      ),
      '',
      table(
        ['top self-time frames', 'share'],
        profile.summary.frames
          .slice(0, 15)
          .map((frame) => [`\`${frame.key}\``, `${(frame.share * 100).toFixed(1)}%`]),
      ),
      '',
      ...(profile.summary.ternInclusive.length === 0
        ? []
        : [
            table(
              ['Tern functions, inclusive (synchronous part of each call)', 'share'],
              profile.summary.ternInclusive
                .slice(0, 12)
                .map((frame) => [`\`${frame.key}\``, `${(frame.share * 100).toFixed(1)}%`]),
            ),
            '',
          ]),
    );
  }
  return parts.join('\n');
}

/** The whole Markdown report. */
export function renderReport(run) {
  const { machine, rows, targets, profiles, options } = run;
  const parts = [];
  parts.push('# Tern benchmarks', '');
  if (options.preliminary !== undefined)
    parts.push(`> **PRELIMINARY.** ${options.preliminary}`, '');
  parts.push(
    'Absolute numbers vary between machines: compare the **ratios** (Tern against the official SDK',
    'and against the bare servers measured in the same run), not the req/s with another machine.',
    '',
    `- Run: ${run.startedAt} (${run.durationSeconds.toFixed(0)} s), commit ${run.commit}`,
    `- Machine: ${machine.nproc} CPUs (${machine.model}), ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}, Linux ${machine.kernel}`,
    `- Versions: ${Object.entries(run.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    "- Servers: official SDK v2 in its documented 2026-07-28 stateless setup (`createMcpHandler` with a per-request `McpServer` factory, `legacy: 'reject'`, wrapped with `toNodeHandler`; Express through `createMcpExpressApp`, node:http behind `localhostHostValidation`/`localhostOriginValidation`; tool schemas built once outside the factory). Tern: one `McpServer` with a configured `requestState` key, `createNodeHandler` / `createExpressHandler` (mounted without `express.json()`, as its README recommends), from the built packages",
    `- Load: autocannon (npm) from a second process on 127.0.0.1, ${options.warmupSeconds} s warm-up then ${options.seconds} s measured per row; MRTR calls by a custom driver process (3 or 10 POSTs per logical call, keep-alive)`,
    '- Server CPU: utime+stime deltas of the server PID from /proc/<pid>/stat over the measured window; peak RSS: VmHWM from /proc/<pid>/status (one fresh server process per row)',
    '- "client / other cores": CPU the load driver used, and what every other process used meanwhile (from /proc/stat), in cores: on a quiet machine "other" is near 0. Runs that record it add the irq/softirq time after a "+" (mostly the loopback TCP stack, about 0.2 core at 30k req/s here); in older runs it is part of "other"',
    `- Load average before the first row ${run.loadAverage.start.toFixed(2)}, after the last ${run.loadAverage.end.toFixed(2)}`,
    `- Command: \`${options.command}\``,
    `- Targets use the 32-connection rows; a target is only as good as the run: on a loaded machine even the bare servers miss the p99 ≤ 3x p50 bound`,
    '',
    '## Targets',
    '',
    targetsTable(targets),
    '',
    '## One-round tools/call',
    '',
    'The same 2026-07-28 `tools/call` of the tool `echo` (headers MCP-Protocol-Version, Mcp-Method, Mcp-Name,',
    'Content-Type, Accept, and the `_meta` envelope) to every server. "Tern/official" compares with the',
    'official SDK on the same adapter; "vs bare" with the bare server on the same adapter (node:http:',
    'the ceiling; Express: the floor, Express with express.json()).',
    '',
    loadTable(rows, ['call-1', 'call-32']),
    '',
    '## Three-round MRTR call (two elicitations, sealed state)',
    '',
    'One logical call = 3 POSTs: the call, then two retries answering one elicitation each with the',
    'echoed `requestState`. Tern seals (AES-256-GCM) and opens its state on every round; the official',
    'server mints and verifies an HMAC-signed state with `createRequestStateCodec` (its documented',
    'helper) on each input_required round. "CPU vs one-round call" divides by the same server\'s',
    'one-round CPU per request at the same concurrency (sent by autocannon). "Same driver" divides by',
    'the first rows: the one-round `echo` call sent by the MRTR driver (a Node http client, as the',
    'MRTR rows are), which costs a server more CPU per request than the same call from autocannon.',
    'Three POSTs cost at least three one-round calls, so 3x is the floor of the three-round ratio.',
    '',
    mrtrTable(rows, [MRTR_REFERENCE, 'mrtr-1', 'mrtr-32']),
    '',
    '## Ten-round MRTR call (nine elicitations, sealed state)',
    '',
    'One logical call = 10 POSTs of the tool `survey`, one elicitation per round: the journal grows',
    'by one answer every round and the handler replays every earlier answer, so this row shows',
    'whether the cost per round stays flat (linear) or grows with the round (quadratic). Tern only:',
    "the official server's write-once handlers keep their own state, so there is no replay to measure.",
    '',
    mrtrTable(rows, ['mrtr10-32']),
    '',
    '## Progress over SSE',
    '',
    loadTable(rows, ['progress-32']),
    '',
    '## Idle listen streams',
    '',
    "Memory per stream: the server's RSS (and V8 heap+external, after GC) with 1,000 open",
    '`subscriptions/listen` streams minus before them, divided by 1,000. Fan-out: time from asking the',
    'server (side channel) to publish one tools/list_changed until the last of the 1,000 streams',
    'received it, over 5 notifications.',
    '',
    listenTable(rows),
    '',
    profileSection(profiles),
  );
  return `${parts.join('\n').trimEnd()}\n`;
}
