// Lint rules that keep the layers apart and catch the bugs strict TypeScript misses.
import tseslint from 'typescript-eslint';

const noVscode = {
  patterns: [{ group: ['vscode'], message: 'src/core and src/webview must not depend on the VS Code API; put glue in src/extension.' }],
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
  { files: ['src/core/**/*.ts', 'src/webview/**/*.ts'], rules: { 'no-restricted-imports': ['error', noVscode] } },
  // Tests, fakes, benchmarks and scripts talk to the terminal on purpose.
  { files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*.ts', 'esbuild.mjs'], rules: { 'no-console': 'off' } },
);
