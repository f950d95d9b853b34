// The start-up part of `pnpm bench` (`pnpm bench --startup` runs it alone): cold starts
// (lib/cold-start.mjs), the import cost of every package entry (lib/import-stats.mjs) and the
// browser client bundles (lib/bundle-size.mjs), with the machine's load average next to them.
// Its report is a section of RESULTS.md of its own, between markers, so that running it alone
// replaces only that section.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildBundles, verifyBundles } from './bundle-size.mjs';
import { COLD_SERVERS, runColdStarts } from './cold-start.mjs';
import { runImportStats } from './import-stats.mjs';
import { loadAverage } from './proc.mjs';
import { BENCH_DIR, startServer } from './processes.mjs';

const SERVER_BUNDLES = join(BENCH_DIR, '.results', 'server-bundles');

/**
 * Bundles `server` into one file for Node with esbuild; `external` stays in node_modules.
 * CommonJS dependencies of a bundle call require(), so the ESM bundle gets one.
 */
async function bundleServer(server, { suffix, external = [] }) {
  const file = join(SERVER_BUNDLES, `${server.name}${suffix}.mjs`);
  await build({
    entryPoints: [join(BENCH_DIR, 'servers', `${server.name}.mjs`)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    logLevel: 'silent',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return file;
}

/**
 * The cold-start servers; each again bundled into one file by esbuild for Node (zod and the SDK
 * inlined), how a serverless function usually ships, where loading hundreds of modules from
 * node_modules is not part of the start; and, as an experiment, the Tern servers with only the
 * SDK bundled and zod left in node_modules: what shipping each @tern package as one file per
 * entry point would give an unbundled app.
 */
async function coldServers() {
  mkdirSync(SERVER_BUNDLES, { recursive: true });
  const variants = [];
  for (const server of COLD_SERVERS) {
    const file = await bundleServer(server, { suffix: '+bundled' });
    variants.push({
      ...server,
      name: `${server.name}+bundled`,
      file,
      variant: 'bundled (esbuild)',
    });
  }
  for (const server of COLD_SERVERS.filter((item) => item.name.startsWith('tern-'))) {
    const file = await bundleServer(server, { suffix: '+sdk-bundled', external: ['zod'] });
    variants.push({
      ...server,
      name: `${server.name}+sdk-bundled`,
      file,
      variant: 'SDK packages pre-bundled, zod from node_modules (experiment)',
    });
  }
  return [...COLD_SERVERS, ...variants];
}

/** Runs everything; `runs` cold starts and timed imports per entry (medians). */
export async function runStartup({ runs, log = () => undefined }) {
  const loadStart = loadAverage();
  log('building the browser bundles …');
  const bundles = await buildBundles();
  const server = await startServer('tern-node');
  let bundleCheck;
  try {
    bundleCheck = await verifyBundles(bundles, server.url);
  } finally {
    await server.stop();
  }
  log(`cold starts (${runs} per server) …`);
  const coldStarts = await runColdStarts({ runs, servers: await coldServers(), log });
  log(`imports (${runs} per entry) …`);
  const imports = runImportStats({ runs });
  return {
    runs,
    loadAverage: { start: loadStart, end: loadAverage() },
    coldStarts,
    imports,
    bundles,
    bundleCheck,
  };
}

const ms = (value) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const kb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '–');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1048576).toFixed(1) : '–');
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '–');

/** The cold-start and bundle targets of issue 20, with the measured ratios. */
export function startupTargets(startup) {
  const cold = (name) => startup.coldStarts.find((row) => row.name === name && row.status === 'ok');
  const bundle = (name, variant) =>
    startup.bundles.find((row) => row.bundle === name && row.variant === variant);
  const targets = [];
  for (const [tern, official, what] of [
    ['tern-node', 'official-node', 'node:http'],
    ['tern-stdio', 'official-stdio', 'stdio'],
    ['tern-node+bundled', 'official-node+bundled', 'node:http, bundled'],
    ['tern-stdio+bundled', 'official-stdio+bundled', 'stdio, bundled'],
  ]) {
    const ratio = cold(tern)?.firstCallMs / cold(official)?.firstCallMs;
    const cpu = cold(tern)?.cpuMs / cold(official)?.cpuMs;
    targets.push({
      name: `cold start to the first tools/call ≤ 0.5x the official SDK (${what})`,
      measured: `${times(ratio)} wall, ${times(cpu)} server CPU`,
      met: Number.isFinite(ratio) ? ratio <= 0.5 : undefined,
    });
  }
  for (const variant of ['with-zod', 'without-zod']) {
    const ratio = bundle('tern', variant)?.gzipBytes / bundle('official', variant)?.gzipBytes;
    targets.push({
      name: `browser client bundle, minified + gzip, ≤ 0.5x the official client (${variant === 'with-zod' ? 'zod included' : 'zod external'})`,
      measured: times(ratio),
      met: Number.isFinite(ratio) ? ratio <= 0.5 : undefined,
    });
  }
  return targets;
}

export const SECTION_START = '<!-- startup: written by lib/startup.mjs -->';
export const SECTION_END = '<!-- /startup -->';

function coldTable(rows) {
  const official = (row) =>
    rows.find(
      (other) =>
        other.status === 'ok' &&
        other.name === row.name.replace('tern-', 'official-').replace('+sdk-bundled', '') &&
        other !== row,
    );
  const lines = [
    '| server | first tools/call answered, ms (median) | fastest, ms | listening, ms | server CPU ms | RSS MB | Tern/official wall | Tern/official CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const label = row.variant === undefined ? row.label : `${row.label}, ${row.variant}`;
    if (row.status !== 'ok') {
      lines.push(`| ${label} | **FAILED**: ${row.reason} | | | | | | |`);
      continue;
    }
    const base = row.name.startsWith('tern-') ? official(row) : undefined;
    lines.push(
      `| ${label} | ${ms(row.firstCallMs)} | ${ms(row.firstCallMinMs)} | ${ms(row.listenMs)} | ${ms(row.cpuMs)} | ${mb(row.rss)} | ${base ? times(row.firstCallMs / base.firstCallMs) : ''} | ${base ? times(row.cpuMs / base.cpuMs) : ''} |`,
    );
  }
  return lines.join('\n');
}

function importTable(rows) {
  const lines = [
    '| entry | modules | of which @tern | of which zod | other third-party | import wall ms | import CPU ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if (row.status === 'not built') {
      lines.push(`| \`${row.name}\` | not built (not a dependency of the bench) | | | | | |`);
      continue;
    }
    const owners = Object.entries(row.byOwner);
    const tern = owners.filter(([owner]) => owner.startsWith('@tern/'));
    const sum = (list) => list.reduce((total, [, count]) => total + count, 0);
    const zod = row.byOwner.zod ?? 0;
    lines.push(
      `| \`${row.name}\` | ${row.total} | ${sum(tern)} | ${zod} | ${row.total - sum(tern) - zod} | ${ms(row.wallMs)} | ${ms(row.cpuMs)} |`,
    );
  }
  return lines.join('\n');
}

function bundleTable(rows) {
  const official = (row) =>
    rows.find((other) => other.bundle === 'official' && other.variant === row.variant);
  const lines = [
    '| client | zod | minified KB | gzip KB | Tern/official gzip | largest parts (minified KB) |',
    '| --- | --- | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const parts = Object.entries(row.byOwner)
      .slice(0, 5)
      .map(([owner, bytes]) => `${owner} ${kb(bytes)}`)
      .join(', ');
    const base = row.bundle === 'tern' ? official(row) : undefined;
    lines.push(
      `| ${row.label} | ${row.variant === 'with-zod' ? 'bundled' : 'external'} | ${kb(row.minifiedBytes)} | ${kb(row.gzipBytes)} | ${base ? times(row.gzipBytes / base.gzipBytes) : ''} | ${parts} |`,
    );
  }
  return lines.join('\n');
}

/** The RESULTS.md section, between its markers. */
export function renderStartupSection(startup) {
  if (startup === undefined) return '';
  const targets = startupTargets(startup)
    .map(
      (target) =>
        `- ${target.met === undefined ? '·' : target.met ? '✓' : '✗'} ${target.name}: ${target.measured}`,
    )
    .join('\n');
  const checked = Object.entries(startup.bundleCheck ?? {})
    .map(([name, seen]) => `${name}: ${JSON.stringify(seen)}`)
    .join('; ');
  return `${SECTION_START}
## Start-up: cold start, imports, browser bundle

Load average (1 min) ${startup.loadAverage.start.toFixed(2)} at the start of this part, ${startup.loadAverage.end.toFixed(2)} at its end; ${startup.runs} runs of each figure (medians).

${targets}

Why the missed ones are missed, and what would move them: \`README.md\`, "Start-up targets met and
missed".

### Cold start: process start to the first tools/call answered

A fresh \`node bench/servers/<name>.mjs\` per run, the servers interleaved; over HTTP the bench
waits for the listening signal, then POSTs the one-round \`echo\` call; over stdio it writes the
call to stdin at once. The clock runs from spawn to the answer; server CPU (utime + stime from
\`/proc\`) and RSS are read at the answer. "Bundled": the same server file bundled by esbuild into
one file for Node (the SDK and zod inlined), as serverless functions usually ship. "SDK packages
pre-bundled" (Tern only, an experiment): the @tern packages and their small dependencies inlined,
zod loaded from node_modules, which is what shipping each package as one file per entry point
would give an app run from node_modules.

${coldTable(startup.coldStarts)}

### Import cost per entry point (built dist)

One fresh process per entry and run: the modules \`import\` loads (counted by a loader hook, in a
separate process) and the wall and CPU time of the \`import\` itself (median).

${importTable(startup.imports)}

### Browser client bundle

\`bundle/tern-client.mjs\` and \`bundle/official-client.mjs\`: connect, list the tools, call
\`book\` and answer its two elicitations, built by esbuild (\`platform: browser\`, ESM, minified,
es2022), gzip level 9. Each bundle was run against the Tern bench server: ${checked}.

${bundleTable(startup.bundles)}
${SECTION_END}
`;
}

/** Replaces the start-up section of `text` (or appends one). */
export function spliceStartupSection(text, section) {
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  if (start === -1 || end === -1) return `${text.trimEnd()}\n\n${section}`;
  return `${text.slice(0, start)}${section.trimEnd()}${text.slice(end + SECTION_END.length)}`;
}

/** Figures per run of the start-up part: `--quick` takes fewer. */
export const startupRuns = (quick) => (quick ? 5 : 15);

/**
 * `pnpm bench --startup`: runs only this part, writes its figures to `resultsDir` and replaces
 * its section of `outFile` (the rest of the report stays as the last full run wrote it).
 */
export async function runStartupAlone({ quick, outFile, resultsDir }) {
  const log = (line) => process.stdout.write(`${line}\n`);
  const startup = await runStartup({ runs: startupRuns(quick), log });
  startup.startedAt = new Date().toISOString();
  const json = join(resultsDir, `startup-${startup.startedAt.replaceAll(':', '-')}.json`);
  writeFileSync(json, `${JSON.stringify(startup, null, 2)}\n`);
  const before = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  writeFileSync(outFile, spliceStartupSection(before, renderStartupSection(startup)));
  log(`wrote ${outFile} (start-up section) and ${json}`);
  for (const target of startupTargets(startup))
    log(
      `${target.met === undefined ? '·' : target.met ? '✓' : '✗'} ${target.name}: ${target.measured}`,
    );
  const failed = startup.coldStarts.filter((row) => row.status !== 'ok');
  if (failed.length > 0) process.exitCode = 1;
  return startup;
}
