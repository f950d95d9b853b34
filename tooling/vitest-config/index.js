// Shared Vitest settings for every package and test suite in the workspace.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const failOnConsole = fileURLToPath(new URL('./fail-on-console.js', import.meta.url));
const nodeMajor = fileURLToPath(new URL('./node-major.js', import.meta.url));

/**
 * Builds a package's Vitest config. Sibling packages resolve to their TypeScript sources through
 * the `@tern/source` export condition, so tests never need a prior build.
 * @param {{ testTimeout?: number, include?: string[] }} [options]
 */
export function createVitestConfig(options = {}) {
  return defineConfig({
    resolve: { conditions: ['@tern/source'] },
    ssr: { resolve: { conditions: ['@tern/source'] } },
    test: {
      include: options.include ?? ['test/**/*.test.ts'],
      restoreMocks: true,
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      setupFiles: [failOnConsole],
      // Fails the run on a Node major other than the one CI meant (TERN_EXPECT_NODE_MAJOR).
      globalSetup: [nodeMajor],
      // The memory tests measure the heap after a full collection (`@tern/vitest-config/heap`).
      execArgv: ['--expose-gc'],
      testTimeout: options.testTimeout ?? 10_000,
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    },
  });
}
