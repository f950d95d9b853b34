import { createVitestConfig } from '@tern/vitest-config';

// The bounded soak: it starts a server process and drives it for up to a minute.
export default createVitestConfig({ include: ['test/**/*.test.mjs'], testTimeout: 120_000 });
