const globals = require('globals');

const MINI_PROGRAM_GLOBALS = {
  wx: 'readonly', App: 'readonly', Page: 'readonly', Component: 'readonly', Behavior: 'readonly',
  getApp: 'readonly', getCurrentPages: 'readonly', requirePlugin: 'readonly',
};

module.exports = [
  { ignores: ['node_modules/**', 'src/miniprogram_npm/**', 'target/**'] },
  {
    files: ['src/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: { ...MINI_PROGRAM_GLOBALS, require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', console: 'readonly' },
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'no-console': 'error',
      eqeqeq: 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['test/**/*.js', 'scripts/**/*.js', '*.config.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: { ...globals.node, ...globals.jest, ...MINI_PROGRAM_GLOBALS, document: 'readonly' },
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
    },
  },
];
