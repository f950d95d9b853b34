// Root ESLint entry: the rules themselves live in @tern/eslint-config.
import { fileURLToPath } from 'node:url';
import { createEslintConfig } from '@tern/eslint-config';

export default createEslintConfig(fileURLToPath(new URL('.', import.meta.url)));
