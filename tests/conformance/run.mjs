#!/usr/bin/env node
// Runs the official MCP conformance suite (the pinned @modelcontextprotocol/conformance) against
// one of Tern's conformance apps, and holds the result to the expected-failures baseline.
//
//   node tests/conformance/run.mjs <leg> <revision> [--verbose]
//   node tests/conformance/run.mjs server 2026-07-28
//   node tests/conformance/run.mjs server 2025-11-25
//   node tests/conformance/run.mjs client 2026-07-28
//   node tests/conformance/run.mjs client 2025-11-25
//
// What it does, in order:
//   1. finds a Node >= 22 (the suite needs fs.globSync): this Node if it is new enough, else
//      $TERN_CONFORMANCE_NODE, else node-<platform>-<arch>@NODE_VERSION installed once with npm
//      (registry only) into tests/conformance/.cache/ and reused;
//   2. starts the leg's subject (for `server`: node apps/conformance-server/dist/main.js on a free
//      127.0.0.1 port) and waits until it answers;
//   3. runs the suite CLI with `--requirements <revision> -o <out> --expected-failures <baseline>`;
//   4. reads <out>/**/checks.json and prints a summary: scenarios and checks passed/failed, the
//      suite version, and every not-scored scenario with its result;
//   5. exits non-zero when a gated scenario (every scored one, plus the pending ones listed in
//      TARGETED_PENDING) fails without a baseline entry, or when a baseline entry now passes: the
//      baseline may only shrink;
//   6. stops what it started, by PID.
//
// Plain ESM for Node >= 22.12, no TypeScript loader: it must start fast on a 2-core CI machine.
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ensureNode } from './lib/ensure-node.mjs';
import { fail } from './lib/fail.mjs';
import { evaluate, loadBaseline, printReport, readChecks } from './lib/results.mjs';
import { startServer } from './lib/start-server.mjs';

/** The suite version every figure is quoted with. Bump deliberately: newer versions add checks. */
const SUITE_VERSION = '0.2.0-alpha.12';
/** The Node that runs the suite when this one is older than 22 (exact, for reproducible runs). */
const NODE_VERSION = '24.21.0';
/** A hard stop for a hung run. A normal run takes seconds; the CI budget is 3 minutes on 2 cores. */
const SUITE_TIMEOUT_MS = 5 * 60_000;

const here = dirname(fileURLToPath(import.meta.url));
/** The running suite process, stopped by PID if this script is interrupted. */
let suiteChild;
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);

/** The unscored auth extension scenarios of the client legs, held to the baseline rule too. */
const AUTH_EXTENSIONS = [
  'auth/client-credentials-jwt',
  'auth/client-credentials-basic',
  'auth/enterprise-managed-authorization',
  'auth/dpop',
  'auth/dpop-nonce',
  'auth/wif-jwt-bearer',
];

/**
 * The scenarios of the tasks extension (SEP-2663, `@tern/tasks`) that give a verdict. The tenth,
 * `tasks-status-notifications`, is skipped by the suite itself (0.2.0-alpha.12: its harness waits
 * for a rewrite against subscriptions/listen), so it gives no verdict for any server and is
 * reported only.
 */
const TASKS_SCENARIOS = [
  'tasks-capability-negotiation',
  'tasks-dispatch-and-envelope',
  'tasks-lifecycle',
  'tasks-mrtr-composition',
  'tasks-mrtr-input',
  'tasks-request-headers',
  'tasks-request-state-removal',
  'tasks-required-task-error',
  'tasks-wire-fields',
];

/**
 * Pending (not scored) scenarios we nevertheless hold to the baseline rule, per leg and revision.
 * Everything else under `not_scored` is run and reported only.
 */
const TARGETED_PENDING = {
  'server 2026-07-28': [
    'http-header-validation',
    'http-custom-header-server-validation',
    'json-schema-2020-12',
    ...TASKS_SCENARIOS,
  ],
  'server 2025-11-25': ['server-session-lifecycle', 'server-sse-polling', 'json-schema-2020-12'],
  // The auth extensions @tern/client-auth implements.
  'client 2026-07-28': AUTH_EXTENSIONS,
  'client 2025-11-25': AUTH_EXTENSIONS,
};

/**
 * The legs this script knows. Each one starts its subject and says how the suite reaches it. To
 * add a leg or revision, add an entry here and a baseline file `baseline/<leg>-<revision>.yaml`.
 */
const LEGS = {
  server: {
    revisions: ['2026-07-28', '2025-11-25'],
    async start(log) {
      const main = join(root, 'apps', 'conformance-server', 'dist', 'main.js');
      if (!existsSync(main))
        fail(
          `${relative(root, main)} is missing: build the workspace first (pnpm turbo run build).`,
        );
      const subject = await startServer(main, log);
      return {
        args: ['--url', subject.url],
        stop: subject.stop,
        describe: `${relative(root, main)} at ${subject.url}`,
      };
    },
  },
  client: {
    revisions: ['2026-07-28', '2025-11-25'],
    async start() {
      const main = join(root, 'apps', 'conformance-client', 'dist', 'main.js');
      if (!existsSync(main))
        fail(
          `${relative(root, main)} is missing: build the workspace first (pnpm turbo run build).`,
        );
      // The suite runs the command through a shell and splits it on spaces, and it starts every
      // client scenario at once: a path relative to the repository root (the suite's cwd) and a
      // long timeout keep it working on a 2-core machine.
      return {
        args: ['--command', `node ${relative(root, main)}`, '--timeout', '120000'],
        stop: async () => undefined,
        describe: `node ${relative(root, main)}`,
      };
    },
  },
};

// Neither child may outlive this script, however it ends.
process.once('exit', () => {
  if (suiteChild?.exitCode === null) process.kill(suiteChild.pid, 'SIGTERM');
});
// A reader that goes away (`| head`) must not crash the run before it has cleaned up.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

main().catch((error) => {
  process.stderr.write(`conformance: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

async function main() {
  const [leg, revision] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const verbose = process.argv.includes('--verbose');
  const spec = LEGS[leg];
  if (spec === undefined || !spec.revisions.includes(revision)) {
    const known = Object.entries(LEGS).flatMap(([name, s]) =>
      s.revisions.map((r) => `${name} ${r}`),
    );
    fail(`usage: node tests/conformance/run.mjs <leg> <revision>\nknown: ${known.join(', ')}`);
  }
  const label = `${leg}-${revision}`;
  const baselinePath = join(here, 'baseline', `${label}.yaml`);
  if (!existsSync(baselinePath))
    fail(`missing baseline ${relative(root, baselinePath)} (an empty one is "${leg}: []")`);
  const resultsDir = join(here, 'test-results', label);
  const outDir = join(resultsDir, 'checks');
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const suite = locateSuite();
  const node = ensureNode({ cacheRoot: join(here, '.cache'), version: NODE_VERSION, root });
  const requirements = parseYaml(
    readFileSync(join(suite.dir, 'requirements', `${revision}.yaml`), 'utf8'),
  );
  const baseline = loadBaseline(baselinePath, leg);

  const subjectLog = createWriteStream(join(resultsDir, `${leg}-subject.log`));
  const subject = await spec.start(subjectLog);
  const stopOnSignal = () => {
    if (suiteChild?.exitCode === null) process.kill(suiteChild.pid, 'SIGTERM');
    void subject.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  let suiteExit;
  const started = Date.now();
  try {
    process.stdout.write(
      `conformance: ${leg} ${revision}, suite ${SUITE_VERSION}, Node ${node.version}, subject ${subject.describe}\n`,
    );
    const args = [
      suite.cli,
      leg,
      ...subject.args,
      '--requirements',
      revision,
      '-o',
      outDir,
      '--expected-failures',
      baselinePath,
    ];
    suiteExit = await runLogged(node.path, args, join(resultsDir, 'suite.log'), verbose);
  } finally {
    await subject.stop();
    subjectLog.end();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }

  const results = readChecks(outDir, leg);
  const report = evaluate({
    leg,
    revision,
    requirements,
    baseline,
    results,
    targetedPending: TARGETED_PENDING[`${leg} ${revision}`] ?? [],
    suiteVersion: SUITE_VERSION,
  });
  report.durationMs = Date.now() - started;
  report.suiteExitCode = suiteExit;
  writeFileSync(join(resultsDir, 'summary.json'), `${JSON.stringify(report, null, 2)}\n`);
  printReport(report, { resultsDir, root });

  const mismatch = suiteExit !== 0 && report.unexpected.length === 0 && report.stale.length === 0;
  if (mismatch) {
    process.stdout.write(
      `\nThe suite itself exited ${suiteExit} (see ${relative(root, join(resultsDir, 'suite.log'))}).\n`,
    );
  }
  process.exitCode = report.unexpected.length > 0 || report.stale.length > 0 || mismatch ? 1 : 0;
}

/** Finds the installed suite and checks it is the pinned version. */
function locateSuite() {
  const manifest = require.resolve('@modelcontextprotocol/conformance/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  if (pkg.version !== SUITE_VERSION) {
    fail(
      `@modelcontextprotocol/conformance is ${pkg.version}, but this script pins ${SUITE_VERSION}: run pnpm install`,
    );
  }
  const dir = dirname(manifest);
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.conformance;
  return { dir, cli: join(dir, bin), version: pkg.version };
}

/** Runs the suite, writing its output to `logFile` (and to the terminal with --verbose). */
function runLogged(command, args, logFile, verbose) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    suiteChild = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        log.write(chunk);
        if (verbose) process.stdout.write(chunk);
      });
    }
    const timer = setTimeout(() => {
      log.write(
        `\n[run.mjs] the suite ran longer than ${SUITE_TIMEOUT_MS / 1000} s and was stopped\n`,
      );
      process.kill(child.pid, 'SIGKILL');
    }, SUITE_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      log.end(() => resolve(code ?? (signal ? 1 : 0)));
    });
  });
}
