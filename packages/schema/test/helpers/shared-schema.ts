// Locates the shared MCP reference material (../shared/schema next to the repository root) at run
// time. The JSON Schemas and examples are never copied into the repository. When the folder is
// absent, a developer's run skips those suites and says so on stderr; under CI=true it fails, so CI
// can never pass without having checked the schemas.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the directory holding `pnpm-workspace.yaml`. */
function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root (pnpm-workspace.yaml) not found');
    dir = parent;
  }
}

/** Absolute path of `../shared/schema` relative to the repository root. */
export const sharedSchemaDir = join(findRepoRoot(), '..', 'shared', 'schema');

/**
 * Whether the shared schema folder of `revision` exists.
 * @throws Error under `CI=true` when it does not: CI must check the schemas, never skip them
 */
export function hasSharedRevision(revision: string): boolean {
  const present = existsSync(join(sharedSchemaDir, revision, 'schema.json'));
  if (!present && isCi(process.env['CI'])) {
    throw new Error(`${join(sharedSchemaDir, revision, 'schema.json')} is missing; under CI=true the schema suites must run, not skip`);
  }
  return present;
}

/** True for the CI variable's usual truthy spellings. */
export function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Reads and parses a JSON file under the shared schema folder. */
export function readSharedJson(...segments: string[]): unknown {
  return JSON.parse(readFileSync(join(sharedSchemaDir, ...segments), 'utf8')) as unknown;
}

/** Lists the entries of a folder under the shared schema folder, sorted. */
export function listShared(...segments: string[]): string[] {
  return readdirSync(join(sharedSchemaDir, ...segments)).sort();
}

/** Writes one line to stderr (console output fails tests in this workspace). */
export function report(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Reports, once per suite, that a suite is skipped because the shared folder is missing. */
export function reportSkip(suite: string, revision: string): void {
  report(`${suite}: SKIPPED: ${join(sharedSchemaDir, revision)} not found`);
}
