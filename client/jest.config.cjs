// Unit tests of the web client: jsdom, TypeScript and JSX compiled by SWC (automatic React
// runtime). Browser end-to-end tests have their own config in e2e/jest.config.cjs.

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  // jsdom with the few web APIs it lacks (see the file).
  testEnvironment: '<rootDir>/jest/environment.cjs',
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    // Stylesheets are for the browser; components under test only need their class names.
    '\\.css$': '<rootDir>/jest/style-stub.cjs',
  },
  restoreMocks: true,
};
