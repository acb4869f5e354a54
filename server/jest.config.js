const { readFileSync } = require('node:fs');
const path = require('node:path');

// The same compiler settings as the build (decorators with metadata for type-graphql and TypeORM).
const swc = JSON.parse(readFileSync(path.join(__dirname, '..', '.swcrc'), 'utf8'));
delete swc.$schema;

module.exports = {
  displayName: 'server',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': ['@swc/jest', { ...swc, swcrc: false }] },
  // These packages ship only ES modules; compile them to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(@oslojs|arctic)/)'],
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/block-network.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
};
