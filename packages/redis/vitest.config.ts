import { createVitestConfig } from '@tern/vitest-config';
import { mergeConfig } from 'vitest/config';

// One real redis-server for the whole run, started and stopped by test/global-setup.ts.
export default mergeConfig(createVitestConfig({ testTimeout: 20_000 }), {
  test: { globalSetup: ['test/global-setup.ts'] },
});
