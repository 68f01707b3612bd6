const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE, STORE_PATH, order, heldAnswer } = require('../support/staff');

const PAY = 'staff/pages/counter/pay/index';

test('a tab paid in cash: the method is sent, the amount and orders paid are shown', async () => {
  phone.answer(backend({
    [`POST ${STORE_PATH}/tabs/tab-1/counter-payment`]: json(200, {
      id: 'p1', tab_id: 'tab-1', method: 'cash', amount_fen: 8050, status: 'paid', order_ids: ['o-1', 'o-2'],
    }),
  }));
  const page = await openPage(PAY, { store: STORE_ID, tab: 'tab-1', table: 'A1' });
  expect(text(page, '.title')).toBe('桌台 A1 结账');

  await tap(page, '.confirm >>> .t-button');
  expect(text(page, '.error')).toBe('请选择收款方式');
  expect(phone.requests).toHaveLength(0);

  await tap(page, '.method');
  await tap(page, '.confirm >>> .t-button');

  expect(phone.requests.find((r) => r.url.endsWith('/counter-payment')).data).toEqual({ method: 'cash' });
  expect(text(page, '.paid-amount')).toBe('现金收款 ¥80.50');
  expect(text(page, '.done')).toContain('共 2 笔订单，桌台已结账');
});

test('an order the diner already paid in WeChat: the problem\'s message, prominently, and a way back', async () => {
  phone.answer(backend({
    [`POST ${STORE_PATH}/orders/o-1/counter-payment`]: problem(409, 'paid_with_wechat', '顾客已用微信支付付款，请勿再收款'),
  }));
  const page = await openPage(PAY, { store: STORE_ID, order: 'o-1', number: 'A001' });
  expect(text(page, '.title')).toBe('订单 A001 收款');

  await tap(page, '.method');
  await tap(page, '.confirm >>> .t-button');

  expect(exists(page, '.refused.paid_with_wechat')).toBe(true);
  expect(text(page, '.refused .error')).toBe('顾客已用微信支付付款，请勿再收款');
  expect(exists(page, '.done')).toBe(false);
  await tap(page, '.refused .back >>> .t-button');
  expect(phone.navigations).toEqual([{ how: 'navigateBack' }]);
});

test('confirm cannot be pressed twice: one payment is taken', async () => {
  const held = heldAnswer(json(200, order({ status: 'placed' })));
  phone.answer(backend({ [`POST ${STORE_PATH}/orders/o-1/counter-payment`]: held }));
  const page = await openPage(PAY, { store: STORE_ID, order: 'o-1', number: 'A001' });
  page.querySelectorAll('.method')[1].dispatchEvent('tap');
  await settle();

  await tap(page, '.confirm >>> .t-button');
  await tap(page, '.confirm >>> .t-button');
  held.release();
  await settle();

  expect(phone.requests.filter((r) => r.url.endsWith('/counter-payment'))).toHaveLength(1);
  expect(phone.requests[phone.requests.length - 1].data).toEqual({ method: 'card' });
  expect(text(page, '.paid-amount')).toBe('银行卡收款 ¥40.00');
});

test('opened with nothing to pay, it says so', async () => {
  const page = await openPage(PAY, { store: STORE.id });

  expect(exists(page, '.invalid')).toBe(true);
  expect(exists(page, '.confirm')).toBe(false);
});
