module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/support/setup.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/fresh-phone.js'],
  transform: { '\\.js$': 'babel-jest' },
  // TDesign ships ES modules; only node_modules other than it are left untransformed.
  transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram)'],
  moduleDirectories: ['node_modules', 'src/miniprogram_npm'],
  testTimeout: 20000,
  restoreMocks: true,
};
