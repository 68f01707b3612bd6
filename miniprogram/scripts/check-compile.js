// Compiles the mini-program as the developer tools do before an upload (miniprogram-ci, offline, no key needed for
// this), and runs its code-quality checks: a JS syntax error, a broken usingComponents path or a main package over
// WeChat's size limit fails. TDesign components no page uses are left out, as the upload's "ignore unused files" does.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ci = require('miniprogram-ci');

const SRC = path.resolve(__dirname, '../src');
const TDESIGN = path.join(SRC, 'miniprogram_npm/tdesign-miniprogram');

function json(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The TDesign folders the pages use, with the components those use in turn. */
function usedTDesign() {
  const app = json(path.join(SRC, 'app.json'));
  const pages = [...app.pages, ...(app.subPackages || []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))];
  const used = new Set(['common', 'mixins', 'miniprogram_npm']);
  const visit = (folder) => {
    if (used.has(folder)) {
      return;
    }
    used.add(folder);
    fs.readdirSync(path.join(TDESIGN, folder)).filter((f) => f.endsWith('.json')).forEach((f) => {
      Object.values(json(path.join(TDESIGN, folder, f)).usingComponents || {})
        .map((target) => path.normalize(path.join(folder, target)).split(path.sep)[0])
        .forEach(visit);
    });
  };
  pages.forEach((page) => Object.values(json(path.join(SRC, `${page}.json`)).usingComponents || {})
    .filter((target) => target.startsWith('tdesign-miniprogram/'))
    .forEach((target) => visit(target.split('/')[1])));
  return used;
}

async function compile(keyFile) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const used = usedTDesign();
  const unused = fs.readdirSync(TDESIGN, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !used.has(entry.name))
    .map((entry) => `miniprogram_npm/tdesign-miniprogram/${entry.name}/**/*`);
  const project = new ci.Project({
    appid: 'touristappid', type: 'miniProgram', projectPath: SRC, privateKeyPath: keyFile, ignores: unused,
  });
  // The project's attributes would be fetched from WeChat with a real key; a local compile needs none of them.
  project.attr = async () => ({ platform: false, appType: 0, isSandbox: false, released: false, setting: {} });
  const compiled = await ci.getCompiledResult({ project, setting: { es6: true, enhance: true }, onProgressUpdate: () => {} });
  const quality = await ci.checkCodeQuality(project);
  const size = quality.find((check) => check.name === 'PACKAGE_SIZE_LIMIT');
  if (!size || !size.success) {
    throw new Error(`the main package is over WeChat's limit: ${JSON.stringify(size)}`);
  }
  console.log(`compiled ${Object.keys(compiled).length} files; main package ${size.detail.__APP__} bytes`);
}

// The compiler wants a signing key though a local compile signs nothing: a throwaway one, removed afterwards.
async function main() {
  const keyFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tableloop-ci-'));
  try {
    await compile(path.join(keyFolder, 'key.pem'));
  } finally {
    fs.rmSync(keyFolder, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error) => {
  console.error('the mini-program does not compile:', error && (error.message || error));
  process.exit(1);
});
