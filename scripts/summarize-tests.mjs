// Adds up the Vitest JSON reports that every package and test suite writes to
// test-results/vitest.json, prints one closing line for CI, and fails when nothing ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeScored } from '../tests/conformance/lib/describe-scored.mjs';

const roots = ['packages', 'apps', 'tests'];
let passed = 0;
let failed = 0;
let skipped = 0;
const perSuite = [];

// Every suite directory: one per package under the roots, plus bench/ (its test is the bounded soak).
const suites = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) suites.push(join(root, name));
}
suites.push('bench');

for (const suite of suites) {
  const file = join(suite, 'test-results', 'vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  perSuite.push(`${suite}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

// The conformance runs write their own summaries; show each leg's figure next to the tests.
const conformanceDir = join('tests', 'conformance', 'test-results');
if (existsSync(conformanceDir)) {
  for (const leg of readdirSync(conformanceDir).sort()) {
    const file = join(conformanceDir, leg, 'summary.json');
    if (!existsSync(file)) continue;
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    const scored = summary.scored ?? {};
    perSuite.push(`conformance ${leg} (suite ${summary.suiteVersion}): ${describeScored(scored)}`);
  }
}

process.stdout.write(`\n${perSuite.join('\n')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
if (passed === 0 || failed > 0) process.exitCode = 1;

// The whole suite ran on the PATH's Node: say which, and fail when it is not the pinned major.
const { full } = JSON.parse(readFileSync(join('scripts', 'node-versions.json'), 'utf8'));
const onMajor = process.versions.node.split('.')[0] === full.split('.')[0];
process.stdout.write(
  `node: the whole suite ran on Node ${process.version} (scripts/node-versions.json full: ${full})${onMajor ? '' : ' — NOT the pinned major'}\n`,
);
if (!onMajor) process.exitCode = 1;
