const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');

const PAGE = 'staff/pages/dishes/stock/index';

function dish(changes = {}) {
  return {
    id: 'd1', category_id: 'c1', name: '牛肉面', price_fen: 2800, member_price_fen: null, tags: [], active: true,
    sold_out: false, daily_stock: null, stock_left: null, option_groups: [], ...changes,
  };
}

function type(page, selector, value) {
  page.querySelector(selector).dispatchEvent('input', { detail: { value } });
  return settle();
}

test('the dishes show with price, whether sold out and the stock left', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/menu/dishes`]: json(200, { dishes: [dish(), dish({ id: 'd2', name: '拍黄瓜', price_fen: 1200, sold_out: true, stock_left: 3, daily_stock: 20, active: false })] }),
  }));
  const page = await openPage(PAGE, { store: STORE_ID });

  const dishes = page.querySelectorAll('.dish');
  expect(dishes).toHaveLength(2);
  expect(text(page, '.dish')).toContain('牛肉面');
  expect(text(page, '.dish')).toContain('¥28.00');
  expect(text(page, '.dish')).toContain('不限量');
  const second = page.querySelectorAll('.stock-left')[1].dom.textContent;
  expect(second).toBe('今日剩 3 份');
  expect(page.querySelectorAll('.sold-out-state')[1].dom.textContent).toBe('已沽清');
  expect(page.querySelectorAll('.toggle-sold-out')[1].dom.textContent).toBe('恢复供应');
});

test('marking sold out sends it and shows the dish as answered; the button cannot be pressed twice', async () => {
  const held = heldAnswer(json(200, dish({ sold_out: true })));
  phone.answer(backend({
    [`GET ${STORE_PATH}/menu/dishes`]: json(200, { dishes: [dish()] }),
    [`PUT ${STORE_PATH}/menu/dishes/d1/sold-out`]: held,
  }));
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.toggle-sold-out');
  expect(text(page, '.toggle-sold-out')).toBe('正在保存…');
  await tap(page, '.toggle-sold-out');
  held.release();
  await settle();

  const sent = phone.requests.filter((r) => r.url.endsWith('/sold-out'));
  expect(sent).toHaveLength(1);
  expect(sent[0].data).toEqual({ sold_out: true });
  expect(text(page, '.sold-out-state')).toBe('已沽清');
});

test('back on sale with no stock left: the problem\'s message', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/menu/dishes`]: json(200, { dishes: [dish({ sold_out: true, stock_left: 0, daily_stock: 10 })] }),
    [`PUT ${STORE_PATH}/menu/dishes/d1/sold-out`]: problem(409, 'no_stock_left', '今日库存已用完，请先设置今日库存'),
  }));
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.toggle-sold-out');

  expect(phone.toasts).toEqual(['今日库存已用完，请先设置今日库存']);
  expect(text(page, '.sold-out-state')).toBe('已沽清');
});

test('setting stock: portions left today and each day, empty for unlimited', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/menu/dishes`]: json(200, { dishes: [dish({ daily_stock: 30, stock_left: 12 })] }),
    [`PUT ${STORE_PATH}/menu/dishes/d1/stock`]: (request) => json(200, dish({ stock_left: request.data.today_stock, daily_stock: request.data.daily_stock })),
  }));
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.edit-stock');
  expect(page.instance.data.today).toBe('12');
  await type(page, '.today', '5');
  await type(page, '.daily', '');
  await tap(page, '.save-stock');

  expect(phone.requests.find((r) => r.url.endsWith('/stock')).data).toEqual({ today_stock: 5, daily_stock: null });
  expect(exists(page, '.stock-form')).toBe(false);
  expect(text(page, '.stock-left')).toBe('今日剩 5 份');
});

test('a stock that is no number of portions is caught before sending', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/menu/dishes`]: json(200, { dishes: [dish()] }) }));
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.edit-stock');
  await type(page, '.today', '-2');
  await tap(page, '.save-stock');

  expect(phone.toasts).toEqual(['份数请填 0 到 100000 的整数，不限量请留空']);
  expect(phone.requests.filter((r) => r.url.endsWith('/stock'))).toHaveLength(0);
});

test('no dishes, and a problem with its message and a retry', async () => {
  let down = true;
  phone.answer(backend({
    [`GET ${STORE_PATH}/menu/dishes`]: () => (down ? problem(503, 'service_unavailable', '服务暂时不可用，请稍后再试') : json(200, { dishes: [] })),
  }));
  const page = await openPage(PAGE, { store: STORE_ID });
  expect(text(page, '.error')).toBe('服务暂时不可用，请稍后再试');

  down = false;
  await tap(page, '.retry >>> .t-button');
  expect(exists(page, '.none')).toBe(true);
});
