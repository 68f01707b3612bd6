/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// The staff's journey against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), on the
// real staff pages: the owner takes the store's invite and invites a cook, who accepts; a diner at an eat-first table
// orders (over the API, as the diner's own phone would); the cook sees it arrive on the live kitchen screen, accepts
// and serves it dish by dish while the diner's table sees each change; the owner takes the table's bill in cash at the
// counter, gives part of it back, and reads the day's settlement.
const { text, tap } = require('../support/pages');
const api = require('../../src/services/request');
const { listen } = require('./bridge');
const journey = require('./journey');

const { run, call, signIn, handTo, until, open, followed } = journey;

jest.setTimeout(240000);

let backend;
const restaurant = {};

/** Today's business day in the store's time zone (Asia/Shanghai, UTC+8, days from 04:00). */
function businessDayInShanghai() {
  return new Date(Date.now() + (8 - 4) * 3600 * 1000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  backend = await journey.start();
  const created = await backend.command(['tenant', 'create', '--name', `夜宵面馆${run}`, '--store', '夜宵面馆 一店',
    '--tables', 'A1-A4', '--mode', 'eat_first']);
  const store = /\(([0-9a-f-]{36}), code ([^)]+)\)/.exec(created);
  restaurant.storeId = store[1];
  restaurant.storeCode = store[2];
  restaurant.ownerInvite = /token\s+(\S+)/.exec(created)[1];
});

afterAll(() => journey.stop());

beforeEach(() => journey.bridgePhone());

test('the owner invites a cook, the cook works the live kitchen, the owner takes the bill, refunds and settles', async () => {
  const { storeId } = restaurant;
  const stores = `/api/v1/stores/${storeId}`;

  // The owner opens the store's invite and becomes its owner, then puts two dishes on the menu.
  await handTo(`owner-${run}`);
  const ownerInvite = await open('staff/pages/invite/accept/index', { token: restaurant.ownerInvite });
  await tap(ownerInvite, '.accept >>> .t-button');
  await until('the owner is in', () => (text(ownerInvite, '.done') || '').includes('你现在是店主'), ownerInvite);
  const owner = api.token();
  const category = await call('POST', `${stores}/menu/categories`, owner, { name: '面' });
  const noodles = await call('POST', `${stores}/menu/dishes`, owner, { category_id: category.id, name: '牛肉面', price_fen: 2800 });
  const cucumber = await call('POST', `${stores}/menu/dishes`, owner, { category_id: category.id, name: '拍黄瓜', price_fen: 1200 });

  // The owner invites a cook from the staff screen and hands on the link.
  const team = await open('staff/pages/team/members/index', { store: storeId, role: 'owner' });
  await until('the team shows the owner', () => (text(team, '.member') || '').includes('店主（我）'), team);
  await tap(team, '.invite-staff >>> .t-button');
  await until('the invite link shows', () => !!text(team, '.new-invite >>> .invite-link'), team);
  const link = text(team, '.new-invite >>> .invite-link');
  expect(link.startsWith(`${backend.baseUrl}/i/`)).toBe(true);

  // The cook opens the link on their own phone and joins.
  await handTo(`cook-${run}`);
  const cookInvite = await open('staff/pages/invite/accept/index', { q: encodeURIComponent(link) });
  await tap(cookInvite, '.accept >>> .t-button');
  await until('the cook is in', () => (text(cookInvite, '.done') || '').includes('你现在是店员'), cookInvite);

  // The cook's home offers the kitchen; the kitchen screen goes live with nothing to do yet.
  const home = await open('staff/pages/stores/list/index');
  await until('the cook sees the store', () => home.querySelectorAll('.entry').length === 5, home);
  expect(text(home, '.store-name')).toBe('夜宵面馆 一店');
  await tap(home, '.entry');
  const kitchen = await followed();
  await until('the kitchen is live', () => text(kitchen, '.feed-state') === '实时接单中', kitchen);
  expect(text(kitchen, '.none')).toContain('暂时没有待处理的订单');

  // A diner at A1 orders (an eat-first store: the order goes straight to the kitchen) and watches the table live.
  const diner = await signIn(`diner-${run}`);
  const scan = await call('GET', `/api/v1/scan?scene=${encodeURIComponent(`s=${restaurant.storeCode}&t=A1`)}`);
  let tab = await call('POST', `${stores}/tables/${scan.table.id}/tab`, diner, { scan_token: scan.scan_token });
  const tabPath = `${stores}/tabs/${tab.id}`;
  const table = await listen(`${backend.baseUrl.replace('http', 'ws')}${tabPath}/live`, diner);
  tab = await call('POST', `${tabPath}/cart`, diner, { dish_id: noodles.id, quantity: 1, cart_version: tab.cart.version });
  tab = await call('POST', `${tabPath}/cart`, diner, { dish_id: cucumber.id, quantity: 1, cart_version: tab.cart.version });
  const order = await call('POST', `${tabPath}/orders`, diner, { head_count: 2, notes: '少放香菜', idempotency_key: `journey-${run}` });
  expect(order).toMatchObject({ status: 'placed', total_fen: 4000 });
  const orderStatus = () => {
    const latest = table.messages.filter((m) => m.tab).pop();
    return latest && latest.tab.orders.length ? latest.tab.orders[0] : null;
  };

  // It arrives on the kitchen screen live, with its table, dishes and notes.
  await until('the order arrives', () => text(kitchen, '.order .number') === order.number, kitchen);
  expect(text(kitchen, '.order .table')).toBe('A1');
  expect(text(kitchen, '.order .status')).toBe('新订单');
  expect(text(kitchen, '.order .notes')).toBe('备注：少放香菜');
  expect(text(kitchen, '.order')).toContain('牛肉面 × 1');

  // The cook accepts it; the diner's table sees it cooking.
  await tap(kitchen, '.accept');
  await until('the kitchen shows it cooking', () => text(kitchen, '.order .status') === '制作中', kitchen);
  await until('the table sees it accepted', () => (orderStatus() || {}).status === 'accepted');

  // Served dish by dish: the table sees each dish arrive, then the order served.
  await tap(kitchen, '.serve');
  await until('one dish is served', () => kitchen.querySelectorAll('.serve').length === 1, kitchen);
  await until('the table sees the first dish', () => (orderStatus() || { items: [] }).items.filter((i) => i.served).length === 1);
  await tap(kitchen, '.serve');
  await until('the order is done in the kitchen', () => text(kitchen, '.finished .status') === '已上齐', kitchen);
  await until('the table sees it served', () => (orderStatus() || {}).status === 'served');
  table.close();

  // The owner takes the table's bill in cash at the counter; the tab closes.
  await handTo(`owner-${run}`);
  const tabs = await open('staff/pages/kitchen/tabs/index', { store: storeId, role: 'owner' });
  await until('A1 is listed as seated', () => text(tabs, '.tab .table-name') === '桌台 A1', tabs);
  await tap(tabs, '.pay');
  const counter = await followed();
  expect(text(counter, '.title')).toBe('桌台 A1 结账');
  await tap(counter, '.method');
  await tap(counter, '.confirm >>> .t-button');
  await until('the payment is taken', () => text(counter, '.paid-amount') === '现金收款 ¥40.00', counter);
  expect((await call('GET', tabPath, diner)).status).toBe('closed');

  // ¥9 of it goes back over the counter.
  const refund = await open('staff/pages/refunds/new/index', {
    store: storeId, role: 'owner', order: order.id, number: order.number, total: String(order.total_fen),
  });
  await until('the refund form shows', () => text(refund, '.title') === `订单 ${order.number} 退款`, refund);
  refund.querySelector('.amount').dispatchEvent('input', { detail: { value: '9' } });
  await tap(refund, '.reason-pick');
  await tap(refund, '.submit >>> .t-button');
  await until('the refund is made', () => text(refund, '.refund-amount') === '退款 ¥9.00', refund);
  expect(text(refund, '.way')).toBe('请当面退还现金');

  // The day's settlement: ¥40 in, ¥9 back, all in cash.
  const day = await open('staff/pages/settlement/day/index', { store: storeId, date: businessDayInShanghai() });
  await until('the settlement shows', () => !!text(day, '.net'), day);
  expect(text(day, '.net')).toBe('¥31.00');
  expect(text(day, '.gross')).toBe('收款 ¥40.00（1 笔）');
  expect(text(day, '.refunds')).toBe('退款 ¥9.00（1 笔）');
  expect(day.querySelectorAll('.method')).toHaveLength(1);
  expect(text(day, '.method-name')).toBe('现金');
});
