/** `npm test`: the server's unit and integration tests, and the client's component tests. */
module.exports = {
  projects: ['<rootDir>/server/jest.config.js', '<rootDir>/client/jest.config.cjs'],
};
