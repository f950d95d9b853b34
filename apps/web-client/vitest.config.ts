import { createVitestConfig } from '@tern/vitest-config';

// One browser test: it builds the page, starts two servers and drives headless Chromium.
export default createVitestConfig({ testTimeout: 60_000 });
