// Reads the suite's checks.json files, holds them to the baseline, and prints the summary.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeScored } from './describe-scored.mjs';
import { fail } from './fail.mjs';

/** Reads every `checks.json` under `outDir`: one per scenario, in `<leg>-<scenario>-<timestamp>/`. */
export function readChecks(outDir, leg) {
  const results = new Map();
  const files = readdirSync(outDir, { recursive: true })
    .map(String)
    .filter((file) => file === 'checks.json' || file.endsWith(`${sep}checks.json`));
  for (const file of files) {
    const dir = dirname(file).split(sep).join('/');
    const scenario = dir
      .replace(new RegExp(`^${leg}-`), '')
      .replace(/-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/, '');
    results.set(scenario, JSON.parse(readFileSync(join(outDir, file), 'utf8')));
  }
  return results;
}

/**
 * Parses the baseline: `<leg>:` lists entries `scenario  # reason` (the whole scenario may fail) or
 * `scenario:check-id` (only that check may fail), the grammar of the suite's --expected-failures.
 */
export function loadBaseline(path, leg) {
  const parsed = parseYaml(readFileSync(path, 'utf8')) ?? {};
  const list = parsed[leg] ?? [];
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) {
    fail(`${path}: "${leg}" must be a list of "scenario" or "scenario:check-id" strings`);
  }
  return list.map((text) => {
    const at = text.indexOf(':');
    return at === -1
      ? { text, scenario: text }
      : { text, scenario: text.slice(0, at), checkId: text.slice(at + 1) };
  });
}

/** A scenario fails when any check is FAILURE or WARNING (the suite's baseline rule). */
const isFailed = (check) => check.status === 'FAILURE' || check.status === 'WARNING';

export function evaluate({
  leg,
  revision,
  requirements,
  baseline,
  results,
  targetedPending,
  suiteVersion,
}) {
  const scored = requirements[leg] ?? [];
  const notScored = (requirements.not_scored ?? []).filter((entry) => entry.leg === leg);
  const targeted = new Set(targetedPending);
  const gated = [
    ...scored,
    ...notScored.filter((entry) => targeted.has(entry.scenario)).map((entry) => entry.scenario),
  ];

  const scenarioResult = (name) => {
    const checks = results.get(name);
    if (checks === undefined) {
      return {
        scenario: name,
        ran: false,
        passed: false,
        failedChecks: ['(no checks.json: the scenario did not run)'],
        checks: [],
      };
    }
    const failedChecks = checks
      .filter(isFailed)
      .map((check) => `${check.id} ${check.status}: ${firstLine(check.errorMessage)}`);
    const passed = failedChecks.length === 0 && checks.some((check) => check.status === 'SUCCESS');
    // Only SKIPPED/INFO checks: the scenario gave no verdict, which is not a pass either.
    if (!passed && failedChecks.length === 0)
      failedChecks.push('(no verdict: every check was skipped)');
    return { scenario: name, ran: true, passed, failedChecks, checks };
  };

  const unexpected = [];
  const stale = [];
  const expected = [];
  const byScenario = new Map();
  for (const entry of baseline)
    byScenario.set(entry.scenario, [...(byScenario.get(entry.scenario) ?? []), entry]);
  for (const [scenario, entries] of byScenario) {
    if (!gated.includes(scenario))
      stale.push(`${entries[0].text} (not a gated scenario of ${leg} ${revision}: remove it)`);
  }

  const gatedResults = gated.map(scenarioResult);
  for (const result of gatedResults) {
    const entries = byScenario.get(result.scenario) ?? [];
    const whole = entries.find((entry) => entry.checkId === undefined);
    if (whole !== undefined) {
      (result.passed ? stale : expected).push(whole.text);
      continue;
    }
    const allowed = new Set(entries.map((entry) => entry.checkId));
    const failingIds = new Set(result.checks.filter(isFailed).map((check) => check.id));
    if (!result.ran || (!result.passed && failingIds.size === 0)) unexpected.push(result.scenario);
    for (const id of failingIds)
      (allowed.has(id) ? expected : unexpected).push(`${result.scenario}:${id}`);
    for (const id of allowed)
      if (!failingIds.has(id) && result.checks.some((c) => c.id === id && c.status === 'SUCCESS'))
        stale.push(`${result.scenario}:${id}`);
  }

  const count = (list, status) =>
    list.reduce((n, r) => n + r.checks.filter((c) => c.status === status).length, 0);
  const scoredResults = gatedResults.filter((r) => scored.includes(r.scenario));
  const otherResults = notScored.map((entry) => ({
    ...scenarioResult(entry.scenario),
    reason: entry.reason,
    targeted: targeted.has(entry.scenario),
  }));
  const all = [...scoredResults, ...otherResults];
  return {
    leg,
    revision,
    suiteVersion,
    scored: {
      scenarios: scored.length,
      passed: scoredResults.filter((r) => r.passed).length,
      // Failing scored scenarios the baseline lists whole: the known gaps (describe-scored.mjs).
      knownFailures: scoredResults
        .filter(
          (r) => !r.passed && byScenario.get(r.scenario)?.some((e) => e.checkId === undefined),
        )
        .map((r) => r.scenario),
      checks: {
        passed: count(scoredResults, 'SUCCESS'),
        failed: count(scoredResults, 'FAILURE'),
        warnings: count(scoredResults, 'WARNING'),
      },
    },
    allChecks: {
      passed: count(all, 'SUCCESS'),
      failed: count(all, 'FAILURE'),
      warnings: count(all, 'WARNING'),
    },
    failing: scoredResults
      .filter((r) => !r.passed)
      .map(({ scenario, failedChecks }) => ({ scenario, failedChecks })),
    notScored: otherResults.map(
      ({ scenario, reason, targeted: isTargeted, passed, ran, failedChecks }) => ({
        scenario,
        reason,
        gated: isTargeted,
        result: !ran
          ? 'not run'
          : passed
            ? 'pass'
            : failedChecks[0]?.startsWith('(no verdict')
              ? 'no verdict (skipped)'
              : 'fail',
        failedChecks,
      }),
    ),
    unexpected,
    stale,
    expected,
  };
}

export function printReport(report, { resultsDir, root }) {
  const out = [];
  const { scored } = report;
  out.push(
    '',
    `=== MCP conformance: ${report.leg} ${report.revision} (suite ${report.suiteVersion}) ===`,
  );
  out.push(describeScored(scored));
  out.push(
    `scored checks:    ${scored.checks.passed} passed, ${scored.checks.failed} failed, ${scored.checks.warnings} warnings`,
  );
  for (const failing of report.failing) {
    out.push(`  ✗ ${failing.scenario}`);
    for (const check of failing.failedChecks.slice(0, 6)) out.push(`      ${check}`);
  }
  out.push('not scored (run and reported):');
  for (const entry of report.notScored) {
    const mark = entry.result === 'pass' ? '✓' : entry.result.startsWith('no verdict') ? '-' : '✗';
    out.push(
      `  ${mark} ${entry.scenario} [${entry.reason}${entry.gated ? ', held to the baseline' : ''}]: ${entry.result}`,
    );
    if (entry.gated && entry.result !== 'pass')
      for (const check of entry.failedChecks.slice(0, 6)) out.push(`      ${check}`);
  }
  out.push(
    `all checks:       ${report.allChecks.passed} passed, ${report.allChecks.failed} failed, ${report.allChecks.warnings} warnings`,
  );
  if (report.expected.length > 0)
    out.push(`expected failures (baseline): ${report.expected.join(', ')}`);
  if (report.unexpected.length > 0)
    out.push(`UNEXPECTED failures (not in the baseline): ${report.unexpected.join(', ')}`);
  if (report.stale.length > 0) {
    out.push(`STALE baseline entries: ${report.stale.join(', ')}`);
    out.push(
      `  These pass now: delete them from tests/conformance/baseline/${report.leg}-${report.revision}.yaml (the baseline only shrinks).`,
    );
  }
  out.push(
    `took ${(report.durationMs / 1000).toFixed(1)} s; logs and checks in ${relative(root, resultsDir)}/`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 200);
}
