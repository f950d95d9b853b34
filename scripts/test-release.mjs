#!/usr/bin/env node
// CI: the release and install paths of the published packages, outside the workspace (bounded,
// in a temporary folder that is removed afterwards):
//   1. `npm run pack-all` packs them, the command docs/getting-started.md gives users (it
//      bootstraps pnpm and the install itself: scripts/lib/bootstrap.mjs, tested in tests/scripts);
//   2. `changeset version` on a copy of the repository gives all of them one real version, and
//      each of them packs there with real dependency versions (scripts/release/check-versioning.mjs);
//   3. a new npm project installs the tarballs (engine-strict),
//      type-checks and runs the getting-started server and client (scripts/release/consumer.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkVersioning } from './release/check-versioning.mjs';
import { testConsumer } from './release/consumer.mjs';
import { repoRoot, run } from './release/workspace.mjs';

const log = (line) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(join(tmpdir(), 'tern-release-'));
const started = Date.now();
try {
  // The user's path first: it also builds what the versioned copy packs.
  const packsDir = join(workDir, 'packs');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['run', 'pack-all', '--', '--out', packsDir], { cwd: repoRoot });
  checkVersioning({ workDir, log });
  await testConsumer({ packsDir, workDir, log });
  log(`release: passed in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
