// Builds the mini-program's npm dependencies (TDesign) into src/miniprogram_npm, as the developer tools'
// "build npm" does, offline and without a key, so the tests render the same components the phone does.
const path = require('path');
const ci = require('miniprogram-ci');

const root = path.resolve(__dirname, '..');

ci.packNpmManually({
  packageJsonPath: path.join(root, 'package.json'),
  miniprogramNpmDistDir: path.join(root, 'src'),
  ignores: [],
}).then((result) => {
  console.log(`miniprogram_npm built: ${result.miniProgramPackNum} packages, ${result.otherNpmPackNum} others`);
}).catch((error) => {
  console.error('building miniprogram_npm failed:', error.message || error);
  process.exit(1);
});
