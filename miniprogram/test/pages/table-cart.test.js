const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const R = require('../support/restaurant');

const PAGE = 'pages/table/cart/index';
const QUERY = { store: R.STORE.id, tab: R.tab().id };

beforeEach(() => {
  wx.setStorageSync('tableloop.session', R.SESSION);
  wx.setStorageSync('tableloop.visit', {
    code: { scene: 's=12&t=A3' }, store: R.STORE, table: { id: R.TABLE.id, name: 'A3' }, tab: { id: QUERY.tab, store_id: R.STORE.id },
  });
});

const SHARED = R.tab({ version: 5, lines: [R.line('l1', R.NOODLES, 1, R.ME, ['特辣']), R.line('l2', R.CUCUMBER, 2, R.FRIEND)] });

test('the shared cart shows every line with who added it, and the server\'s total', async () => {
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, SHARED) }));

  const page = await openPage(PAGE, QUERY);

  const lines = page.querySelectorAll('.line').map((line) => line.dom.textContent.replace(/\s+/g, ' '));
  expect(lines[0]).toContain('牛肉面');
  expect(lines[0]).toContain('特辣');
  expect(lines[0]).toContain('我点的');
  expect(lines[1]).toContain('拍黄瓜');
  expect(lines[1]).toContain('同桌1点的');
  expect(lines[1]).toContain('¥24.00');
  expect(text(page, '.cart-total')).toBe('¥52.00');
  expect(text(page, '.heading')).toContain('老街面馆 · 桌台 A3');
});

test('changing a quantity sends the cart version seen; a friend\'s change in between is shown, not overwritten', async () => {
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, SHARED),
    [`PATCH ${R.TAB_PATH}/cart/l2`]: problem(409, 'stale_cart', '购物车已被同桌更新，请刷新后再试', 'cart_version'),
  }));
  const page = await openPage(PAGE, QUERY);
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 6, lines: [R.line('l2', R.CUCUMBER, 3, R.FRIEND)] })),
    [`PATCH ${R.TAB_PATH}/cart/l2`]: problem(409, 'stale_cart', '购物车已被同桌更新，请刷新后再试', 'cart_version'),
  }));

  page.querySelectorAll('.more')[1].dispatchEvent('tap');
  await settle();

  const patch = phone.requests.find((r) => r.method === 'PATCH');
  expect(patch.data).toEqual({ quantity: 3, cart_version: 5 });
  expect(phone.toasts).toEqual(['购物车已被同桌更新，请刷新后再试']);
  expect(page.querySelectorAll('.line')).toHaveLength(1);
  expect(text(page, '.quantity')).toBe('3');
});

test('taking the last one off removes the line', async () => {
  phone.answer(backend({
    [`GET ${R.TAB_PATH}`]: json(200, SHARED),
    [`DELETE ${R.TAB_PATH}/cart/l1`]: json(200, R.tab({ version: 6, lines: [R.line('l2', R.CUCUMBER, 2, R.FRIEND)] })),
  }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.less');

  const removal = phone.requests.find((r) => r.method === 'DELETE');
  expect(new URL(removal.url).searchParams.get('cart_version')).toBe('5');
  expect(page.querySelectorAll('.line')).toHaveLength(1);
});

test('a dish sold out mid-cart is named, and checkout waits until it is changed', async () => {
  const soldOut = { ...SHARED, cart: { version: 5, lines: SHARED.cart.lines, problem: { code: 'sold_out', message: '牛肉面已售罄' } } };
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, soldOut) }));

  const page = await openPage(PAGE, QUERY);

  expect(text(page, '.cart-problem')).toBe('牛肉面已售罄，请修改后再下单');
  await tap(page, '.checkout >>> .t-button');
  expect(phone.navigations).toEqual([]);
});

test('to checkout', async () => {
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, SHARED) }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.checkout >>> .t-button');

  expect(phone.navigations).toEqual([{ how: 'navigateTo', url: `/pages/order/checkout/index?store=${QUERY.store}&tab=${QUERY.tab}` }]);
});

test('an empty cart sends the diner back to the menu', async () => {
  phone.answer(backend({ [`GET ${R.TAB_PATH}`]: json(200, R.tab({ version: 1 })) }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.to-menu >>> .t-button');

  expect(exists(page, '.empty')).toBe(true);
  expect(phone.navigations).toEqual([{ how: 'redirectTo', url: '/pages/table/menu/index?scene=s%3D12%26t%3DA3' }]);
});
