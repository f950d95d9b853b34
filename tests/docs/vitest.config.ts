import { createVitestConfig } from '@tern/vitest-config';

// One TypeScript program over every code block and the sources it imports: give it time.
export default createVitestConfig({ testTimeout: 180_000 });
