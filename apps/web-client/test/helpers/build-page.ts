/**
 * Builds the page for the test with the package's own Vite config, from the TypeScript sources of
 * Tern's packages (the `@tern/source` condition), so the test needs no prior build and always
 * checks the current code. That the bundle runs in Chromium is the point: `@tern/client-http` and
 * `@tern/core-protocol` must work without Node.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions } from 'vite';

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the page into a new temporary directory and returns its path. */
export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tern-web-client-'));
  await build({
    root: PACKAGE_DIR,
    configFile: join(PACKAGE_DIR, 'vite.config.ts'),
    logLevel: 'silent',
    resolve: { conditions: ['@tern/source', ...defaultClientConditions] },
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
