// The app's pages as app.json lists them: each one whole (js, json, wxml, wxss), none left out of app.json, and no
// component declared that its page does not use (each costs package size and start-up time on the phone).
const fs = require('fs');
const path = require('path');

const SRC = path.resolve(__dirname, '../../src');
const app = JSON.parse(fs.readFileSync(path.join(SRC, 'app.json'), 'utf8'));
const listed = [...app.pages, ...app.subPackages.flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))];

function pagesOnDisk(dir) {
  return fs.readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      return pagesOnDisk(relative);
    }
    return entry.name === 'index.wxml' && !isComponent(dir) ? [`${dir}/index`] : [];
  });
}

/** A folder of a component (`"component": true` in its JSON), which a page uses: not a page itself. */
function isComponent(dir) {
  return JSON.parse(fs.readFileSync(path.join(SRC, dir, 'index.json'), 'utf8')).component === true;
}

test('every page on disk is listed in app.json, and every listed page is on disk', () => {
  expect([...pagesOnDisk('pages'), ...pagesOnDisk('staff')].sort()).toEqual([...listed].sort());
});

test('owner and staff screens live in the staff subpackage', () => {
  expect(app.subPackages.map((pkg) => pkg.root)).toEqual(['staff']);
  expect(app.pages.every((page) => page.startsWith('pages/'))).toBe(true);
});

test.each(listed)('%s has its four files and uses every component it declares', (page) => {
  ['js', 'json', 'wxml', 'wxss'].forEach((ext) => expect(fs.existsSync(path.join(SRC, `${page}.${ext}`))).toBe(true));
  const wxml = fs.readFileSync(path.join(SRC, `${page}.wxml`), 'utf8');
  const declared = Object.keys(JSON.parse(fs.readFileSync(path.join(SRC, `${page}.json`), 'utf8')).usingComponents || {});
  expect(declared.filter((tag) => !new RegExp(`<${tag}[\\s/>]`).test(wxml))).toEqual([]);
});
