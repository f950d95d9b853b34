// Release readiness, on a copy of the repository (the real one is never touched): `changeset
// version` must give every published package one real version with a changelog, and each must
// then pack with real versions in place of `workspace:*` and `catalog:`, its built files included
// and its tests left out.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { packPackages, publishedPackages, repoRoot, run } from './workspace.mjs';

function copyRepository(to) {
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  })
    .split('\0')
    .filter((file) => file && existsSync(join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(to, file));
  }
  for (const { dir } of publishedPackages()) {
    const dist = join(dir, 'dist');
    if (!existsSync(dist))
      throw new Error(`${dist} is missing: build first (scripts/pack-all.mjs does)`);
    cpSync(dist, join(to, dist.slice(repoRoot.length)), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(to, 'node_modules'));
}

export function checkVersioning({ workDir, log }) {
  const copy = join(workDir, 'repo');
  copyRepository(copy);
  run(join(repoRoot, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: copy });
  // pnpm pack reads each sibling's version from node_modules: link the copy's own packages.
  rmSync(join(copy, 'node_modules'));
  run(
    'pnpm',
    ['install', '--offline', '--frozen-lockfile', '--ignore-scripts', '--reporter=silent'],
    {
      cwd: copy,
    },
  );

  const packages = publishedPackages(copy);
  const versions = new Set(packages.map((p) => p.version));
  const [version] = versions;
  const problems = [];
  if (versions.size !== 1)
    problems.push(`one fixed group, but versions ${[...versions].join(', ')}`);
  if (!semver.valid(version) || semver.eq(version, '0.0.0'))
    problems.push(`no real version: ${version}`);
  const left = readdirSync(join(copy, '.changeset')).filter(
    (f) => f.endsWith('.md') && f !== 'README.md',
  );
  if (left.length > 0) problems.push(`changesets not consumed: ${left.join(', ')}`);

  const out = join(workDir, 'versioned-packs');
  mkdirSync(out);
  const reports = packPackages(packages, out);
  for (const report of reports) {
    const unpacked = join(out, report.name);
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', report.filename, '-C', unpacked, 'package/package.json']);
    const text = readFileSync(join(unpacked, 'package', 'package.json'), 'utf8');
    const manifest = JSON.parse(text);
    const paths = report.files.map((f) => f.path);
    if (!existsSync(join(copy, 'packages', report.name.split('/')[1], 'CHANGELOG.md')))
      problems.push(`${report.name}: no CHANGELOG.md`);
    if (/"(workspace|catalog):/.test(text))
      problems.push(`${report.name}: packed with workspace:/catalog: ranges`);
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {}))
      if (dep.startsWith('@tern/') && range !== version)
        problems.push(`${report.name}: ${dep}@${range}, not ${version}`);
    if (!paths.includes('dist/index.js') || !paths.includes('dist/index.d.ts'))
      problems.push(`${report.name}: dist/index.js or dist/index.d.ts not packed`);
    const tests = paths.filter((p) => /\.test\.|^test\//.test(p));
    if (tests.length > 0)
      problems.push(`${report.name}: packs tests (${tests.slice(0, 3).join(', ')})`);
  }
  if (problems.length > 0) throw new Error(`release check failed:\n  ${problems.join('\n  ')}`);
  log(
    `release: changeset version gives ${packages.length} packages ${version}; each packs with real versions`,
  );
}
