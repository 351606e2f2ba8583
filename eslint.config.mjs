// Lint rules that keep the layers apart and catch the bugs strict TypeScript misses.
import tseslint from 'typescript-eslint';

// Import zones, as patterns for no-restricted-imports (a later block replaces, not adds to, an earlier one's list).
const noVscode = { group: ['vscode'], message: 'src/core and src/webview must not depend on the VS Code API; put glue in src/extension.' };
const noTests = { regex: '(^|/)test(/|$)', message: 'Product code must not depend on tests; test doubles live under test/.' };
const coreStaysBelow = { regex: '(^|/)(extension|webview)(/|$)', message: 'src/core must not depend on the VS Code glue or the page.' };
const protocolAlone = {
  regex: '^(\\.\\./|node:)',
  message: 'core/protocol is what the page and the host share: it imports nothing but its own files.',
};
const pageSeesProtocolOnly = {
  regex: '^(\\.\\./)+(core(/(?!protocol/)|$)|extension(/|$)|bench(/|$))|^node:',
  message: 'The page (browser code) may import only core/protocol and its own files.',
};
const zone = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const sizeLimits = {
  'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
  'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.vscode-test/**', 'test-results/**', 'test/workspace/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: {
      // The .mjs scripts are in tsconfig.json (checkJs); this file is not, and is linted on its own.
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts'], rules: { ...zone(noTests), ...sizeLimits } },
  { files: ['src/core/**/*.ts'], rules: zone(noTests, noVscode, coreStaysBelow) },
  { files: ['src/core/protocol/**/*.ts'], rules: zone(noTests, noVscode, protocolAlone) },
  { files: ['src/webview/**/*.ts'], rules: zone(noTests, noVscode, pageSeesProtocolOnly) },
  // Tests, fakes, benchmarks and scripts talk to the terminal on purpose.
  { files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*.ts', 'esbuild.mjs'], rules: { 'no-console': 'off' } },
);
