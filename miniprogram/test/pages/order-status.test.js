const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');

const PAGE = 'pages/order/status/index';
const ORDER_PATH = `${R.TAB_PATH}/orders/o1`;

function to(path) {
  return phone.requests.filter((r) => new URL(r.url).pathname === path);
}

function awaiting() {
  return R.tab({ version: 2, orders: [R.order()] });
}

test('opened to pay: WeChat (the simulator) takes the money, then the server confirms the order is paid', async () => {
  const query = R.seated();
  let paid = false;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: () => json(200, paid
      ? R.tab({ version: 2, orders: [R.order({ status: 'placed', paid: true })] }) : awaiting()),
    [`POST ${ORDER_PATH}/wechat-payment`]: json(200, R.PAYMENT),
    'POST /sim/pay/pay': () => {
      paid = true;
      return json(200, {});
    },
    [`POST ${ORDER_PATH}/payment-check`]: () => json(200, R.order({ status: 'placed', paid: true })),
  }));

  const page = await openPage(PAGE, { ...query, order: 'o1', pay: '1' });
  await settle();

  expect(to('/sim/pay/pay')[0].data).toEqual({ prepay_id: 'wx-prepay-1' });
  expect(to(`${ORDER_PATH}/payment-check`)).toHaveLength(1);
  expect(phone.toasts).toEqual(['支付成功']);
  expect(text(page, '.order-status')).toBe('已下单，等待厨房接单 · 已支付');
  expect(exists(page, '.confirming')).toBe(false);
});

test('the pay button cannot be pressed twice: one payment, one payment sheet', async () => {
  const query = R.seated();
  let answer;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, awaiting()),
    [`POST ${ORDER_PATH}/wechat-payment`]: () => new Promise((resolve) => { answer = resolve; }),
    'POST /sim/pay/pay': json(200, {}),
    [`POST ${ORDER_PATH}/payment-check`]: json(200, R.order({ status: 'placed' })),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.pay >>> .t-button');
  await tap(page, '.pay >>> .t-button');
  await tap(page, '.pay >>> .t-button');
  answer(json(200, R.PAYMENT));
  await settle(10);

  expect(to(`${ORDER_PATH}/wechat-payment`)).toHaveLength(1);
  expect(phone.modals).toHaveLength(1);
  expect(to('/sim/pay/pay')).toHaveLength(1);
});

test('a cancelled payment charges nothing, says so, and the order can be paid later', async () => {
  const query = R.seated();
  phone.modalAnswer = false;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, awaiting()),
    [`POST ${ORDER_PATH}/wechat-payment`]: json(200, R.PAYMENT),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.pay >>> .t-button');

  expect(phone.toasts).toEqual(['已取消支付']);
  expect(to('/sim/pay/pay')).toHaveLength(0);
  expect(to(`${ORDER_PATH}/payment-check`)).toHaveLength(0);
  expect(text(page, '.order-status')).toBe('待支付');
  expect(exists(page, '.pay')).toBe(true);
  expect(exists(page, '.confirming')).toBe(false);
});

test('paid but not yet confirmed: the page says so until "I have paid" finds the payment', async () => {
  const query = R.seated();
  let checks = 0;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: () => json(200, checks < 2 ? awaiting() : R.tab({ version: 2, orders: [R.order({ status: 'placed' })] })),
    [`POST ${ORDER_PATH}/wechat-payment`]: json(200, R.PAYMENT),
    'POST /sim/pay/pay': json(200, {}),
    [`POST ${ORDER_PATH}/payment-check`]: () => {
      checks += 1;
      return json(200, R.order({ status: checks < 2 ? 'awaiting_payment' : 'placed' }));
    },
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.pay >>> .t-button');
  expect(exists(page, '.confirming')).toBe(true);
  expect(phone.toasts).toEqual([]);

  await tap(page, '.paid-check >>> .t-button');

  expect(checks).toBe(2);
  expect(exists(page, '.confirming')).toBe(false);
  expect(phone.toasts).toEqual(['支付成功']);
});

test('the kitchen\'s progress arrives live, dish by dish', async () => {
  const query = R.seated();
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, orders: [R.order({ status: 'placed', paid: true })] })) }));
  const page = await openPage(PAGE, query);
  phone.sockets[0].open();

  const accepted = R.order({ status: 'accepted', paid: true });
  accepted.items[0].served = true;
  phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: [accepted] }) });
  await settle();

  expect(text(page, '.order-status')).toBe('厨房制作中 · 已支付');
  expect(page.querySelectorAll('.item-served').map((n) => n.dom.textContent)).toEqual(['已上', '待上']);
});

test('催单 tells the kitchen; hurrying again too soon shows the server\'s answer', async () => {
  const query = R.seated();
  let hurries = 0;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, orders: [R.order({ status: 'accepted' })] })),
    [`POST ${ORDER_PATH}/hurry`]: () => {
      hurries += 1;
      return hurries === 1 ? json(200, R.order({ status: 'accepted', hurriedAt: '2026-12-02T04:10:00Z' }))
        : problem(429, 'hurried_recently', '已经催过了，厨房正在加紧制作');
    },
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.hurry >>> .t-button');
  await tap(page, '.hurry >>> .t-button');

  expect(phone.toasts).toEqual(['已催单，厨房会尽快上菜', '已经催过了，厨房正在加紧制作']);
});

test('a session that expired on the way is signed in again, silently', async () => {
  const query = R.seated();
  let first = true;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: () => {
      if (first) {
        first = false;
        return problem(401, 'unauthorized', '请先登录');
      }
      return json(200, R.tab({ version: 2, orders: [R.order({ status: 'placed', paid: true })] }));
    },
  }));

  const page = await openPage(PAGE, query);

  expect(text(page, '.order-status')).toBe('已下单，等待厨房接单 · 已支付');
  expect(phone.toasts).toEqual([]);
});

test('more dishes: back to the table\'s menu through its code', async () => {
  const query = R.seated();
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, awaiting()) }));
  const page = await openPage(PAGE, query);

  await tap(page, '.more-dishes >>> .t-button');

  expect(phone.navigations).toEqual([{ how: 'reLaunch', url: '/pages/table/menu/index?scene=s%3D12%26t%3DA3' }]);
});

test('after the first order a diner who is not a member is offered "成为会员", from this table', async () => {
  const query = R.seated();
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, orders: [R.order({ status: 'placed' })] })),
    [`GET /api/v1/stores/${R.STORE.id}/membership`]: json(200, { notice: { version: 1, body: '…' }, member: null }),
  }));
  const page = await openPage(PAGE, query);

  expect(text(page, '.join-offer')).toContain('成为会员');
  await tap(page, '.join-offer');
  expect(phone.navigations).toEqual([
    { how: 'navigateTo', url: `/pages/member/join/index?store=${R.STORE.id}&table=${R.TABLE.id}` },
  ]);
});

test('a member sees the way to their card instead; a table without orders offers nothing', async () => {
  const query = R.seated();
  let orders = [];
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: () => json(200, R.tab({ version: 2, orders })),
    [`GET /api/v1/stores/${R.STORE.id}/membership`]: json(200, { notice: { version: 1, body: '…' }, member: { id: 'm1' } }),
  }));
  const empty = await openPage(PAGE, query);
  expect(exists(empty, '.join-offer')).toBe(false);
  expect(to(`/api/v1/stores/${R.STORE.id}/membership`)).toHaveLength(0);

  orders = [R.order({ status: 'placed' })];
  const page = await openPage(PAGE, query);
  expect(exists(page, '.join-offer')).toBe(false);
  await tap(page, '.to-member-card');
  expect(phone.navigations[0].url).toBe(`/pages/member/card/index?store=${R.STORE.id}`);
});

describe('paying from the stored-value balance', () => {
  const L = require('../support/loyalty');
  const VALUE_PATH = `${L.WALLET_PATH}/stored-value`;

  function withBalance(balance, routes = {}) {
    let paid = false;
    return backend({
      [`GET ${R.TAB_PATH}`]: () => json(200, paid
        ? R.tab({ version: 2, orders: [R.order({ status: 'placed', paid: true })] }) : awaiting()),
      [`GET ${VALUE_PATH}`]: () => json(200, L.storedValue({ balance: paid ? 0 : balance })),
      [`POST ${ORDER_PATH}/stored-value-payment`]: (request) => {
        if (request.data.wechat_for_rest) {
          return json(201, { ...R.PAYMENT, stored_value_fen: balance });
        }
        paid = true;
        return json(201, { id: 'p-sv', order_id: 'o1', method: 'stored_value', amount_fen: 5200, status: 'paid' });
      },
      'POST /sim/pay/pay': () => {
        paid = true;
        return json(200, {});
      },
      [`POST ${ORDER_PATH}/payment-check`]: () => json(200, R.order({ status: paid ? 'placed' : 'awaiting_payment', paid })),
      ...routes,
    });
  }

  test('opened to pay with a balance that covers the order: nothing is paid until the diner picks, then the balance pays it all', async () => {
    const query = R.seated();
    phone.answer(withBalance(6000));
    const page = await openPage(PAGE, { ...query, order: 'o1', pay: '1' });
    await settle();

    expect(to(`${ORDER_PATH}/wechat-payment`)).toHaveLength(0);
    expect(text(page, '.balance-hint')).toBe('储值余额 ¥60.00，可用于支付订单');
    expect(exists(page, '.pay')).toBe(true);

    await tap(page, '.pay-stored-value >>> .t-button');
    await settle();

    expect(to(`${ORDER_PATH}/stored-value-payment`).map((r) => r.data)).toEqual([{ wechat_for_rest: false }]);
    expect(phone.modals).toHaveLength(0);
    expect(phone.toasts).toEqual(['支付成功']);
    expect(text(page, '.order-status')).toBe('已下单，等待厨房接单 · 已支付');
  });

  test('a balance short of the order pays what it has and WeChat Pay the rest, confirmed by the server', async () => {
    const query = R.seated();
    phone.answer(withBalance(2000));
    const page = await openPage(PAGE, query);

    await tap(page, '.pay-stored-value >>> .t-button');
    await settle();

    expect(to(`${ORDER_PATH}/stored-value-payment`).map((r) => r.data)).toEqual([{ wechat_for_rest: true }]);
    expect(to('/sim/pay/pay')[0].data).toEqual({ prepay_id: 'wx-prepay-1' });
    expect(to(`${ORDER_PATH}/payment-check`)).toHaveLength(1);
    expect(phone.toasts).toEqual(['支付成功']);
  });

  test('a balance spent elsewhere meanwhile: the server\'s refusal is shown and the order can still be paid', async () => {
    const query = R.seated();
    phone.answer(withBalance(6000, {
      [`POST ${ORDER_PATH}/stored-value-payment`]: problem(409, 'balance_short', '储值余额不足'),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.pay-stored-value >>> .t-button');

    expect(phone.toasts).toEqual(['储值余额不足']);
    expect(text(page, '.order-status')).toBe('待支付');
    expect(exists(page, '.confirming')).toBe(false);
  });

  test('no balance (or none to read): WeChat Pay only, as before', async () => {
    const query = R.seated();
    phone.answer(withBalance(0));
    const page = await openPage(PAGE, query);

    expect(exists(page, '.pay-stored-value')).toBe(false);
    expect(exists(page, '.balance-hint')).toBe(false);
  });

  test('an order\'s price adjustments are shown under it', async () => {
    const query = R.seated();
    const order = {
      ...R.order({ status: 'placed', paid: true, total: 4200 }), subtotal_fen: 5200, discount_fen: 1000,
      adjustments: [{ kind: 'coupon', label: '优惠券 立减券', amount_fen: -1000, coupon_id: 'c1' }],
    };
    phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, orders: [order] })) }));
    const page = await openPage(PAGE, query);

    expect(text(page, '.order-subtotal')).toBe('商品金额¥52.00');
    expect(text(page, '.order-adjustment')).toBe('优惠券 立减券-¥10.00');
    expect(text(page, '.order-total')).toBe('¥42.00');
  });
});

test('each order says whether it is paid: 待支付 until the table pays, then 已支付, 已部分退款 or 已退款', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({
      version: 3,
      orders: [
        R.order({ id: 'o1', number: 'A001', status: 'served' }),
        R.order({ id: 'o2', number: 'A002', status: 'served', paid: true }),
        R.order({ id: 'o3', number: 'A003', status: 'served', paid: true, paymentState: 'partially_refunded', refunded: 1000 }),
        R.order({ id: 'o4', number: 'A004', status: 'cancelled', paid: true, paymentState: 'refunded', refunded: 5200 }),
        R.order({ id: 'o5', number: 'A005', status: 'rejected' }),
      ],
    })),
  }));

  const page = await openPage(PAGE, query);

  const statuses = page.querySelectorAll('.order-status').map((node) => node.dom.textContent.replace(/\s+/g, ' ').trim());
  // Newest first.
  expect(statuses).toEqual([
    '厨房未接单',
    '已取消 · 已退款',
    '已上齐 · 已部分退款 ¥10.00',
    '已上齐 · 已支付',
    '已上齐 · 待支付',
  ]);
  expect(page.querySelectorAll('.paid-tag')).toHaveLength(3);
});

describe('a tab with more orders than its state lists (the latest 20)', () => {
  const ORDERS_PATH = `${R.TAB_PATH}/orders`;

  function pagesAsked() {
    return to(ORDERS_PATH).map((r) => Object.fromEntries(new URL(r.url).searchParams));
  }

  function numbersShown(page) {
    return page.querySelectorAll('.order-number').map((node) => node.dom.textContent);
  }

  function statusesShown(page) {
    return page.querySelectorAll('.order-status').map((node) => node.dom.textContent.replace(/\s+/g, ' ').trim());
  }

  /** The tab's orders as the server has them now (`now()`), the pages of earlier ones held while `hold()` says so. */
  function tabBackend(now, hold = () => false, routes = {}) {
    const held = [];
    const handler = backend({
      [`GET ${R.TAB_PATH}`]: () => json(200, R.tab({ version: 2, orders: now() })),
      [`GET ${ORDERS_PATH}`]: (request, url) => {
        const answer = R.ordersPage(now(), url);
        return hold() ? new Promise((resolve) => held.push(() => resolve(answer))) : answer;
      },
      ...routes,
    });
    return { handler, held };
  }

  test('while earlier orders are read the link says so, and a second tap asks for nothing more', async () => {
    const query = R.seated();
    const all = R.orders(25, { status: 'placed', paid: true });
    const { handler, held } = tabBackend(() => all, () => true);
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    expect(text(page, '.earlier-orders')).toBe('查看更早的订单（还有 5 笔）');

    await tap(page, '.earlier-orders');
    expect(text(page, '.earlier-orders')).toBe('正在读取…');
    await tap(page, '.earlier-orders');
    held[0]();
    await settle();

    expect(pagesAsked()).toEqual([{ before: 'o6', limit: '20' }]);
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    expect(exists(page, '.earlier-orders')).toBe(false);
  });

  test('new orders push the oldest of the latest out: they stay listed, read again with the earlier ones', async () => {
    const query = R.seated();
    let all = R.orders(25, { status: 'placed', paid: true });
    let holding = false;
    const { handler, held } = tabBackend(() => all, () => holding);
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    await tap(page, '.earlier-orders');

    holding = true;
    all = R.orders(27, { status: 'placed', paid: true });
    phone.sockets[0].open();
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: all }) });
    await settle();

    // A001 to A005 read before, A006 and A007 pushed out of the tab's latest (A008 to A027): none goes missing.
    expect(pagesAsked()[1]).toEqual({ before: 'o8', limit: '7' });
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    held[0]();
    await settle();
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    expect(exists(page, '.earlier-orders')).toBe(false);
  });

  test('an answer overtaken by a later one is not shown when it arrives late', async () => {
    const query = R.seated();
    const all = R.orders(25, { status: 'accepted', paid: true });
    let now = all;
    let holding = false;
    const { handler, held } = tabBackend(() => now, () => holding);
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    await tap(page, '.earlier-orders');
    phone.sockets[0].open();

    holding = true;
    const served = (o) => (o.id === 'o1' ? { ...o, status: 'served' } : o);
    now = all.map(served);
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: now }) });
    await settle();
    now = all.map((o) => (o.id === 'o1'
      ? R.order({ id: 'o1', number: 'A001', status: 'served', total: 1000, paid: true, paymentState: 'refunded', refunded: 1000 })
      : o));
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: now }) });
    await settle();

    held[1]();
    await settle();
    held[0]();
    await settle();

    expect(pagesAsked()).toEqual([
      { before: 'o6', limit: '20' }, { before: 'o6', limit: '5' }, { before: 'o6', limit: '5' },
    ]);
    expect(statusesShown(page)[24]).toBe('已上齐 · 已退款');
    expect(statusesShown(page)[23]).toBe('厨房制作中 · 已支付');
  });

  test('more than 100 earlier orders shown: a new state reads the latest 100 of them again, the older ones stay', async () => {
    const query = R.seated();
    let all = R.orders(145, { status: 'placed', paid: true });
    const { handler } = tabBackend(() => all);
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    // The 125 orders before the latest 20, in seven pages.
    for (let read = 0; read < 7; read += 1) {
      await tap(page, '.earlier-orders');
    }
    expect(numbersShown(page)).toHaveLength(145);

    const refunded = R.order({ id: 'o30', number: 'A030', status: 'placed', total: 1000, paid: true, paymentState: 'refunded', refunded: 1000 });
    all = R.orders(147, { status: 'placed', paid: true }).map((o) => (o.id === 'o30' ? refunded : o));
    phone.sockets[0].open();
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: all }) });
    await settle();

    // A126 and A127 pushed out of the tab's latest; A028 to A127 read again, A001 to A027 kept.
    expect(pagesAsked().at(-1)).toEqual({ before: 'o128', limit: '100' });
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    expect(statusesShown(page)[147 - 30]).toBe('已下单，等待厨房接单 · 已退款');
    expect(exists(page, '.earlier-orders')).toBe(false);
  });

  test('a state overtaken by a newer one arriving after it never makes the count of orders left negative', async () => {
    const query = R.seated();
    const all = R.orders(27, { status: 'placed', paid: true });
    let down = false;
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, orders: all.slice(0, 25) })),
      [`GET ${ORDERS_PATH}`]: (request, url) => (down ? problem(503, 'unavailable', '服务暂时不可用，请稍后重试')
        : R.ordersPage(all, url)),
    }));
    const page = await openPage(PAGE, query);
    await tap(page, '.earlier-orders');
    phone.sockets[0].open();
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: all }) });
    await settle();

    // A state of 26 orders arrives after that of 27, and the earlier orders cannot be read again to set things right.
    down = true;
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 2, orders: all.slice(0, 26) }) });
    await settle();

    expect(text(page, '.earlier-problem')).toBe('服务暂时不可用，请稍后重试');
    expect(exists(page, '.earlier-orders')).toBe(false);
  });

  test('an earlier order awaiting payment, read on request, may be paid from the balance too', async () => {
    const L = require('../support/loyalty');
    const VALUE_PATH = `${L.WALLET_PATH}/stored-value`;
    const query = R.seated();
    let paid = false;
    const now = () => R.orders(25, { status: 'placed', paid: true })
      .map((o) => (o.id === 'o1' ? R.order({ id: 'o1', number: 'A001', status: paid ? 'placed' : 'awaiting_payment', paid }) : o));
    const { handler } = tabBackend(now, () => false, {
      [`GET ${VALUE_PATH}`]: json(200, L.storedValue({ balance: 6000 })),
      [`POST ${ORDER_PATH}/stored-value-payment`]: () => {
        paid = true;
        return json(201, { id: 'p-sv', order_id: 'o1', method: 'stored_value', amount_fen: 5200, status: 'paid' });
      },
      [`POST ${ORDER_PATH}/payment-check`]: () => json(200, R.order({ status: 'placed', paid })),
    });
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    // None of the tab's latest awaits payment: no balance to read yet.
    expect(to(VALUE_PATH)).toHaveLength(0);

    await tap(page, '.earlier-orders');
    await settle();

    expect(to(VALUE_PATH)).toHaveLength(1);
    expect(text(page, '.balance-hint')).toBe('储值余额 ¥60.00，可用于支付订单');
    expect(text(page, '.pay-stored-value')).toBe('余额支付');

    await tap(page, '.pay-stored-value >>> .t-button');
    await settle();

    expect(to(`${ORDER_PATH}/stored-value-payment`).map((r) => r.data)).toEqual([{ wechat_for_rest: false }]);
    expect(phone.toasts).toEqual(['支付成功']);
    expect(statusesShown(page)[24]).toBe('已下单，等待厨房接单 · 已支付');
  });

  test('an earlier order awaiting payment is paid here, and the page waits for the server to confirm it', async () => {
    const query = R.seated();
    let paid = false;
    const now = () => R.orders(25, { status: 'placed', paid: true })
      .map((o) => (o.id === 'o1' ? R.order({ id: 'o1', number: 'A001', status: paid ? 'placed' : 'awaiting_payment', paid }) : o));
    let checks = 0;
    const { handler } = tabBackend(now, () => false, {
      [`POST ${ORDER_PATH}/wechat-payment`]: json(200, R.PAYMENT),
      'POST /sim/pay/pay': json(200, {}),
      [`POST ${ORDER_PATH}/payment-check`]: () => {
        checks += 1;
        paid = checks > 1;
        return json(200, R.order({ status: paid ? 'placed' : 'awaiting_payment', paid }));
      },
    });
    phone.answer(handler);
    const page = await openPage(PAGE, query);
    expect(exists(page, '.pay')).toBe(false);

    await tap(page, '.earlier-orders');
    await tap(page, '.pay >>> .t-button');
    await settle();

    // The tab read again after the check, and its earlier orders with it: the order still awaits payment.
    expect(pagesAsked()).toEqual([{ before: 'o6', limit: '20' }, { before: 'o6', limit: '5' }]);
    expect(exists(page, '.confirming')).toBe(true);

    await tap(page, '.paid-check >>> .t-button');
    await settle();

    expect(phone.toasts).toEqual(['支付成功']);
    expect(exists(page, '.confirming')).toBe(false);
    expect(statusesShown(page)[24]).toBe('已下单，等待厨房接单 · 已支付');
    expect(exists(page, '.pay')).toBe(false);
  });
});
