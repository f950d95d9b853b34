import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './helpers/code-blocks.js';
import type { CodeBlock } from './helpers/code-blocks.js';
import { compileSnippets } from './helpers/compile-snippets.js';
import type { SnippetDiagnostic } from './helpers/compile-snippets.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..', '..');

/** The documentation whose code must compile: the READMEs, docs/, and every package's and app's README. */
function documentationFiles(): string[] {
  const readmes = (folder: string): string[] =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder))
          .map((name) => join(folder, name, 'README.md'))
          .filter((file) => existsSync(join(root, file)))
      : [];
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...docs, ...readmes('packages'), ...readmes('apps')].sort();
}

/** Documents allowed to fail for now, with the reason (known-failures.json; it only shrinks). */
const knownFailures = (
  JSON.parse(readFileSync(join(here, '..', 'known-failures.json'), 'utf8')) as {
    files: Record<string, string>;
  }
).files;

const files = documentationFiles();
const blocks: CodeBlock[] = files.flatMap((file) =>
  extractCodeBlocks(relative(root, join(root, file)), readFileSync(join(root, file), 'utf8')),
);
const checked = blocks.filter((block) => !block.skipped);
let diagnostics: SnippetDiagnostic[][] = [];

// One program for every block: building it takes a while (it reads the packages' sources).
beforeAll(() => {
  diagnostics = compileSnippets(checked, join(here, '..', 'tsconfig.snippets.json'));
}, 180_000);

describe('documentation code blocks', () => {
  it('finds the documentation and its examples', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/getting-started.md');
    expect(checked.length).toBeGreaterThan(10);
  });

  it('keeps deliberately partial (no-check) blocks rare', () => {
    expect(blocks.filter((block) => block.skipped).length).toBeLessThanOrEqual(
      Math.ceil(blocks.length / 5),
    );
  });

  const enforced = checked.flatMap((block, index) =>
    knownFailures[block.file] === undefined
      ? [[`${block.file}:${block.line}`, index] as const]
      : [],
  );
  it.each(enforced)('%s compiles', (_where, index) => {
    const problems = (diagnostics[index] ?? []).map(
      (problem) => `${problem.where} ${problem.message}`,
    );
    expect(problems).toEqual([]);
  });

  it.each(Object.entries(knownFailures))('%s is still a known failure (%s)', (file) => {
    const failing = checked.flatMap((block, index) =>
      block.file === file && (diagnostics[index] ?? []).length > 0 ? [block] : [],
    );
    // Its blocks compile now: remove the entry from known-failures.json so they stay compiling.
    expect(
      failing.map((block) => `${block.file}:${block.line}`),
      `remove ${file} from known-failures.json`,
    ).not.toEqual([]);
  });
});
