// The workspace's ESLint rules. Rules from ../shared/STYLE.md that a tool can check live here,
// so they are enforced rather than remembered.
import unicorn from 'eslint-plugin-unicorn';
import tseslint from 'typescript-eslint';

/** Packages that must run on any JavaScript runtime: no `node:*`, no express. */
const neutralPackages = ['jsonrpc', 'schema', 'core-protocol', 'client-http', 'legacy-compat', 'server-auth', 'client-auth', 'tasks'];

const deepImport = {
  group: ['@tern/*/src', '@tern/*/src/**', '@tern/*/dist', '@tern/*/dist/**'],
  message: 'Import a package through its public entry points, never its src/ or dist/ files.',
};
const expressImport = {
  // Anchored, so that public entry points such as @tern/server-http/adapters/express stay allowed.
  regex: '^express(/.*)?$',
  message: 'express may only be imported in packages/server-http/src/adapters/express/, apps/ and tests.',
};
const nodeImport = {
  group: ['node:*'],
  message: 'This package must run on any JavaScript runtime: no node:* imports.',
};

/**
 * Builds the flat config for the workspace.
 * @param {string} rootDir absolute path of the repository root
 */
export function createEslintConfig(rootDir) {
  return tseslint.config(
    {
      ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.turbo/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
    },
    ...tseslint.configs.recommendedTypeChecked,
    ...tseslint.configs.stylisticTypeChecked,
    {
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: rootDir },
      },
      plugins: { unicorn },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-non-null-assertion': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'max-params': ['error', 3],
        'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
        'unicorn/filename-case': ['error', { case: 'kebabCase' }],
        'no-restricted-imports': ['error', { patterns: [deepImport, expressImport] }],
      },
    },
    {
      files: neutralPackages.map((name) => `packages/${name}/src/**/*.ts`),
      // @tern/client-auth/node is the one Node-only entry of a neutral package (the file store).
      ignores: ['packages/client-auth/src/node/**'],
      rules: {
        'no-restricted-imports': ['error', { patterns: [deepImport, expressImport, nodeImport] }],
      },
    },
    {
      files: ['packages/*/src/**/*.ts'],
      rules: { 'no-console': 'error' },
    },
    {
      files: ['packages/server-http/src/adapters/express/**/*.ts', 'packages/server-http/test/**/*.ts', 'packages/server-auth/test/**/*.ts', 'apps/**/*.ts', 'tests/**/*.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: [deepImport] }] },
    },
    {
      files: ['packages/schema/**/*.ts'],
      rules: { 'max-lines': 'off' },
    },
    {
      files: ['**/test/**/*.ts', 'tests/**/*.ts'],
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        'max-lines': 'off',
      },
    },
  );
}
