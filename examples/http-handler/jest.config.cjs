// The traces as Jest tests, with proxy-component's preset: every traces/*.trace
// file is a test file, one test per request; the reporter prints each
// divergence in full.
//   npx jest --config jest.config.cjs      (from this folder)
module.exports = {
  preset: 'proxy-component',
  roots: ['<rootDir>/traces'],
  reporters: ['default', 'proxy-component/jest/reporter'],
};
