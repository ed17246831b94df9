// ESLint for the web client and its tests. Paths are relative to the repository root: `npm run lint` runs
// ESLint from there (the client lives outside this folder, and ESLint only lints below its working directory).
import js from '@eslint/js';
import globals from 'globals';

const CLIENT = 'src/ReadingTracker.Api/wwwroot';

export default [
  { ignores: ['**/node_modules/**', '**/bin/**', '**/obj/**', '**/TestResults/**'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `x == null` covers null and undefined on purpose; every other comparison is strict.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-shadow': 'error',
      'no-implicit-coercion': ['error', { boolean: false }],
      'no-throw-literal': 'error',
      'no-promise-executor-return': 'error',
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'object-shorthand': 'error',
      'prefer-template': 'error',
      'consistent-return': 'error',
      'array-callback-return': 'error',
      // Only a use in the same scope can hit the temporal dead zone; closures calling later-defined helpers are fine.
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-sequences': 'error',
      'no-multi-assign': 'error',
      'no-loop-func': 'error',
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'no-return-assign': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      radix: 'error',
    },
  },
  // The page's modules; the ones under js/offline also run in the service worker.
  { files: [`${CLIENT}/js/**/*.js`], languageOptions: { globals: { ...globals.browser } } },
  { files: [`${CLIENT}/sw.js`], languageOptions: { globals: { ...globals.serviceworker } } },
  // What ships talks to the reader through the page, never through dialogs or the console.
  { files: [`${CLIENT}/**/*.js`], rules: { 'no-alert': 'error', 'no-console': 'error' } },
  { files: ['client-tests/**/*.{js,mjs}'], languageOptions: { globals: { ...globals.node } } },
];
