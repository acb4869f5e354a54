// Browser end-to-end tests: the real server (server/dist/main.js, built by `npm run build`) on a
// free port with a fresh data directory, driven through Debian's Chromium by playwright-core.

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'client-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  // One browser and one server: tests run one after another.
  maxWorkers: 1,
  testTimeout: 60_000,
  slowTestThreshold: 20,
};
