#!/usr/bin/env node
// `pnpm bench`: Tern against a bare node:http server (the ceiling), bare Express with
// express.json() (the floor of any Express adapter) and the official MCP TypeScript SDK v2, side
// by side, and writes bench/RESULTS.md.
//
//   pnpm bench                          # full run, about 7 minutes; needs a quiet machine
//   pnpm bench --quick                  # 1 s warm-up, 3 s per row: checks that every row works
//   pnpm bench --servers tern-node,official-node --scenarios call-32,mrtr-32
//   pnpm bench --preliminary "why"      # labels the results as preliminary, with the reason
//   pnpm bench --no-profile             # skip the CPU profiles of the Tern servers
//   pnpm bench --out /tmp/results.md    # write elsewhere than bench/RESULTS.md
//   pnpm bench --render .results/run-….json   # render a recorded run again (no measuring)
//
// Every server is `node bench/servers/<name>.mjs` with PORT set, bound to 127.0.0.1, one fresh
// process per row, stopped by PID. Load comes from a second process (autocannon from npm; MRTR
// calls from a custom driver). Linux only: CPU and memory are read from /proc.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { summariseProfile } from './lib/profile.mjs';
import { BENCH_DIR } from './lib/processes.mjs';
import { describeMachine, loadAverage } from './lib/proc.mjs';
import { evaluateTargets, renderReport } from './lib/report.mjs';
import { profileIn, runRow, SCENARIOS, SERVERS } from './lib/scenarios.mjs';
import { renderStdioSection, runStdioRows } from './lib/stdio-rows.mjs';
import * as startupPart from './lib/startup.mjs';
import { appendRedisLegacySection } from './redis-legacy.mjs';
import { runRedisBench } from './redis.mjs';

const { values: args } = parseArgs({
  options: {
    render: { type: 'string' },
    quick: { type: 'boolean', default: false },
    servers: { type: 'string' },
    scenarios: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    preliminary: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    'no-startup': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const pick = (list, names, what) => {
  if (names === undefined) return list;
  const wanted = names.split(',').map((name) => name.trim());
  for (const name of wanted) {
    if (!list.some((item) => (item.name ?? item.id) === name))
      throw new Error(`unknown ${what} ${name}`);
  }
  return list.filter((item) => wanted.includes(item.name ?? item.id));
};

const outFile = args.out ?? join(BENCH_DIR, 'RESULTS.md');

// `--render run.json`: writes the report of a recorded run again (after a change to the report).
if (args.render !== undefined) {
  const recorded = JSON.parse(readFileSync(args.render, 'utf8'));
  recorded.targets = evaluateTargets(recorded.rows);
  writeFileSync(
    outFile,
    `${renderReport(recorded)}\n${renderStdioSection(recorded.stdioRows ?? [])}\n${startupPart.renderStartupSection(recorded.startup)}`,
  );
  process.stdout.write(`wrote ${relative(process.cwd(), outFile)} from ${args.render}\n`);
  process.exit(0);
}

const servers = pick(SERVERS, args.servers, 'server');
// `stdio-32` is the stdio rows' scenario (lib/stdio-rows.mjs); the others are HTTP rows.
const wantedScenarios = args.scenarios?.split(',').map((name) => name.trim());
const wantsStdio = wantedScenarios === undefined || wantedScenarios.includes('stdio-32');
const httpScenarios = wantedScenarios?.filter((name) => name !== 'stdio-32');
const scenarios =
  httpScenarios === undefined
    ? SCENARIOS
    : httpScenarios.length === 0
      ? []
      : pick(SCENARIOS, httpScenarios.join(','), 'scenario');
const timing = {
  warmupSeconds: Number(args.warmup ?? (args.quick ? 1 : 3)),
  seconds: Number(args.seconds ?? (args.quick ? 3 : 10)),
};
const resultsDir = join(BENCH_DIR, '.results');
mkdirSync(resultsDir, { recursive: true });
// `--startup`: cold starts, imports and bundle sizes only (lib/startup.mjs), its section replaced.
if (args.startup) {
  await startupPart.runStartupAlone({ quick: args.quick, outFile, resultsDir });
  process.exit();
}

/** The version of a dependency, read from its manifest (some packages do not export it). */
const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(join(BENCH_DIR, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'unknown';
  }
};

function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: BENCH_DIR,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../packages'], {
      cwd: BENCH_DIR,
      encoding: 'utf8',
    }).trim();
    return dirty === '' ? commit : `${commit} (packages/ has uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

const started = Date.now();
const startedLoad = loadAverage();
const rows = [];
const total = scenarios.reduce((count, scenario) => count + servers.length * (scenario ? 1 : 0), 0);
let index = 0;
for (const scenario of scenarios) {
  for (const server of servers) {
    index += 1;
    process.stdout.write(`[${index}/${total}] ${scenario.id} on ${server.name} … `);
    const row = await runRow(server, scenario, timing);
    rows.push(row);
    if (row.status === 'ok') {
      const figure =
        scenario.mode === 'listen'
          ? `${(row.rssPerStream / 1024).toFixed(1)} KB/stream, fan-out ${row.fanoutLastMs.median.toFixed(1)} ms`
          : `${Math.round(row.rps)} /s, p50 ${row.latency.p50.toFixed(2)} ms, p99 ${row.latency.p99.toFixed(2)} ms, ${Math.round(row.cpuMicrosPerRequest)} µs CPU`;
      process.stdout.write(`${figure}, peak RSS ${(row.peakRss / 1048576).toFixed(1)} MB\n`);
    } else {
      process.stdout.write(`${row.status}: ${row.reason}\n`);
      if (row.output) process.stdout.write(`${row.output}\n`);
    }
  }
}

// The stdio rows: Tern's and the official serveStdio, driven over pipes by this process.
const stdioRows = wantsStdio
  ? await runStdioRows(timing, (row) => {
      process.stdout.write(
        row.status === 'ok'
          ? `stdio-32 on ${row.server} … ${Math.round(row.rps)} /s, p50 ${row.latency.p50.toFixed(2)} ms, ${Math.round(row.cpuMicrosPerRequest)} µs CPU\n`
          : `stdio-32 on ${row.server} … failed: ${row.reason}\n${row.output ?? ''}\n`,
      );
    })
  : [];

// Profiles of the Tern servers (and the official one for contrast), in separate runs: profiling
// slows a server down, so none of the figures above comes from a profiled process.
const profiles = [];
if (!args['no-profile']) {
  const wanted = [
    ['tern-node', 'call-32'],
    ['tern-express', 'call-32'],
    ['tern-node', 'mrtr-32'],
    ['tern-node', 'mrtr10-32'],
    ['official-node', 'call-32'],
  ];
  for (const [serverName, scenarioId] of wanted) {
    const server = servers.find((item) => item.name === serverName);
    const scenario = scenarios.find((item) => item.id === scenarioId);
    if (server === undefined || scenario === undefined) continue;
    process.stdout.write(`profiling ${scenarioId} on ${serverName} … `);
    const dir = join(resultsDir, 'profiles', `${serverName}-${scenarioId}`);
    const row = await runRow(
      server,
      scenario,
      { warmupSeconds: 1, seconds: Math.min(timing.seconds, 8) },
      { profileDir: dir },
    );
    const file = profileIn(dir);
    if (row.status === 'ok' && file !== undefined) {
      profiles.push({
        server: serverName,
        scenario: scenarioId,
        file: relative(BENCH_DIR, file),
        summary: summariseProfile(file),
      });
      process.stdout.write(`${relative(BENCH_DIR, file)}\n`);
    } else {
      profiles.push({
        server: serverName,
        scenario: scenarioId,
        reason: row.reason ?? 'no profile written',
      });
      process.stdout.write(`no profile: ${row.reason ?? 'none written'}\n`);
    }
  }
}

const run = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: (Date.now() - started) / 1000,
  commit: gitCommit(),
  machine: describeMachine(),
  versions: {
    '@modelcontextprotocol/server': versionOf('@modelcontextprotocol/server'),
    '@modelcontextprotocol/express': versionOf('@modelcontextprotocol/express'),
    '@modelcontextprotocol/node': versionOf('@modelcontextprotocol/node'),
    express: versionOf('express'),
    autocannon: versionOf('autocannon'),
  },
  loadAverage: { start: startedLoad, end: loadAverage() },
  options: {
    ...timing,
    preliminary: args.preliminary,
    command: ['pnpm bench', ...process.argv.slice(2)]
      .map((arg, index, all) => (all[index - 1] === '--preliminary' ? '"…"' : arg))
      .join(' '),
  },
  rows,
  stdioRows,
  profiles,
  startup: args['no-startup']
    ? undefined
    : await startupPart.runStartup({ runs: startupPart.startupRuns(args.quick), log: console.log }),
};
run.targets = evaluateTargets(rows);
writeFileSync(
  outFile,
  `${renderReport(run)}\n${renderStdioSection(stdioRows)}\n${startupPart.renderStartupSection(run.startup)}`,
);
if (wantedScenarios === undefined) await appendRedisLegacySection(outFile, timing);
if (args.scenarios === undefined) await runRedisBench({ seconds: timing.seconds, rounds: args.quick ? 5 : 20, outFile }); // bench/redis.mjs
const jsonFile = join(resultsDir, `run-${run.startedAt.replaceAll(':', '-')}.json`);
writeFileSync(jsonFile, `${JSON.stringify(run, null, 2)}\n`);
process.stdout.write(
  `\nwrote ${relative(process.cwd(), outFile)} and ${relative(process.cwd(), jsonFile)}\n`,
);
for (const target of run.targets) {
  process.stdout.write(
    `${target.met === undefined ? '·' : target.met ? '✓' : '✗'} ${target.name}: ${target.measured}\n`,
  );
}
const failed = [...rows, ...stdioRows].filter((row) => row.status === 'failed');
if (failed.length > 0) {
  process.stdout.write(`\n${failed.length} row(s) failed\n`);
  process.exitCode = 1;
}
