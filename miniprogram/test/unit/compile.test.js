/**
 * @jest-environment node
 */
// The whole mini-program compiles as the developer tools compile it for an upload (scripts/check-compile.js, run
// apart because miniprogram-ci keeps watchers alive), and its main package stays within WeChat's size limit.
const { execFile } = require('child_process');
const path = require('path');

test('the mini-program compiles with WeChat\'s own toolchain', async () => {
  const output = await new Promise((resolve, reject) => {
    execFile(process.execPath, [path.resolve(__dirname, '../../scripts/check-compile.js')],
      { cwd: path.resolve(__dirname, '../..'), timeout: 170000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${stdout}\n${stderr}`)) : resolve(stdout)));
  });

  expect(output).toMatch(/compiled \d+ files; main package \d+ bytes/);
}, 180000);
