// One line for the scored scenarios of a conformance leg: how many passed, and what the rest are,
// so "7/32" never reads as 25 unexplained failures. Shared by run.mjs and scripts/summarize-tests.mjs.

/** What a family of scenarios (the part of the name before `/`) is about, where a name says little. */
const FAMILIES = { auth: 'OAuth authorization' };

/** `7/32 scored scenarios passed; the other 25 are known gaps in the baseline: 25 auth/* (OAuth authorization)` */
export function describeScored(scored) {
  const known = scored.knownFailures ?? [];
  const unexplained = scored.scenarios - scored.passed - known.length;
  let line = `${scored.passed}/${scored.scenarios} scored scenarios passed`;
  if (known.length > 0) {
    const families = new Map();
    for (const scenario of known) {
      const family = scenario.split('/')[0];
      families.set(family, (families.get(family) ?? 0) + 1);
    }
    const parts = [...families].map(
      ([family, count]) =>
        `${count} ${family}/*${FAMILIES[family] ? ` (${FAMILIES[family]})` : ''}`,
    );
    const rest = known.length === scored.scenarios - scored.passed ? 'the other' : '';
    line += `; ${rest ? `${rest} ` : ''}${known.length} are known gaps listed in the baseline: ${parts.join(', ')}`;
  }
  if (unexplained > 0) line += `; ${unexplained} failed unexpectedly`;
  return line;
}
