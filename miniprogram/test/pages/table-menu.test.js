const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');

const PAGE = 'pages/table/menu/index';
const QUERY = { scene: encodeURIComponent('s=12&t=A3') };

function restaurant(routes = {}) {
  return backend({
    'GET /api/v1/scan': json(200, R.SCAN),
    [`GET /api/v1/stores/${R.STORE.id}/menu`]: json(200, R.MENU),
    [`POST /api/v1/stores/${R.STORE.id}/tables/${R.TABLE.id}/tab`]: json(200, R.tab()),
    ...routes,
  });
}

function cartRequests() {
  return phone.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/cart'));
}

beforeEach(() => wx.setStorageSync('tableloop.session', R.SESSION));

test('a scanned table shows its store, table, open state, and the first category\'s dishes', async () => {
  phone.answer(restaurant());

  const page = await openPage(PAGE, QUERY);

  expect(new URL(phone.requests[0].url).searchParams.get('scene')).toBe('s=12&t=A3');
  const open = phone.requests.find((r) => r.url.endsWith('/tab'));
  expect(open.data).toEqual({ scan_token: R.SCAN.scan_token });
  expect(text(page, '.store-name')).toBe('老街面馆');
  expect(text(page, '.table-name')).toBe('桌台 A3');
  expect(text(page, '.open-state')).toBe('营业中');
  expect(text(page, '.dish')).toContain('牛肉面');
  expect(text(page, '.dish')).toContain('¥28.00');
  expect(text(page, '.dish')).toContain('会员 ¥25.00');
  expect(text(page, '.dish')).toContain('招牌');
  expect(text(page, '.add-button')).toBe('选规格');
  expect(phone.sockets[0].url).toBe(`ws://api.test${R.TAB_PATH}/live`);
});

test('tapping a dish with options adds the right line, with the choices made, keeping to each group\'s limits', async () => {
  phone.answer(restaurant({
    [`POST ${R.TAB_PATH}/cart`]: json(200, R.tab({ version: 1, lines: [R.line('l1', R.NOODLES, 1, R.ME, ['特辣', '加蛋', '加牛肉'], 3900)] })),
  }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.add');
  // Nothing chosen for the required 辣度: the picker says so and adds nothing.
  await tap(page, '.confirm-choice >>> .t-button');
  expect(text(page, '.picker-error')).toBe('请选择「辣度」（必选 1 项）');
  expect(cartRequests()).toHaveLength(0);

  const choices = page.querySelectorAll('.choice');
  await tap(page, '.choice'); // 微辣
  choices[1].dispatchEvent('tap'); // 特辣 replaces 微辣 (one of one)
  choices[2].dispatchEvent('tap'); // 加蛋
  choices[3].dispatchEvent('tap'); // 加牛肉
  choices[4].dispatchEvent('tap'); // 加豆腐: a third extra is one too many, so it is not taken
  await settle();
  expect(text(page, '.picker-price')).toBe('¥39.00');
  await tap(page, '.confirm-choice >>> .t-button');

  expect(cartRequests()).toHaveLength(1);
  expect(cartRequests()[0].data).toEqual({ dish_id: 'd-noodles', choice_ids: ['c-hot', 'c-egg', 'c-beef'], quantity: 1, cart_version: 0 });
  expect(text(page, '.cart-count')).toBe('1 份');
  expect(text(page, '.cart-total')).toBe('¥39.00');
});

test('a dish without options goes straight into the cart', async () => {
  phone.answer(restaurant({
    [`POST ${R.TAB_PATH}/cart`]: json(200, R.tab({ version: 1, lines: [R.line('l1', R.CUCUMBER, 1, R.ME)] })),
  }));
  const page = await openPage(PAGE, QUERY);
  page.instance.onCategory({ detail: { value: 1 } });
  await settle();

  await tap(page, '.add');

  expect(cartRequests()[0].data).toMatchObject({ dish_id: 'd-cucumber', choice_ids: [] });
  expect(text(page, '.in-cart')).toBe('1');
  expect(text(page, '.dish-unavailable')).toContain('已售罄');
});

test('when a friend changed the cart first, the add is made again on the fresh cart', async () => {
  let adds = 0;
  phone.answer(restaurant({
    [`POST ${R.TAB_PATH}/cart`]: () => {
      adds += 1;
      return adds === 1 ? problem(409, 'stale_cart', '购物车已被同桌更新，请刷新后再试', 'cart_version')
        : json(200, R.tab({ version: 3, lines: [R.line('l1', R.CUCUMBER, 1, R.FRIEND), R.line('l2', R.CUCUMBER, 1, R.ME)] }));
    },
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 2, lines: [R.line('l1', R.CUCUMBER, 1, R.FRIEND)] })),
  }));
  const page = await openPage(PAGE, QUERY);
  page.instance.onCategory({ detail: { value: 1 } });
  await settle();

  await tap(page, '.add');

  expect(cartRequests().map((r) => r.data.cart_version)).toEqual([0, 2]);
  expect(text(page, '.cart-count')).toBe('2 份');
  expect(phone.toasts).toEqual([]);
});

test('a dish sold out since the menu was read: the problem\'s message is shown and the menu read again', async () => {
  let menuReads = 0;
  phone.answer(restaurant({
    [`GET /api/v1/stores/${R.STORE.id}/menu`]: () => {
      menuReads += 1;
      return json(200, menuReads === 1 ? R.MENU : { ...R.MENU, categories: [
        { ...R.MENU.categories[0], dishes: [{ ...R.NOODLES, sold_out: true }] }, R.MENU.categories[1]] });
    },
    [`POST ${R.TAB_PATH}/cart`]: problem(409, 'sold_out', '牛肉面已售罄', 'dish_id'),
  }));
  const page = await openPage(PAGE, QUERY);
  await tap(page, '.add');
  await tap(page, '.choice');

  await tap(page, '.confirm-choice >>> .t-button');

  expect(phone.toasts).toEqual(['牛肉面已售罄']);
  expect(menuReads).toBe(2);
  expect(text(page, '.dish-state')).toBe('已售罄');
});

test('what a friend adds arrives live, marked as theirs', async () => {
  phone.answer(restaurant());
  const page = await openPage(PAGE, QUERY);
  phone.sockets[0].open();

  phone.sockets[0].receive({ type: 'tab', tab: R.tab({ version: 4, lines: [R.line('l1', R.NOODLES, 2, R.FRIEND, ['微辣'])] }) });
  await settle();

  expect(text(page, '.cart-count')).toBe('2 份');
  expect(text(page, '.in-cart')).toBe('2');
});

test('a closed store shows the menu but says it takes no orders now', async () => {
  phone.answer(restaurant({ 'GET /api/v1/scan': json(200, { ...R.SCAN, store: { ...R.STORE, open_now: false } }) }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.add');

  expect(text(page, '.open-state')).toBe('休息中');
  expect(text(page, '.closed-notice')).toContain('不营业');
  expect(phone.toasts).toEqual(['本店现在不营业']);
  expect(exists(page, '.choice')).toBe(false);
});

test('an inactive table says so and offers to scan again', async () => {
  phone.answer(restaurant({
    [`POST /api/v1/stores/${R.STORE.id}/tables/${R.TABLE.id}/tab`]: problem(409, 'table_inactive', '这张桌台暂停使用，请联系店员'),
  }));

  const page = await openPage(PAGE, QUERY);

  expect(text(page, '.failed-title')).toBe('桌台暂停使用');
  expect(text(page, '.failed-message')).toBe('这张桌台暂停使用，请联系店员');
  expect(exists(page, '.rescan')).toBe(true);
  expect(phone.toasts).toEqual([]);
});

test('an expired scan is scanned again from the page, and the table opens', async () => {
  let opens = 0;
  phone.answer(restaurant({
    [`POST /api/v1/stores/${R.STORE.id}/tables/${R.TABLE.id}/tab`]: () => {
      opens += 1;
      return opens === 1 ? problem(403, 'scan_expired', '扫码已超过 10 分钟，请重新扫描桌上的二维码') : json(200, R.tab());
    },
  }));
  jest.spyOn(wx, 'scanCode').mockImplementation((o) => o.success({ path: 'pages/table/menu/index?scene=s%3D12%26t%3DA3' }));
  const page = await openPage(PAGE, QUERY);
  expect(text(page, '.failed-title')).toBe('扫码已过期');

  await tap(page, '.rescan >>> .t-button');

  expect(text(page, '.store-name')).toBe('老街面馆');
});

test('a lost network offers to try again', async () => {
  let online = false;
  const answers = restaurant();
  phone.answer((request) => {
    if (!online) {
      throw { errMsg: 'request:fail' };
    }
    return answers(request);
  });
  const page = await openPage(PAGE, QUERY);
  expect(text(page, '.failed-title')).toBe('网络不给力');

  online = true;
  await tap(page, '.retry >>> .t-button');

  expect(text(page, '.store-name')).toBe('老街面馆');
});

test('opened without a table code, the page asks for a scan', async () => {
  phone.answer(restaurant());

  const page = await openPage(PAGE, {});

  expect(text(page, '.failed-title')).toBe('请扫码点餐');
  expect(phone.requests).toHaveLength(0);
});

test('a lost live feed is said on screen, and once it is back the cart is read again', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    let reads = 0;
    phone.answer(restaurant({
      [`GET ${R.TAB_PATH}`]: () => {
        reads += 1;
        return json(200, R.tab({ version: 6, lines: [R.line('l1', R.CUCUMBER, 3, R.FRIEND)] }));
      },
    }));
    const pending = openPage(PAGE, QUERY);
    await jest.advanceTimersByTimeAsync(10);
    const page = await pending;
    phone.sockets[0].open();

    phone.sockets[0].drop();
    await jest.advanceTimersByTimeAsync(10);
    expect(text(page, '.offline-notice')).toBe('与同桌的实时同步中断，正在重连…');

    await jest.advanceTimersByTimeAsync(1000);
    phone.sockets[1].open();
    await jest.advanceTimersByTimeAsync(10);

    expect(reads).toBe(1);
    expect(text(page, '.offline-notice')).toBeNull();
    expect(text(page, '.cart-count')).toBe('3 份');
  } finally {
    jest.useRealTimers();
  }
});

describe('the banner of the latest unread campaign message', () => {
  const BANNER = `/api/v1/stores/${R.STORE.id}/messages/banner`;
  const MESSAGE = {
    id: 'me1', title: '好久不见，送你一张券', body: '满200减30，已放入你的优惠券', coupon_id: 'c1', campaign_id: 'ca1',
    created_at: '2026-12-02T02:00:00Z', read: false,
  };

  test('shows above the menu at the scan; tapping it opens my messages', async () => {
    phone.answer(restaurant({ [`GET ${BANNER}`]: json(200, { message: MESSAGE }) }));
    const page = await openPage(PAGE, QUERY);

    expect(text(page, '.banner-title')).toBe('好久不见，送你一张券');
    expect(text(page, '.banner-body')).toBe('满200减30，已放入你的优惠券');
    await tap(page, '.banner-text');

    expect(phone.navigations).toEqual([{ how: 'navigateTo', url: `/pages/member/inbox/index?store=${R.STORE.id}` }]);
    expect(exists(page, '.banner')).toBe(false);
  });

  test('dismissed: gone, and marked read so the next scan does not show it again', async () => {
    phone.answer(restaurant({
      [`GET ${BANNER}`]: json(200, { message: MESSAGE }),
      [`POST /api/v1/stores/${R.STORE.id}/messages/me1/read`]: { statusCode: 204, data: '' },
    }));
    const page = await openPage(PAGE, QUERY);

    await tap(page, '.dismiss-banner');

    expect(exists(page, '.banner')).toBe(false);
    expect(phone.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/messages/me1/read'))).toHaveLength(1);
    expect(phone.toasts).toEqual([]);
  });

  test.each([
    ['none unread (204)', { statusCode: 204, data: '' }],
    ['not a member (the server refuses)', problem(403, 'not_a_member', '请先成为会员')],
  ])('%s: no banner, and nothing said', async (name, answer) => {
    phone.answer(restaurant({ [`GET ${BANNER}`]: answer }));
    const page = await openPage(PAGE, QUERY);

    expect(text(page, '.store-name')).toBe('老街面馆');
    expect(exists(page, '.banner')).toBe(false);
    expect(phone.toasts).toEqual([]);
  });
});

describe('你常点 and 常一起点, for a signed-in diner', () => {
  const SUGGESTIONS = `/api/v1/stores/${R.STORE.id}/menu/suggestions`;
  const SUGGESTED = {
    usual: [
      { dish_id: R.CUCUMBER.id, times: 4 }, { dish_id: R.COLA.id, times: 3 }, { dish_id: 'd-gone', times: 3 },
      { dish_id: R.NOODLES.id, times: 2 },
    ],
    together: [
      { dish_id: R.CUCUMBER.id, with: [R.NOODLES.id, R.COLA.id] },
      { dish_id: R.NOODLES.id, with: [R.CUCUMBER.id] },
    ],
  };

  function suggestionRequests() {
    return phone.requests.filter((r) => new URL(r.url).pathname === SUGGESTIONS);
  }

  test('the dishes I usually order, those to be had now, each added as from the menu', async () => {
    phone.answer(restaurant({
      [`GET ${SUGGESTIONS}`]: json(200, SUGGESTED),
      [`POST ${R.TAB_PATH}/cart`]: json(200, R.tab({ version: 1, lines: [R.line('l1', R.CUCUMBER, 1, R.ME)] })),
    }));
    const page = await openPage(PAGE, QUERY);

    expect(suggestionRequests()[0].header.Authorization).toBe(`Bearer ${R.SESSION.token}`);
    expect(text(page, '.usual-title')).toBe('你常点');
    expect(page.querySelectorAll('.usual-name').map((n) => n.dom.textContent)).toEqual(['拍黄瓜', '牛肉面']);
    expect(page.querySelectorAll('.usual-add').map((n) => n.dom.textContent.trim())).toEqual(['+', '选规格']);

    await tap(page, '.usual-add');

    expect(cartRequests()[0].data).toMatchObject({ dish_id: 'd-cucumber', choice_ids: [] });
    expect(text(page, '.usual-dish .in-cart')).toBe('1');
  });

  test('under a dish in the cart and in the picker: 常一起点, only of dishes to be had now', async () => {
    phone.answer(restaurant({
      [`GET ${SUGGESTIONS}`]: json(200, SUGGESTED),
      [`POST ${R.TAB_PATH}/cart`]: json(200, R.tab({ version: 1, lines: [R.line('l1', R.CUCUMBER, 1, R.ME)] })),
    }));
    const page = await openPage(PAGE, QUERY);
    page.instance.onCategory({ detail: { value: 1 } });
    await settle();
    // Not in the cart yet: nothing said under it.
    expect(exists(page, '.together')).toBe(false);

    await tap(page, '.dish .add');
    expect(text(page, '.together')).toBe('常一起点：牛肉面');

    page.instance.onCategory({ detail: { value: 0 } });
    await settle();
    await tap(page, '.dish .add');
    expect(text(page, '.picker-together')).toBe('常一起点：拍黄瓜');
  });

  test.each([
    ['the call fails', problem(500, 'internal', '服务出错了')],
    ['the server refuses', problem(403, 'forbidden', '请先登录')],
    ['there is nothing to suggest', json(200, { usual: [], together: [] })],
    ['the suggestions are not on the menu now', json(200, { usual: [{ dish_id: 'd-gone', times: 5 }], together: [{ dish_id: R.CUCUMBER.id, with: ['d-gone'] }] })],
  ])('%s: the menu as ever, nothing suggested, nothing said', async (name, answer) => {
    phone.answer(restaurant({
      [`GET ${SUGGESTIONS}`]: answer,
      [`POST ${R.TAB_PATH}/cart`]: json(200, R.tab({ version: 1, lines: [R.line('l1', R.CUCUMBER, 1, R.ME)] })),
    }));
    const page = await openPage(PAGE, QUERY);
    page.instance.onCategory({ detail: { value: 1 } });
    await settle();
    await tap(page, '.dish .add');

    expect(text(page, '.store-name')).toBe('老街面馆');
    expect(exists(page, '.usual')).toBe(false);
    expect(exists(page, '.together')).toBe(false);
    expect(phone.toasts).toEqual([]);
  });

  test('signed out by the time the menu shows: not asked for', async () => {
    phone.answer(restaurant({
      [`POST /api/v1/stores/${R.STORE.id}/tables/${R.TABLE.id}/tab`]: () => {
        wx.removeStorageSync('tableloop.session');
        return json(200, R.tab());
      },
      [`GET ${SUGGESTIONS}`]: json(200, SUGGESTED),
    }));
    const page = await openPage(PAGE, QUERY);

    expect(text(page, '.store-name')).toBe('老街面馆');
    expect(suggestionRequests()).toHaveLength(0);
    expect(exists(page, '.usual')).toBe(false);
  });
});
