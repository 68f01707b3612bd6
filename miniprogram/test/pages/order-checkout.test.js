const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');

const PAGE = 'pages/order/checkout/index';
const CART = R.tab({ version: 5, lines: [R.line('l1', R.NOODLES, 1, R.ME, ['特辣']), R.line('l2', R.CUCUMBER, 2, R.FRIEND)] });

function submits() {
  return phone.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/orders'));
}

test('checkout shows the server\'s total and places the order with head count and notes, then pays (pay-first)', async () => {
  const query = R.seated('pay_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, CART),
    [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
  }));
  const page = await openPage(PAGE, query);
  expect(text(page, '.total')).toBe('¥52.00');

  await tap(page, '.more');
  page.instance.onNotes({ detail: { value: ' 不要香菜 ' } });
  await tap(page, '.submit >>> .t-button');

  expect(submits()).toHaveLength(1);
  expect(submits()[0].data).toMatchObject({ head_count: 3, notes: '不要香菜' });
  expect(submits()[0].data.idempotency_key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(phone.navigations).toEqual([{ how: 'redirectTo', url: `/pages/order/status/index?store=${query.store}&tab=${query.tab}&order=o1&pay=1` }]);
});

test('in an eat-first store the order goes to the kitchen: no payment now', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, CART),
    [`POST ${R.TAB_PATH}/orders`]: json(201, R.order({ status: 'placed' })),
  }));
  const page = await openPage(PAGE, query);
  expect(text(page, '.mode-hint')).toBe('下单后厨房直接制作，用餐结束后买单。');

  await tap(page, '.submit >>> .t-button');

  expect(phone.navigations[0].url).not.toContain('pay=1');
});

test('a second tap while the order is being placed sends nothing more', async () => {
  const query = R.seated();
  let answer;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, CART),
    [`POST ${R.TAB_PATH}/orders`]: () => new Promise((resolve) => { answer = resolve; }),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.submit >>> .t-button');
  await tap(page, '.submit >>> .t-button');
  answer(json(201, R.order()));
  await settle();

  expect(submits()).toHaveLength(1);
  expect(phone.navigations).toHaveLength(1);
});

test('after a lost answer, submitting again carries the same key, so the table gets one order, not two', async () => {
  const query = R.seated();
  let calls = 0;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, CART),
    [`POST ${R.TAB_PATH}/orders`]: () => {
      calls += 1;
      if (calls === 1) {
        throw { errMsg: 'request:fail timeout' };
      }
      return json(201, R.order());
    },
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.submit >>> .t-button');
  expect(text(page, '.error')).toBe('网络超时，请稍后重试');
  await tap(page, '.submit >>> .t-button');

  const keys = submits().map((r) => r.data.idempotency_key);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
});

test('a store that closed meanwhile: its message is shown and the next submit is a new one', async () => {
  const query = R.seated();
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, CART),
    [`POST ${R.TAB_PATH}/orders`]: problem(409, 'store_closed', '门店现在不营业'),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.submit >>> .t-button');
  expect(text(page, '.error')).toBe('门店现在不营业');
  await tap(page, '.submit >>> .t-button');

  const keys = submits().map((r) => r.data.idempotency_key);
  expect(keys[1]).not.toBe(keys[0]);
  expect(phone.navigations).toEqual([]);
});

test('a dish sold out mid-cart is named before anything is submitted', async () => {
  const query = R.seated();
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, { ...CART, cart: { ...CART.cart, total_fen: undefined, problem: { code: 'sold_out', message: '牛肉面已售罄' } } }),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.submit >>> .t-button');

  expect(text(page, '.cart-problem')).toBe('牛肉面已售罄，请回到购物车修改');
  expect(submits()).toHaveLength(0);
});
