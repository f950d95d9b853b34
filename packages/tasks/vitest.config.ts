import { createVitestConfig } from '@tern/vitest-config';

export default createVitestConfig();
