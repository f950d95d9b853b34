import { access } from 'node:fs/promises';
import type { Expect } from './script-file.js';
import { quote, plural } from '../output.js';

/** What a step produced, for the checks. */
export interface Observation {
  /** The result object (the tool result, the read result, the list, …). */
  result: unknown;
  /** All text of the result, joined. */
  text: string;
  isError: boolean;
  rounds: number;
  progress: number;
  /** For list steps: the names or URIs listed. */
  listed: readonly string[];
}

/**
 * The value at a path such as `structuredContent.offers.length`, `content.1.type` or
 * `_meta["io.modelcontextprotocol/serverInfo"].name`.
 */
export function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const [, plain, quoted] of path.matchAll(/([^.[\]]+)|\["([^"]+)"\]/g)) {
    const key = quoted ?? plain ?? '';
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && key === 'length') {
      current = current.length;
      continue;
    }
    current = typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) =>
      jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** Runs every check of `expect` against what a step produced; returns one line per failure. */
export async function check(
  expect: Expect,
  seen: Observation,
): Promise<{ passed: string[]; failed: string[] }> {
  const passed: string[] = [];
  const failed: string[] = [];
  const verdict = (ok: boolean, pass: string, fail: string): void => {
    (ok ? passed : failed).push(ok ? pass : fail);
  };

  const wantError = expect.isError ?? false;
  verdict(
    seen.isError === wantError,
    wantError ? 'the tool reported an error, as expected' : '',
    wantError ? 'expected an error result' : `unexpected error result: ${seen.text}`,
  );
  if (expect.rounds !== undefined) {
    verdict(
      seen.rounds === expect.rounds,
      `${plural(seen.rounds, 'round')} of input, ${plural(seen.rounds + 1, 'request')}`,
      `expected ${plural(expect.rounds, 'round')} of input, saw ${seen.rounds}`,
    );
  }
  if (expect.minProgress !== undefined) {
    verdict(
      seen.progress >= expect.minProgress,
      `${seen.progress} progress notifications`,
      `expected at least ${expect.minProgress} progress notifications, saw ${seen.progress}`,
    );
  }
  for (const fragment of expect.text ?? []) {
    verdict(
      seen.text.includes(fragment),
      `text has ${quote(fragment)}`,
      `text lacks ${quote(fragment)}`,
    );
  }
  for (const [path, want] of Object.entries(expect.values ?? {})) {
    const got = valueAt(seen.result, path);
    verdict(
      jsonEqual(got, want),
      `${path} = ${JSON.stringify(want)}`,
      `${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
    );
  }
  for (const name of expect.includes ?? []) {
    verdict(
      seen.listed.includes(name),
      `lists ${name}`,
      `does not list ${name} (saw ${seen.listed.join(', ')})`,
    );
  }
  for (const file of expect.files ?? []) {
    const exists = await access(file).then(
      () => true,
      () => false,
    );
    verdict(exists, `wrote ${file}`, `no file ${file}`);
  }
  return { passed: passed.filter((line) => line !== ''), failed };
}
