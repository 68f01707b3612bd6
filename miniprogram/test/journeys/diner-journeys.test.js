/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Diners' journeys against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), driving the
// real pages. In a pay-first store: scan the table, order with a friend at the same table (each sees the other's
// dishes arrive live), pay in the WeChat simulator and see the order paid; then the kitchen accepts and serves it and
// the diner sees that live. In an eat-first store: the order goes to the kitchen at once and the table pays its tab
// at the end. The friend and the kitchen are other phones, talking HTTP and WebSocket directly.
const { phone } = require('../support/phone');
const { text, tap, settle } = require('../support/pages');
const wechat = require('../../src/services/wechat');
const { listen } = require('./bridge');
const journey = require('./journey');

const { run, call, signIn, until, open, followed, lastNavigation } = journey;

jest.setTimeout(240000);

let restaurant;
let eatFirst;

beforeAll(async () => {
  await journey.start();
  restaurant = await journey.openRestaurant('旅程面馆', 'pay_first');
  eatFirst = await journey.openRestaurant('后付小馆', 'eat_first');
});

afterAll(() => journey.stop());

beforeEach(() => {
  journey.bridgePhone();
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
  const friendFeed = await listen(`${journey.backend().baseUrl.replace('http', 'ws')}${tabPath}/live`, friend);

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
  const cart = await followed();
  await until('the cart shows both lines', () => cart.querySelectorAll('.line').length === 2);
  const lines = cart.querySelectorAll('.line').map((line) => line.dom.textContent);
  expect(lines.find((line) => line.includes('牛肉面'))).toContain('我点的');
  expect(lines.find((line) => line.includes('拍黄瓜'))).toContain('同桌1点的');

  // Checkout: the server's total, then the order.
  await tap(cart, '.checkout >>> .t-button');
  const checkout = await followed();
  await until('checkout is priced', () => text(checkout, '.subtotal') === '¥43.00');
  expect(text(checkout, '.total')).toBe('¥43.00');
  await tap(checkout, '.more');
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo');
  expect(lastNavigation().url).toContain('pay=1');

  // Paying: the WeChat simulator takes the money, and the server says the order is paid.
  const status = await followed();
  await until('the order shows as paid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 已支付', status, 30000);
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
  const { menu, status } = await journey.orderNoodles(eatFirst);
  expect(text(menu, '.mode')).toBe('先用餐后付款');
  expect(lastNavigation().url).not.toContain('pay=1');
  await until('the order is with the kitchen, unpaid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 待支付', status);
  expect(phone.modals).toEqual([]);

  await tap(status, '.to-bill >>> .t-button');
  const bill = await followed();
  await until('the bill shows what the table owes', () => text(bill, '.billed') === '¥28.00', bill);
  await tap(bill, '.pay-tab >>> .t-button');
  await until('the tab is settled', () => text(bill, '.settled') === '本桌已结账，欢迎再次光临。', bill, 30000);
  expect(phone.modals.map((m) => m.title)).toEqual(['模拟微信支付']);
});
