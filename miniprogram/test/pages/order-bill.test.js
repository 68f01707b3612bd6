const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');

const PAGE = 'pages/order/bill/index';

function eaten(status = 'open') {
  return R.tab({
    version: 4, status,
    orders: [R.order({ status: 'served' }), R.order({ id: 'o2', number: 'A002', status: 'rejected', total: 900 }),
      R.order({ id: 'o3', number: 'A003', status: 'accepted', total: 1800 })],
  });
}

test('an eat-first table pays what it ate with WeChat Pay, and the server closes the tab', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, eaten()),
    [`POST ${R.TAB_PATH}/wechat-payment`]: json(200, R.PAYMENT),
    'POST /sim/pay/pay': json(200, {}),
    [`POST ${R.TAB_PATH}/payment-check`]: json(200, eaten('closed')),
  }));
  const page = await openPage(PAGE, query);
  // The rejected order is not billed.
  expect(text(page, '.billed')).toBe('¥70.00');

  await tap(page, '.pay-tab >>> .t-button');

  expect(phone.requests.filter((r) => r.url.endsWith('/sim/pay/pay'))).toHaveLength(1);
  expect(text(page, '.settled')).toBe('本桌已结账，欢迎再次光临。');
});

test('the pay button cannot be pressed twice', async () => {
  const query = R.seated('eat_first');
  let answer;
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, eaten()),
    [`POST ${R.TAB_PATH}/wechat-payment`]: () => new Promise((resolve) => { answer = resolve; }),
    'POST /sim/pay/pay': json(200, {}),
    [`POST ${R.TAB_PATH}/payment-check`]: json(200, eaten('closed')),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.pay-tab >>> .t-button');
  await tap(page, '.pay-tab >>> .t-button');
  answer(json(200, R.PAYMENT));
  await settle(10);

  expect(phone.requests.filter((r) => r.url.endsWith('/wechat-payment'))).toHaveLength(1);
  expect(phone.modals).toHaveLength(1);
});

test('paying at the counter: the page says where to go and shows the tab settled when staff take the money', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, eaten()) }));
  const page = await openPage(PAGE, query);

  await tap(page, '.counter >>> .t-button');
  expect(text(page, '.counter-notice')).toContain('告诉店员桌号 A3');

  phone.sockets[0].open();
  phone.sockets[0].receive({ type: 'tab', tab: eaten('closed') });
  await settle();

  expect(exists(page, '.settled')).toBe(true);
  expect(exists(page, '.pay-tab')).toBe(false);
});

test('nothing left to pay is said in the server\'s words', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, eaten()),
    [`POST ${R.TAB_PATH}/wechat-payment`]: problem(409, 'nothing_to_pay', '没有需要支付的订单'),
  }));
  const page = await openPage(PAGE, query);

  await tap(page, '.pay-tab >>> .t-button');

  expect(phone.toasts).toEqual(['没有需要支付的订单']);
  expect(exists(page, '.confirming')).toBe(false);
});

test('in a pay-first store the bill only lists what was paid when ordered', async () => {
  const query = R.seated('pay_first');
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 1, orders: [R.order({ status: 'placed' })] })) }));

  const page = await openPage(PAGE, query);

  expect(text(page, '.billed')).toBe('¥52.00');
  expect(exists(page, '.paid-first')).toBe(true);
  expect(exists(page, '.pay-tab')).toBe(false);
});

describe('paying the tab from the stored-value balance', () => {
  const L = require('../support/loyalty');
  const VALUE_PATH = `${L.WALLET_PATH}/stored-value`;

  function withBalance(balance) {
    return backend({
      [`GET ${R.TAB_PATH}`]: json(200, eaten()),
      [`GET ${VALUE_PATH}`]: json(200, L.storedValue({ balance })),
      [`POST ${R.TAB_PATH}/stored-value-payment`]: (request) => json(201, request.data.wechat_for_rest
        ? R.PAYMENT : { id: 'p-sv', tab_id: eaten().id, method: 'stored_value', amount_fen: 7000, status: 'paid' }),
      'POST /sim/pay/pay': json(200, {}),
      [`POST ${R.TAB_PATH}/payment-check`]: json(200, eaten('closed')),
    });
  }

  function payments() {
    return phone.requests.filter((r) => r.url.endsWith('/stored-value-payment')).map((r) => r.data);
  }

  test('a balance that covers what the table owes pays it all; the server closes the tab', async () => {
    const query = R.seated('eat_first');
    phone.answer(withBalance(10000));
    const page = await openPage(PAGE, query);
    expect(text(page, '.pay-stored-value')).toBe('余额支付（余额 ¥100.00）');

    await tap(page, '.pay-stored-value >>> .t-button');

    expect(payments()).toEqual([{ wechat_for_rest: false }]);
    expect(phone.requests.filter((r) => r.url.endsWith('/sim/pay/pay'))).toHaveLength(0);
    expect(text(page, '.settled')).toBe('本桌已结账，欢迎再次光临。');
  });

  test('a short balance pays what it has and WeChat Pay the rest', async () => {
    const query = R.seated('eat_first');
    phone.answer(withBalance(3000));
    const page = await openPage(PAGE, query);
    expect(text(page, '.pay-stored-value')).toBe('余额 ¥30.00 + 微信支付');

    await tap(page, '.pay-stored-value >>> .t-button');

    expect(payments()).toEqual([{ wechat_for_rest: true }]);
    expect(phone.requests.filter((r) => r.url.endsWith('/sim/pay/pay'))).toHaveLength(1);
    expect(text(page, '.settled')).toBe('本桌已结账，欢迎再次光临。');
  });

  test('no balance: no such button', async () => {
    const query = R.seated('eat_first');
    phone.answer(withBalance(0));
    const page = await openPage(PAGE, query);

    expect(exists(page, '.pay-tab')).toBe(true);
    expect(exists(page, '.pay-stored-value')).toBe(false);
  });
});

test('the bill says what is paid, what was given back and what is still due, order by order', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({
      version: 4,
      orders: [
        R.order({ status: 'served', paid: true, paymentState: 'partially_refunded', refunded: 1200 }),
        R.order({ id: 'o3', number: 'A003', status: 'accepted', total: 1800 }),
      ],
    })),
  }));

  const page = await openPage(PAGE, query);

  expect(text(page, '.paid-sum')).toBe('已支付 ¥52.00');
  expect(text(page, '.refunded-sum')).toBe('已退款 ¥12.00');
  expect(text(page, '.due-sum')).toBe('待支付 ¥18.00');
  // Newest first.
  expect(page.querySelectorAll('.payment-tag').map((node) => node.dom.textContent.trim()))
    .toEqual(['· 待支付', '· 已部分退款 ¥12.00']);
});

test('a table paid in full shows what was paid and nothing due', async () => {
  const query = R.seated('eat_first');
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, eaten('closed')) }));

  const page = await openPage(PAGE, query);

  expect(text(page, '.paid-sum')).toBe('已支付 ¥70.00');
  expect(exists(page, '.due-sum')).toBe(false);
  expect(exists(page, '.refunded-sum')).toBe(false);
  expect(page.querySelectorAll('.paid-tag').map((node) => node.dom.textContent.trim())).toEqual(['· 已支付', '· 已支付']);
});

describe('a tab with more orders than its state lists (the latest 20)', () => {
  const ORDERS_PATH = `${R.TAB_PATH}/orders`;

  /** The pages of earlier orders asked for, as their queries. */
  function pagesAsked() {
    return phone.requests.filter((r) => new URL(r.url).pathname === ORDERS_PATH)
      .map((r) => Object.fromEntries(new URL(r.url).searchParams));
  }

  function numbersShown(page) {
    return page.querySelectorAll('.order-line').map((node) => node.dom.textContent.trim().slice(0, 4));
  }

  test('the bill sums all 25 orders, lists the latest 20, and the 5 before them on request', async () => {
    const query = R.seated('eat_first');
    const all = R.orders(25, { status: 'served' });
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 4, orders: all })),
      [`GET ${ORDERS_PATH}`]: (request, url) => R.ordersPage(all, url),
    }));
    const page = await openPage(PAGE, query);

    expect(numbersShown(page)).toHaveLength(20);
    expect(numbersShown(page)[19]).toBe('A006');
    expect(text(page, '.billed')).toBe('¥250.00');
    expect(text(page, '.due-sum')).toBe('待支付 ¥250.00');
    expect(text(page, '.earlier-orders')).toBe('查看更早的订单（还有 5 笔）');

    await tap(page, '.earlier-orders');

    expect(pagesAsked()).toEqual([{ before: 'o6', limit: '20' }]);
    // Newest first, the earlier ones below the others.
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    expect(exists(page, '.earlier-orders')).toBe(false);
  });

  test('earlier orders that cannot be read: the reason is shown, the list stays, and another tap reads them', async () => {
    const query = R.seated('eat_first');
    const all = R.orders(25, { status: 'served' });
    let down = true;
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 4, orders: all })),
      [`GET ${ORDERS_PATH}`]: (request, url) => (down ? problem(503, 'unavailable', '服务暂时不可用，请稍后重试')
        : R.ordersPage(all, url)),
    }));
    const page = await openPage(PAGE, query);

    await tap(page, '.earlier-orders');

    expect(text(page, '.earlier-problem')).toBe('服务暂时不可用，请稍后重试');
    expect(numbersShown(page)).toHaveLength(20);
    expect(text(page, '.earlier-orders')).toBe('查看更早的订单（还有 5 笔）');
    expect(phone.toasts).toEqual([]);

    down = false;
    await tap(page, '.earlier-orders');

    expect(numbersShown(page)).toHaveLength(25);
    expect(exists(page, '.earlier-problem')).toBe(false);
  });

  test('a refund of an earlier order arrives live: the earlier orders are read again in one request', async () => {
    const query = R.seated('eat_first');
    const all = R.orders(25, { status: 'served', paid: true });
    let now = all;
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: () => json(200, R.tab({ version: 4, orders: now })),
      [`GET ${ORDERS_PATH}`]: (request, url) => R.ordersPage(now, url),
    }));
    const page = await openPage(PAGE, query);
    await tap(page, '.earlier-orders');
    expect(text(page, '.refunded-sum')).toBeNull();

    now = all.map((o) => (o.id === 'o2'
      ? R.order({ id: 'o2', number: 'A002', status: 'served', total: 1000, paid: true, paymentState: 'refunded', refunded: 1000 })
      : o));
    phone.sockets[0].open();
    phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 4, orders: now }) });
    await settle();

    expect(pagesAsked()).toEqual([{ before: 'o6', limit: '20' }, { before: 'o6', limit: '5' }]);
    expect(text(page, '.refunded-sum')).toBe('已退款 ¥10.00');
    const tags = page.querySelectorAll('.payment-tag').map((node) => node.dom.textContent.trim());
    expect(tags).toHaveLength(25);
    expect(tags[23]).toBe('· 已退款');
    expect(tags.filter((tag) => tag === '· 已支付')).toHaveLength(24);
  });

  test('a live state from a server not yet updated (every order, no totals over them): the bill sums what it lists', async () => {
    const query = R.seated('eat_first');
    let all = R.orders(25, { status: 'served' });
    phone.answer(backend({
      [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 4, orders: all })),
      [`GET ${ORDERS_PATH}`]: (request, url) => R.ordersPage(all, url),
    }));
    const page = await openPage(PAGE, query);
    await tap(page, '.earlier-orders');

    all = [...all, R.order({ id: 'o26', number: 'A026', status: 'rejected', total: 900 }),
      R.order({ id: 'o27', number: 'A027', status: 'accepted', total: 1800 })];
    const old = { ...R.tab({ version: 4, orders: all }), orders: all };
    delete old.billed_fen;
    delete old.orders_count;
    phone.sockets[0].open();
    phone.sockets[0].receive({ type: 'tab', tab: old });
    // Nothing listed twice, not even before the earlier orders are read again.
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    await settle();

    // The rejected order is not billed, and nothing is left to read.
    expect(text(page, '.billed')).toBe('¥268.00');
    expect(numbersShown(page)).toEqual(all.map((o) => o.number).reverse());
    expect(page.data.earlier.left).toBe(0);
    expect(exists(page, '.earlier-orders')).toBe(false);
  });
});
