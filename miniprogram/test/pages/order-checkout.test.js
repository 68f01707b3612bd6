const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');
const { heldAnswer } = require('../support/staff');

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

describe('coupons and member prices at checkout', () => {
  const L = require('../support/loyalty');
  const BEST = L.coupon();
  const SMALL = L.coupon({ id: 'c-small', name: '立减券', threshold_fen: 0, amount_off_fen: 500 });
  const FAR = L.coupon({ id: 'c-far', name: '大额券', threshold_fen: 20000, amount_off_fen: 5000 });

  function quote(coupon) {
    const chosen = { best: BEST, none: null, [SMALL.id]: SMALL, [BEST.id]: BEST }[coupon];
    const off = chosen ? chosen.amount_off_fen : 0;
    return {
      subtotal_fen: 15200,
      adjustments: [
        { kind: 'member_price', label: '会员价', amount_fen: -300 },
        { kind: 'level_discount', label: '银卡 95折', amount_fen: -745 },
        ...(chosen ? [{ kind: 'coupon', label: `优惠券 ${chosen.name}`, amount_fen: -off, coupon_id: chosen.id }] : []),
      ],
      discount_fen: 1045 + off,
      total_fen: 15200 - 1045 - off,
      coupons: [
        { coupon: BEST, usable: true, discount_fen: 2000 },
        { coupon: SMALL, usable: true, discount_fen: 500 },
        { coupon: FAR, usable: false, discount_fen: 0, reason: '未满 ¥200 使用门槛' },
      ],
      chosen_coupon_id: chosen ? chosen.id : null,
    };
  }

  function quotes() {
    return phone.requests.filter((r) => r.url.includes('/checkout')).map((r) => new URL(r.url).searchParams.get('coupon'));
  }

  function priced(routes = {}) {
    return backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${R.TAB_PATH}/checkout`]: (request, url) => json(200, quote(url.searchParams.get('coupon'))),
      [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
      ...routes,
    });
  }

  test('the server\'s best coupon is chosen at first: the price lines and total are the quote\'s, and the order carries it', async () => {
    const query = R.seated();
    phone.answer(priced());
    const page = await openPage(PAGE, query);

    expect(quotes()).toEqual(['best']);
    expect(text(page, '.subtotal')).toBe('¥152.00');
    expect(page.querySelectorAll('.adjustment').map((n) => n.dom.textContent.replace(/\s+/g, ''))).toEqual([
      '会员价-¥3.00', '银卡95折-¥7.45', '优惠券新客满减券-¥20.00',
    ]);
    expect(text(page, '.total')).toBe('¥121.55');
    expect(text(page, '.chosen-coupon')).toBe('新客满减券（满¥100减¥20） ›');

    await tap(page, '.submit >>> .t-button');
    expect(submits()[0].data.coupon).toBe(BEST.id);
  });

  test('another coupon, or none, is priced again and is what the order carries; one that does not apply says why', async () => {
    const query = R.seated();
    phone.answer(priced());
    const page = await openPage(PAGE, query);

    await tap(page, '.coupon-choice');
    expect(page.querySelectorAll('.coupon-option').map((n) => n.dom.textContent.replace(/\s+/g, ''))).toEqual([
      expect.stringContaining('新客满减券·满¥100减¥20'), expect.stringContaining('立减券·立减¥5'),
      expect.stringContaining('未满¥200使用门槛'), '不使用优惠券',
    ]);
    page.querySelectorAll('.coupon-option')[2].dispatchEvent('tap');
    await settle();
    expect(quotes()).toEqual(['best']);

    page.querySelectorAll('.coupon-option')[1].dispatchEvent('tap');
    await settle();
    expect(quotes()).toEqual(['best', 'c-small']);
    expect(text(page, '.total')).toBe('¥136.55');

    await tap(page, '.coupon-choice');
    await tap(page, '.no-coupon');
    expect(quotes()).toEqual(['best', 'c-small', 'none']);
    expect(text(page, '.total')).toBe('¥141.55');
    expect(text(page, '.chosen-coupon')).toBe('不使用优惠券 ›');

    await tap(page, '.submit >>> .t-button');
    expect(submits()[0].data.coupon).toBe('none');
  });

  test('a coupon changed after a lost answer keeps the key: an order placed after all is never placed twice', async () => {
    const query = R.seated();
    let first = true;
    phone.answer(priced({
      [`POST ${R.TAB_PATH}/orders`]: () => {
        if (first) {
          first = false;
          throw { errMsg: 'request:fail timeout' };
        }
        return json(201, R.order());
      },
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');
    await tap(page, '.coupon-choice');
    await tap(page, '.no-coupon');
    await tap(page, '.submit >>> .t-button');

    const [lost, again] = submits().map((r) => r.data);
    expect(lost.coupon).toBe(BEST.id);
    expect(again.coupon).toBe('none');
    expect(again.idempotency_key).toBe(lost.idempotency_key);
  });

  test('a coupon picked that is gone meanwhile (used at another table): the server\'s best is quoted instead', async () => {
    const query = R.seated();
    phone.answer(priced({
      [`GET ${R.TAB_PATH}/checkout`]: (request, url) => (url.searchParams.get('coupon') === SMALL.id
        ? problem(409, 'coupon_used', '这张优惠券已经用过了') : json(200, quote(url.searchParams.get('coupon')))),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.coupon-choice');
    page.querySelectorAll('.coupon-option')[1].dispatchEvent('tap');
    await settle();

    expect(quotes()).toEqual(['best', SMALL.id, 'best']);
    expect(text(page, '.chosen-coupon')).toBe('新客满减券（满¥100减¥20） ›');
    await tap(page, '.submit >>> .t-button');
    expect(submits()[0].data.coupon).toBe(BEST.id);
  });

  test('while a coupon is being priced, the order cannot be placed with the price before', async () => {
    const query = R.seated();
    const held = heldAnswer(json(200, quote('none')));
    phone.answer(priced({
      [`GET ${R.TAB_PATH}/checkout`]: (request, url) => (url.searchParams.get('coupon') === 'none' ? held(request) : json(200, quote('best'))),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.coupon-choice');
    await tap(page, '.no-coupon');
    await tap(page, '.submit >>> .t-button');
    expect(submits()).toHaveLength(0);

    held.release();
    await settle();
    await tap(page, '.submit >>> .t-button');
    expect(submits().map((r) => r.data.coupon)).toEqual(['none']);
  });

  test('without a quote the cart\'s own total shows and the server chooses the coupon', async () => {
    const query = R.seated();
    phone.answer(priced({ [`GET ${R.TAB_PATH}/checkout`]: problem(409, 'sold_out', '牛肉面已售罄') }));
    const page = await openPage(PAGE, query);

    expect(text(page, '.total')).toBe('¥52.00');
    expect(page.querySelectorAll('.adjustment')).toHaveLength(0);
    expect(page.querySelectorAll('.coupon-choice')).toHaveLength(0);
    expect(phone.toasts).toEqual([]);

    await tap(page, '.submit >>> .t-button');
    expect(submits()[0].data).not.toHaveProperty('coupon');
  });
});

describe('subscribe messages asked for with the order', () => {
  const config = require('../../src/config/index');
  const TEMPLATES = `/api/v1/stores/${R.STORE.id}/subscribe-templates`;
  const SUBSCRIPTIONS = `/api/v1/stores/${R.STORE.id}/subscriptions`;

  function recorded() {
    return phone.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === SUBSCRIPTIONS).map((r) => r.data);
  }

  function asked() {
    return phone.requests.filter((r) => r.url.endsWith('/sim/subscribe-accept')).map((r) => r.data.template_id);
  }

  afterEach(() => {
    delete wx.requestSubscribeMessage;
  });

  test('accepted: the store\'s templates are asked for in the submit\'s tap and the answers recorded with the order', async () => {
    const query = R.seated();
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${TEMPLATES}`]: json(200, { dishes_ready: 'tpl-ready', refund_done: 'tpl-refund' }),
      'POST /sim/subscribe-accept': json(200, {}),
      [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
      [`POST ${SUBSCRIPTIONS}`]: { statusCode: 204, data: '' },
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');

    expect(asked()).toEqual(['tpl-ready', 'tpl-refund']);
    expect(recorded()).toEqual([{ results: { 'tpl-ready': 'accept', 'tpl-refund': 'accept' }, order_id: 'o1' }]);
    expect(phone.navigations[0].url).toBe(`/pages/order/status/index?store=${query.store}&tab=${query.tab}&order=o1&pay=1`);
  });

  test('rejected (WeChat\'s own question): only the configured template is asked, the refusal recorded as such', async () => {
    const query = R.seated();
    config.use('live', { apiBaseUrl: 'http://api.test' });
    wx.requestSubscribeMessage = jest.fn((options) => options.success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-ready': 'reject' }));
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${TEMPLATES}`]: json(200, { dishes_ready: 'tpl-ready', refund_done: null }),
      [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
      [`POST ${SUBSCRIPTIONS}`]: { statusCode: 204, data: '' },
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');

    expect(wx.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tpl-ready']);
    expect(recorded()).toEqual([{ results: { 'tpl-ready': 'reject' }, order_id: 'o1' }]);
    expect(phone.navigations).toHaveLength(1);
  });

  test('the question dismissed: nothing recorded, the order placed all the same', async () => {
    const query = R.seated();
    config.use('live', { apiBaseUrl: 'http://api.test' });
    wx.requestSubscribeMessage = jest.fn((options) => options.fail({ errMsg: 'requestSubscribeMessage:fail cancel' }));
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${TEMPLATES}`]: json(200, { dishes_ready: 'tpl-ready', refund_done: 'tpl-refund' }),
      [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');

    expect(recorded()).toEqual([]);
    expect(phone.navigations).toHaveLength(1);
  });

  test.each([
    ['no templates configured', json(200, { dishes_ready: null, refund_done: null })],
    ['templates not to be read', problem(503, 'service_unavailable', '服务暂时不可用')],
  ])('%s: nobody is asked and nothing recorded', async (name, answer) => {
    const query = R.seated();
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${TEMPLATES}`]: answer,
      [`POST ${R.TAB_PATH}/orders`]: json(201, R.order()),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');

    expect(asked()).toEqual([]);
    expect(recorded()).toEqual([]);
    expect(phone.navigations).toHaveLength(1);
    expect(phone.toasts).toEqual([]);
  });

  test('asked once per checkout: a refused submit and the next one share the answers, recorded with the order placed', async () => {
    const query = R.seated();
    let orders = [problem(409, 'store_closed', '门店现在不营业'), json(201, R.order())];
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, CART),
      [`GET ${TEMPLATES}`]: json(200, { dishes_ready: 'tpl-ready', refund_done: null }),
      'POST /sim/subscribe-accept': json(200, {}),
      [`POST ${R.TAB_PATH}/orders`]: () => {
        const [next, ...rest] = orders;
        orders = rest;
        return next;
      },
      [`POST ${SUBSCRIPTIONS}`]: { statusCode: 204, data: '' },
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.submit >>> .t-button');
    expect(recorded()).toEqual([]);
    await tap(page, '.submit >>> .t-button');

    expect(asked()).toEqual(['tpl-ready']);
    expect(recorded()).toEqual([{ results: { 'tpl-ready': 'accept' }, order_id: 'o1' }]);
  });
});
