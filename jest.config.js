/** `npm test`: the server's unit and integration tests, and the client's component tests. */
module.exports = {
  // Integration tests start real servers; the per-project setting does not apply under `projects`.
  testTimeout: 30_000,
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/client/jest.config.cjs'],
};
