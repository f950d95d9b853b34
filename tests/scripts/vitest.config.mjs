import { createVitestConfig } from '@tern/vitest-config';

// The bootstrap tests run pnpm on a small project of their own.
export default createVitestConfig({ include: ['test/**/*.test.mjs'], testTimeout: 60_000 });
