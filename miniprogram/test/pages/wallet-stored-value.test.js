const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE } = require('../support/restaurant');
const R = require('../support/restaurant');
const L = require('../support/loyalty');

const PAGE = 'pages/wallet/stored-value/index';
const VALUE_PATH = `${L.WALLET_PATH}/stored-value`;
const TOP_UPS = `${L.WALLET_PATH}/top-ups`;
const TOP_UP = { top_up_id: 'tu1', payment: R.PAYMENT };

function to(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
}

function account(routes = {}, value = () => L.storedValue()) {
  return backend({
    [`GET ${VALUE_PATH}`]: () => json(200, value()),
    [`GET ${L.STORE_PATH}/top-up-packages`]: json(200, { items: L.PACKAGES }),
    ...routes,
  });
}

test('the balance with principal and bonus apart, the packages on sale and the history', async () => {
  phone.answer(account());
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.balance')).toBe('¥55.00');
  expect(text(page, '.parts')).toBe('本金 ¥50.00 · 赠送 ¥5.00');
  expect(page.querySelectorAll('.package-offer').map((n) => n.dom.textContent)).toEqual(['充¥500 送¥50']);
  expect(page.querySelectorAll('.history-name').map((n) => n.dom.textContent)).toEqual(['充值', '消费']);
  expect(page.querySelectorAll('.history-amount').map((n) => n.dom.textContent)).toEqual(['+¥550.00', '-¥495.00']);
  expect(text(page, '.history-line')).toContain('本金 ¥500.00 · 赠送 ¥50.00');
});

test('a top-up: the server\'s payment, WeChat (the simulator) takes the money, the server confirms, the balance is read again', async () => {
  let paid = false;
  phone.answer(account({
    [`POST ${TOP_UPS}`]: json(201, TOP_UP),
    'POST /sim/pay/pay': () => {
      paid = true;
      return json(200, {});
    },
    [`GET ${TOP_UPS}/tu1`]: () => json(200, { id: 'tu1', state: paid ? 'paid' : 'pending', package: L.PACKAGES[0] }),
  }, () => (paid ? L.storedValue({ balance: 60500, principal: 55000, bonus: 5500 }) : L.storedValue())));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  await settle(10);

  expect(to('POST', TOP_UPS)[0].data).toEqual({ package_id: 'pk1' });
  expect(to('POST', '/sim/pay/pay')[0].data).toEqual({ prepay_id: 'wx-prepay-1' });
  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(1);
  expect(phone.toasts).toEqual(['充值成功']);
  expect(text(page, '.balance')).toBe('¥605.00');
});

test('paid but not yet on the balance: the server is asked again until it is credited, then the balance is read', async () => {
  let credits = 0;
  phone.answer(account({
    [`POST ${TOP_UPS}`]: json(201, TOP_UP),
    'POST /sim/pay/pay': json(200, {}),
    [`GET ${TOP_UPS}/tu1`]: () => {
      credits += 1;
      return json(200, { id: 'tu1', state: 'paid', credited: credits >= 2, package: L.PACKAGES[0] });
    },
  }, () => (credits >= 2 ? L.storedValue({ balance: 60500, principal: 55000, bonus: 5500 }) : L.storedValue())));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await settle(10);

  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(2);
  expect(phone.toasts).toEqual(['充值成功']);
  expect(text(page, '.balance')).toBe('¥605.00');
});

test('paid but still not on the balance after a few checks: the diner is told it will arrive, not that it failed', async () => {
  phone.answer(account({
    [`POST ${TOP_UPS}`]: json(201, TOP_UP),
    'POST /sim/pay/pay': json(200, {}),
    [`GET ${TOP_UPS}/tu1`]: json(200, { id: 'tu1', state: 'paid', credited: false, package: L.PACKAGES[0] }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await settle(10);

  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(4);
  expect(phone.toasts).toEqual(['已支付，余额稍后到账']);
  expect(exists(page, '.confirming')).toBe(false);
  expect(text(page, '.problem')).toBeNull();
});

test('the top-up button cannot be pressed twice: one top-up, one payment sheet', async () => {
  const held = heldAnswer(json(201, TOP_UP));
  phone.answer(account({
    [`POST ${TOP_UPS}`]: held,
    'POST /sim/pay/pay': json(200, {}),
    [`GET ${TOP_UPS}/tu1`]: json(200, { id: 'tu1', state: 'paid' }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  await tap(page, '.top-up >>> .t-button');
  held.release();
  await settle(10);

  expect(to('POST', TOP_UPS)).toHaveLength(1);
  expect(phone.modals).toHaveLength(1);
});

test('a cancelled payment says so and asks nothing more of the server', async () => {
  phone.modalAnswer = false;
  phone.answer(account({ [`POST ${TOP_UPS}`]: json(201, TOP_UP) }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');

  expect(phone.toasts).toEqual(['已取消支付']);
  expect(to('POST', '/sim/pay/pay')).toHaveLength(0);
  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(0);
  expect(exists(page, '.confirming')).toBe(false);
});

test('paid but not yet confirmed: the page says so until "I have paid" finds the money', async () => {
  let confirmed = false;
  phone.answer(account({
    [`POST ${TOP_UPS}`]: json(201, TOP_UP),
    'POST /sim/pay/pay': json(200, {}),
    [`GET ${TOP_UPS}/tu1`]: () => json(200, { id: 'tu1', state: confirmed ? 'paid' : 'pending' }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await settle();
  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(4);
  expect(exists(page, '.confirming')).toBe(true);
  expect(phone.toasts).toEqual([]);

  confirmed = true;
  await tap(page, '.paid-check >>> .t-button');
  await settle();

  expect(exists(page, '.confirming')).toBe(false);
  expect(phone.toasts).toEqual(['充值成功']);
});

test('a refused top-up shows the problem\'s words; nothing is paid', async () => {
  phone.answer(account({ [`POST ${TOP_UPS}`]: problem(409, 'package_inactive', '这个充值套餐已下架') }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');

  expect(text(page, '.problem')).toBe('这个充值套餐已下架');
  expect(phone.modals).toHaveLength(0);
});

test('the history comes a page at a time; a store without packages and an empty history say so', async () => {
  phone.answer(backend({
    [`GET ${VALUE_PATH}`]: (request, url) => json(200, url.searchParams.get('after')
      ? L.storedValue({ items: [{ id: 's0', kind: 'refund', principal_fen: -1000, bonus_fen: 0, at: '2026-11-01T00:00:00Z' }] })
      : L.storedValue({ next: 's2' })),
    [`GET ${L.STORE_PATH}/top-up-packages`]: json(200, { items: [] }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(exists(page, '.no-packages')).toBe(true);

  await tap(page, '.more');

  expect(to('GET', VALUE_PATH).map((r) => new URL(r.url).searchParams.get('after'))).toEqual([null, 's2']);
  expect(page.querySelectorAll('.history-name').map((n) => n.dom.textContent)).toEqual(['充值', '消费', '退还本金']);
  expect(exists(page, '.more')).toBe(false);

  phone.answer(account({}, () => L.storedValue({ balance: 0, principal: 0, bonus: 0, items: [] })));
  const empty = await openPage(PAGE, { store: STORE.id });
  expect(text(empty, '.balance')).toBe('¥0.00');
  expect(exists(empty, '.none')).toBe(true);
});

test('not a member: offered to join', async () => {
  phone.answer(backend({
    [`GET ${VALUE_PATH}`]: problem(404, 'not_a_member', '请先成为会员'),
    [`GET ${L.STORE_PATH}/top-up-packages`]: json(200, { items: L.PACKAGES }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.failed-message')).toBe('请先成为会员');
  expect(exists(page, '.to-join')).toBe(true);
});

test('WeChat\'s payment failing on the way still lets the diner ask the server about that top-up', async () => {
  let paid = false;
  phone.answer(account({
    [`POST ${TOP_UPS}`]: json(201, TOP_UP),
    'POST /sim/pay/pay': () => {
      paid = true;
      return json(500, {});
    },
    [`GET ${TOP_UPS}/tu1`]: () => json(200, { id: 'tu1', state: paid ? 'paid' : 'pending' }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.top-up >>> .t-button');
  expect(text(page, '.problem')).toBe('模拟器拒绝了请求（500）');
  expect(exists(page, '.confirming')).toBe(true);

  await tap(page, '.paid-check >>> .t-button');
  await settle();

  expect(to('GET', `${TOP_UPS}/tu1`)).toHaveLength(1);
  expect(phone.toasts).toEqual(['充值成功']);
  expect(exists(page, '.confirming')).toBe(false);
});
