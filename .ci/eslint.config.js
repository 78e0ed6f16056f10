import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A no-restricted-imports block: `files` may not import `patterns` (type-only imports allowed). */
function layer(files, patterns, message, ignores = []) {
  return [{ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }] } }];
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'fixtures/**', 'dist/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Layering (README: Architecture): data flows one way; each folder imports only the
  // layers below it. Type-only imports are allowed where a layer names another's types.
  // A later block replaces an earlier one's list for its files, so each repeats the SDK.
  ...layer(['src/**'], ['@aws-sdk/*'], 'only src/collect/ (and src/publish/, the Security Hub import) calls AWS', ['src/collect/**', 'src/publish/**', 'src/spec/aws-values/build.ts']),
  ...layer(['src/model/**', 'src/util/**'], ['../**', '@aws-sdk/*'], 'model/ and util/ are the bottom layer: they import nothing else of envgate'),
  ...layer(['src/engine/**'], ['**/collect/*.js', '**/collect/sources/**', '**/cli/**', '**/gate/**', '**/report/**', '**/rules/**', '**/spec/**', 'node:fs', 'node:fs/*', '@aws-sdk/*'], 'the engine is pure: model/, util/, the catalogue\'s descriptors and itself only, no I/O', ['src/engine/analyses/iam-catalog.ts']),
  ...layer(['src/report/**'], ['**/collect/**', '**/cli/**', '**/gate/**', '**/rules/**', '**/spec/**', '**/engine/**', '@aws-sdk/*'], 'renderers read results (model/) only'),
  ...layer(['src/spec/**'], ['**/cli/**', '**/engine/**', '**/gate/**', '**/report/**', '**/rules/**', '**/collect/*.js', '!**/collect/arn-types.js', '**/collect/sources/**', '@aws-sdk/*'], 'the spec layer reads the catalogue, never collection or evaluation', ['src/spec/aws-values/build.ts']),
  ...layer(['src/rules/**'], ['**/cli/**', '**/gate/**', '**/report/**', '**/collect/*.js', '**/collect/sources/**', '@aws-sdk/*'], 'rule loading reads the catalogue and the engine, never collection'),
  ...layer(['src/collect/catalogue/**'], ['@aws-sdk/*', '**/cli/**', '**/engine/**', '**/clients.js', '**/session.js'], 'descriptors are data: SDK and session types only, never the SDK itself'),
  {
    files: ['.ci/**/*.mjs', '.github/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
