/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Diners' journeys against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), driving the
// real pages. In a pay-first store: scan the table, order with a friend at the same table (each sees the other's
// dishes arrive live), pay in the WeChat simulator and see the order paid; then the kitchen accepts and serves it and
// the diner sees that live. In an eat-first store: the order goes to the kitchen at once and the table pays its tab
// at the end. The friend and the kitchen are other phones, talking HTTP and WebSocket directly.
const { phone } = require('../support/phone');
const { openPage, text, tap, settle } = require('../support/pages');
const config = require('../../src/config/index');
const wechat = require('../../src/services/wechat');
const { startBackend } = require('./running-backend');
const { exchange, BridgedSocket, listen } = require('./bridge');

jest.setTimeout(240000);

let backend;
const run = Math.random().toString(36).slice(2, 8);
let restaurant;
let eatFirst;
const opened = [];

async function call(method, path, token, data) {
  const response = await exchange({
    method, url: backend.baseUrl + path, data, header: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (response.statusCode >= 300) {
    throw new Error(`${method} ${path} answered ${response.statusCode}: ${JSON.stringify(response.data)}`);
  }
  return response.data;
}

async function signIn(user) {
  const minted = await exchange({ method: 'POST', url: `${backend.simulatorUrl}/sim/login-code`, data: { user } });
  return (await call('POST', '/api/v1/auth/wechat', null, { code: minted.data.code })).token;
}

/** Waits for `check()` to hold, letting the page, its requests and its socket work meanwhile. */
async function until(what, check, timeoutMs = 20000, page = null) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await settle();
    if (check()) {
      return;
    }
    if (Date.now() > end) {
      const lately = phone.requests.slice(-6).map((r) => `${r.method} ${r.url}`).join('\n  ');
      const screen = page ? page.dom.textContent.replace(/\s+/g, ' ') : '';
      throw new Error(`timed out waiting until ${what}; the diner saw ${JSON.stringify(phone.toasts)} ${screen} after\n  ${lately}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(pagePath, query) {
  const page = await openPage(pagePath, query);
  opened.push(page);
  return page;
}

/** The page a navigation went to, opened with its query. */
function followed(navigation) {
  const [pathPart, queryPart] = navigation.url.replace(/^\//, '').split('?');
  const query = {};
  new URLSearchParams(queryPart).forEach((value, key) => {
    query[key] = value;
  });
  return open(pathPart, query);
}

function lastNavigation() {
  return phone.navigations[phone.navigations.length - 1];
}

/** A restaurant set up as a new deployment's is: `tenant create`, its owner accepts the invite and writes the menu. */
async function openRestaurant(name, mode) {
  const created = await backend.command(['tenant', 'create', '--name', `${name}${run}`, '--store', `${name} 一店`,
    '--tables', 'A1-A4', '--mode', mode]);
  const store = /\(([0-9a-f-]{36}), code ([^)]+)\)/.exec(created);
  const invite = /token\s+(\S+)/.exec(created);
  const opened = { storeId: store[1], storeCode: store[2], owner: await signIn(`owner-${name}-${run}`) };
  await call('POST', '/api/v1/invites/accept', opened.owner, { token: invite[1] });
  const stores = `/api/v1/stores/${opened.storeId}`;
  const category = await call('POST', `${stores}/menu/categories`, opened.owner, { name: '面' });
  await call('POST', `${stores}/menu/dishes`, opened.owner, {
    category_id: category.id, name: '牛肉面', price_fen: 2800, member_price_fen: 2500, tags: ['招牌'],
    option_groups: [
      { name: '辣度', required: true, min_choices: 1, max_choices: 1, choices: [{ name: '微辣' }, { name: '特辣' }] },
      { name: '加料', required: false, min_choices: 0, max_choices: 2, choices: [
        { name: '加蛋', price_delta_fen: 300 }, { name: '加牛肉', price_delta_fen: 800 }] },
    ],
  });
  await call('POST', `${stores}/menu/dishes`, opened.owner, { category_id: category.id, name: '拍黄瓜', price_fen: 1200 });
  const { tables } = await call('GET', `${stores}/tables`, opened.owner);
  opened.table = tables.find((table) => table.code === 'A1');
  opened.scene = `s=${opened.storeCode}&t=A1`;
  return opened;
}

beforeAll(async () => {
  backend = await startBackend();
  restaurant = await openRestaurant('旅程面馆', 'pay_first');
  eatFirst = await openRestaurant('后付小馆', 'eat_first');
});

afterAll(async () => {
  opened.forEach((page) => page.detach());
  if (backend) {
    await backend.stop();
  }
});

beforeEach(() => {
  config.use('simulator', { apiBaseUrl: backend.baseUrl, simulatorBaseUrl: backend.simulatorUrl });
  phone.answer(exchange);
  phone.bridgeSockets((options) => new BridgedSocket(options));
  wechat.useSimulatedUser(`diner-${run}`);
});

test('a diner scans, orders with a friend, pays in the simulator, and watches the kitchen serve it', async () => {
  const { scene } = restaurant;

  // The diner scans the table's code: the store, the table, and the menu.
  const menu = await open('pages/table/menu/index', { scene: encodeURIComponent(scene) });
  await until('the menu shows', () => text(menu, '.store-name') === '旅程面馆 一店');
  expect(text(menu, '.table-name')).toBe('桌台 A1');
  expect(text(menu, '.open-state')).toBe('营业中');
  const tabId = JSON.parse(phone.storage.get('tableloop.visit')).tab.id;

  // The friend scans the same table and joins the tab, watching it live.
  const friend = await signIn(`friend-${run}`);
  const friendScan = await call('GET', `/api/v1/scan?scene=${encodeURIComponent(scene)}`);
  const joined = await call('POST', `/api/v1/stores/${restaurant.storeId}/tables/${restaurant.table.id}/tab`, friend,
    { scan_token: friendScan.scan_token });
  expect(joined.id).toBe(tabId);
  const tabPath = `/api/v1/stores/${restaurant.storeId}/tabs/${tabId}`;
  const friendFeed = await listen(`${backend.baseUrl.replace('http', 'ws')}${tabPath}/live`, friend);

  // The diner picks 牛肉面 特辣 with an egg; the friend sees it arrive.
  await tap(menu, '.add');
  const choices = menu.querySelectorAll('.choice');
  choices[1].dispatchEvent('tap');
  choices[2].dispatchEvent('tap');
  await settle();
  await tap(menu, '.confirm-choice >>> .t-button');
  await until('the diner\'s cart holds the noodles', () => text(menu, '.cart-count') === '1 份');
  expect(text(menu, '.cart-total')).toBe('¥31.00');
  await until('the friend sees the noodles live', () => friendFeed.messages.some((m) => m.tab
    && m.tab.cart.lines.some((line) => line.dish_name === '牛肉面' && line.choices.join() === '特辣,加蛋')));

  // The friend adds 拍黄瓜; the diner's menu shows it live.
  const friendsTab = await call('GET', tabPath, friend);
  const cucumber = (await call('GET', `/api/v1/stores/${restaurant.storeId}/menu`)).categories[0].dishes
    .find((dish) => dish.name === '拍黄瓜');
  await call('POST', `${tabPath}/cart`, friend, { dish_id: cucumber.id, quantity: 1, cart_version: friendsTab.cart.version });
  await until('the diner sees the friend\'s dish live', () => text(menu, '.cart-count') === '2 份');
  expect(text(menu, '.cart-total')).toBe('¥43.00');

  // The shared cart says who added what.
  await tap(menu, '.to-cart >>> .t-button');
  const cart = await followed(lastNavigation());
  await until('the cart shows both lines', () => cart.querySelectorAll('.line').length === 2);
  const lines = cart.querySelectorAll('.line').map((line) => line.dom.textContent);
  expect(lines.find((line) => line.includes('牛肉面'))).toContain('我点的');
  expect(lines.find((line) => line.includes('拍黄瓜'))).toContain('同桌1点的');

  // Checkout: the server's total, then the order.
  await tap(cart, '.checkout >>> .t-button');
  const checkout = await followed(lastNavigation());
  await until('checkout shows the total', () => text(checkout, '.total') === '¥43.00');
  await tap(checkout, '.more');
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo');
  expect(lastNavigation().url).toContain('pay=1');

  // Paying: the WeChat simulator takes the money, and the server says the order is paid.
  const status = await followed(lastNavigation());
  await until('the order shows as paid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 已支付', 30000, status);
  expect(phone.modals.map((m) => m.title)).toEqual(['模拟微信支付']);
  const paid = await call('GET', tabPath, friend);
  expect(paid.orders).toHaveLength(1);
  expect(paid.orders[0]).toMatchObject({ status: 'placed', total_fen: 4300, head_count: 3, paid: true });
  expect(paid.cart.lines).toHaveLength(0);

  // The kitchen accepts and serves it; the diner sees it live.
  const order = paid.orders[0];
  const kitchen = `/api/v1/stores/${restaurant.storeId}/orders/${order.id}`;
  await call('POST', `${kitchen}/accept`, restaurant.owner);
  await until('the diner sees the kitchen cooking', () => text(status, '.order-status') === '厨房制作中 · 已支付');
  for (const item of order.items) {
    await call('POST', `${kitchen}/items/${item.id}/served`, restaurant.owner);
  }
  await until('the diner sees everything served', () => text(status, '.order-status') === '已上齐 · 已支付');
  expect(status.querySelectorAll('.item-served').map((node) => node.dom.textContent)).toEqual(['已上', '已上']);
  friendFeed.close();
});

test('at an eat-first table the order goes to the kitchen at once, and the table pays its tab at the end', async () => {
  const menu = await open('pages/table/menu/index', { scene: encodeURIComponent(eatFirst.scene) });
  await until('the menu shows', () => text(menu, '.store-name') === '后付小馆 一店', 20000, menu);
  expect(text(menu, '.mode')).toBe('先用餐后付款');

  await tap(menu, '.add'); // 牛肉面 opens its picker
  await tap(menu, '.choice'); // 微辣
  await tap(menu, '.confirm-choice >>> .t-button');
  await until('the cart holds the noodles', () => text(menu, '.cart-count') === '1 份', 20000, menu);
  await tap(menu, '.to-cart >>> .t-button');
  const cart = await followed(lastNavigation());
  await until('the cart shows', () => cart.querySelectorAll('.line').length === 1, 20000, cart);
  await tap(cart, '.checkout >>> .t-button');
  const checkout = await followed(lastNavigation());
  await until('checkout shows the total', () => text(checkout, '.total') === '¥28.00', 20000, checkout);
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo');
  expect(lastNavigation().url).not.toContain('pay=1');

  const status = await followed(lastNavigation());
  await until('the order is with the kitchen, unpaid', () => text(status, '.order-status') === '已下单，等待厨房接单', 20000, status);
  expect(phone.modals).toEqual([]);

  await tap(status, '.to-bill >>> .t-button');
  const bill = await followed(lastNavigation());
  await until('the bill shows what the table owes', () => text(bill, '.billed') === '¥28.00', 20000, bill);
  await tap(bill, '.pay-tab >>> .t-button');
  await until('the tab is settled', () => text(bill, '.settled') === '本桌已结账，欢迎再次光临。', 30000, bill);
  expect(phone.modals.map((m) => m.title)).toEqual(['模拟微信支付']);
});
