// Lint rules that keep the process boundary visible: the renderer cannot reach Node or Electron, main cannot
// reach the renderer at runtime, and nothing but the preload and the Electron entry points touch `electron`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Tool configuration files and Playwright reporters are loaded through their default export.
    files: ['eslint.config.js', 'playwright.config.ts', 'vite.config.ts', 'e2e/support/*-reporter.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'keytar'].map((name) => ({ name, message: 'The renderer only talks to the bridge.' })),
          patterns: [
            { regex: '^node:', message: 'The renderer runs in a sandboxed page, not in Node.' },
            {
              // Dependency-free lists the window may use at run time: channels, error codes, the analyzer's flags.
              regex: '(^|/)electron/(?!(ipc/(channels|error-codes)|services/activity/activity-flags)\\.ts$)',
              allowTypeImports: true,
              message: 'Import only types from the main process.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'registry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'Main and registry never import the renderer.' }] },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/ipc/**/*.ts', 'electron/browser-host/**/*.ts', 'registry/**/*.ts', 'compliance/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services run in plain Node; only main.ts, the window factory and the preload import electron.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'Main and registry never import the renderer.' }],
        },
      ],
    },
  },
);
