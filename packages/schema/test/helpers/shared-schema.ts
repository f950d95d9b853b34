// Locates the shared MCP reference material (../shared/schema next to the repository root) at run
// time. The JSON Schemas and examples are never copied into the repository. When the folder is
// absent the suites that read it fail, saying where it was looked for: they never skip themselves,
// on a developer's machine or in CI.
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
 * Checks that the shared schema folder of `revision` is there.
 * @throws Error when it is not: the schema suites must run, never skip
 */
export function requireSharedRevision(revision: string): void {
  const file = join(sharedSchemaDir, revision, 'schema.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: the schema suites read the official schemas from ../shared/schema beside the repository, and do not skip without them`,
    );
  }
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
