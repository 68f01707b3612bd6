// What every journey does around the real backend: start and stop it, call it as another phone would, sign people in,
// set a restaurant up as a new deployment does, hand the test phone to someone, wait for the pages while their
// requests and sockets work, follow navigations, and order at a table through the diners' pages.
const { phone } = require('../support/phone');
const { openPage, text, tap, settle } = require('../support/pages');
const config = require('../../src/config/index');
const api = require('../../src/services/request');
const wechat = require('../../src/services/wechat');
const { startBackend } = require('./running-backend');
const { exchange, BridgedSocket, download, removeDownloads } = require('./bridge');

/** A short tag of this run, so that names made here never meet another run's. */
const run = Math.random().toString(36).slice(2, 8);
const opened = [];
let backend = null;

async function start() {
  backend = await startBackend();
  return backend;
}

/** Closes the pages opened so far (their live feeds with them). */
function closePages() {
  opened.splice(0).forEach((page) => page.detach());
}

/** Closes the pages opened and stops the backend (dropping its database). */
async function stop() {
  closePages();
  removeDownloads();
  if (backend) {
    await backend.stop();
  }
}

/** The test phone talks to the running backend and its WeChat simulator, over loopback. */
function bridgePhone() {
  config.use('simulator', { apiBaseUrl: backend.baseUrl, simulatorBaseUrl: backend.simulatorUrl });
  phone.answer(exchange);
  phone.bridgeSockets((options) => new BridgedSocket(options));
  jest.spyOn(wx, 'downloadFile').mockImplementation(download);
}

/** One call as another phone makes it; anything but a success fails the test with the answer. */
async function call(method, path, token, data) {
  const response = await exchange({
    method, url: backend.baseUrl + path, data, header: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${path} answered ${response.statusCode}: ${JSON.stringify(response.data)}`);
  }
  return response.data;
}

/** A session token for simulated WeChat user `user`. */
async function signIn(user) {
  const minted = await exchange({ method: 'POST', url: `${backend.simulatorUrl}/sim/login-code`, data: { user } });
  return (await call('POST', '/api/v1/auth/wechat', null, { code: minted.data.code })).token;
}

/**
 * This phone changes hands: the last person's pages close and their requests are answered, then the next person signs
 * in as themself. A page left open would go on as whoever holds the phone: a live feed whose session ended signs in
 * again, and a sign-in under way is shared by every request that needs one.
 */
async function handTo(user) {
  closePages();
  await until('the last person\'s requests are answered', () => phone.inFlight === 0);
  api.clearSession();
  wechat.useSimulatedUser(user);
}

/** Waits for `check()` to hold, letting the pages, their requests and their sockets work meanwhile. */
async function until(what, check, page = null, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await settle();
    if (check()) {
      return;
    }
    if (Date.now() > end) {
      const lately = phone.requests.slice(-6).map((r) => `${r.method} ${r.url}`).join('\n  ');
      const screen = page ? page.dom.textContent.replace(/\s+/g, ' ') : '';
      throw new Error(`timed out waiting until ${what}; the phone showed ${JSON.stringify(phone.toasts)} ${screen} after\n  ${lately}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(pagePath, query) {
  const page = await openPage(pagePath, query);
  opened.push(page);
  return page;
}

function lastNavigation() {
  return phone.navigations[phone.navigations.length - 1];
}

/** The page a navigation went to (the last one unless named), opened with its query. */
function followed(navigation = lastNavigation()) {
  const [pathPart, queryPart] = navigation.url.replace(/^\//, '').split('?');
  const query = {};
  new URLSearchParams(queryPart).forEach((value, key) => {
    query[key] = value;
  });
  return open(pathPart, query);
}

/**
 * A restaurant set up as a new deployment's is: `tenant create`, its owner accepts the invite and writes the menu
 * (牛肉面 with a required 辣度 and optional 加料, and 拍黄瓜).
 */
async function openRestaurant(name, mode) {
  const created = await backend.command(['tenant', 'create', '--name', `${name}${run}`, '--store', `${name} 一店`,
    '--tables', 'A1-A4', '--mode', mode]);
  const store = /\(([0-9a-f-]{36}), code ([^)]+)\)/.exec(created);
  const invite = /token\s+(\S+)/.exec(created);
  const restaurant = { name: `${name} 一店`, storeId: store[1], storeCode: store[2], ownerUser: `owner-${name}-${run}` };
  restaurant.owner = await signIn(restaurant.ownerUser);
  await call('POST', '/api/v1/invites/accept', restaurant.owner, { token: invite[1] });
  const stores = `/api/v1/stores/${restaurant.storeId}`;
  const category = await call('POST', `${stores}/menu/categories`, restaurant.owner, { name: '面' });
  await call('POST', `${stores}/menu/dishes`, restaurant.owner, {
    category_id: category.id, name: '牛肉面', price_fen: 2800, member_price_fen: 2500, tags: ['招牌'],
    option_groups: [
      { name: '辣度', required: true, min_choices: 1, max_choices: 1, choices: [{ name: '微辣' }, { name: '特辣' }] },
      { name: '加料', required: false, min_choices: 0, max_choices: 2, choices: [
        { name: '加蛋', price_delta_fen: 300 }, { name: '加牛肉', price_delta_fen: 800 }] },
    ],
  });
  await call('POST', `${stores}/menu/dishes`, restaurant.owner, { category_id: category.id, name: '拍黄瓜', price_fen: 1200 });
  const { tables } = await call('GET', `${stores}/tables`, restaurant.owner);
  restaurant.table = tables.find((table) => table.code === 'A1');
  restaurant.scene = `s=${restaurant.storeCode}&t=A1`;
  return restaurant;
}

/**
 * This phone scans table A1 of `restaurant` and orders one 牛肉面 微辣 (¥28.00) through the menu, the cart and
 * checkout; answers the menu page and the order status page the order lands on (which pays a pay-first order).
 */
async function orderNoodles(restaurant) {
  const menu = await open('pages/table/menu/index', { scene: encodeURIComponent(restaurant.scene) });
  await until('the menu shows', () => text(menu, '.store-name') === restaurant.name, menu);
  await tap(menu, '.add'); // 牛肉面 opens its picker
  await tap(menu, '.choice'); // 微辣
  await tap(menu, '.confirm-choice >>> .t-button');
  await until('the cart holds the noodles', () => text(menu, '.cart-count') === '1 份', menu);
  await tap(menu, '.to-cart >>> .t-button');
  const cart = await followed();
  await until('the cart shows', () => cart.querySelectorAll('.line').length === 1, cart);
  await tap(cart, '.checkout >>> .t-button');
  const checkout = await followed();
  // The server's quote, not the cart's own sum: the order can be placed only once checkout is priced.
  await until('checkout is priced', () => text(checkout, '.subtotal') === '¥28.00', checkout);
  expect(text(checkout, '.total')).toBe('¥28.00');
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo');
  return { menu, status: await followed() };
}

module.exports = {
  run, start, stop, bridgePhone, call, signIn, handTo, until, open, followed, lastNavigation, openRestaurant,
  orderNoodles, backend: () => backend,
};
