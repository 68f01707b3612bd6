// Renders real pages (their WXML, WXSS, JSON and JS) with miniprogram-simulate. A page's Page({...}) options become a
// component: data as is, every function a method, and attaching it runs onLoad(query) then onShow, as opening does.
const path = require('path');
const fs = require('fs');
const simulate = require('miniprogram-simulate');
const simulateInternals = require('miniprogram-simulate/src/utils');

const ROOT = path.resolve(__dirname, '../../src');

let nextQuery = {};

// A component's JS registers the component when it runs, but jest runs a module only once per test file: a component
// that a second page uses too (TDesign's button, say) would register nothing the second time. Run it again, alone.
const ran = new Set();
simulateInternals.runJs = (file) => {
  if (ran.has(file)) {
    jest.isolateModules(() => require(file));
  } else {
    ran.add(file);
    require(file);
  }
};

function asComponent(options) {
  const methods = {};
  Object.keys(options).forEach((key) => {
    if (typeof options[key] === 'function') {
      methods[key] = options[key];
    }
  });
  return {
    data: options.data || {},
    methods,
    lifetimes: {
      attached() {
        const query = nextQuery;
        nextQuery = {};
        if (this.onLoad) {
          this.onLoad(query);
        }
        if (this.onShow) {
          this.onShow();
        }
      },
      detached() {
        if (this.onUnload) {
          this.onUnload();
        }
      },
    },
  };
}

/** Bare npm component names (tdesign-miniprogram/...) as the built miniprogram_npm paths, as the devtools resolve them. */
function npmComponents(pagePath) {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, `${pagePath}.json`), 'utf8'));
  const mapped = {};
  Object.entries(json.usingComponents || {}).forEach(([tag, target]) => {
    if (!target.startsWith('/') && !target.startsWith('.')) {
      mapped[tag] = `/miniprogram_npm/${target}`;
    }
  });
  return mapped;
}

const loaded = {};

/** Loads a page once per test file (a second load of the same JS would register nothing). */
function loadPage(pagePath) {
  if (!loaded[pagePath]) {
    loaded[pagePath] = simulate.load(path.join(ROOT, pagePath), 'page-root', {
      rootPath: ROOT,
      usingComponents: npmComponents(pagePath),
      // WeChat's compiler turns every template of the app into one script, past its default 1 MiB of output.
      compilerOptions: { maxBuffer: 32 * 1024 * 1024 },
    });
  }
  return loaded[pagePath];
}

/** Opens the page with `query` (as its URL's query): attached, loaded and shown. */
async function openPage(pagePath, query = {}) {
  const id = loadPage(pagePath);
  const page = simulate.render(id);
  nextQuery = query;
  page.attach(document.createElement('parent-wrapper'));
  await settle();
  return page;
}

/** Lets stubbed requests, setData and timers of 0 ms run out. */
async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i += 1) {
    await simulate.sleep(0);
  }
}

/** The text of the first node `selector` finds (a plain view: TDesign components have no host node to read). */
function text(page, selector) {
  const node = page.querySelector(selector);
  return node && node.dom ? node.dom.textContent.replace(/\s+/g, ' ').trim() : null;
}

function exists(page, selector) {
  return !!page.querySelector(selector);
}

async function tap(page, selector) {
  const node = page.querySelector(selector);
  if (!node) {
    throw new Error(`nothing matches ${selector}`);
  }
  node.dispatchEvent('tap');
  await settle();
}

module.exports = { asComponent, openPage, settle, text, exists, tap, ROOT };
