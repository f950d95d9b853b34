import { createVitestConfig } from '@tern/vitest-config';

// The unit tests of lib/; `node run.mjs` runs the suite itself (package.json `test`).
export default createVitestConfig({ include: ['test/**/*.test.mjs'] });
