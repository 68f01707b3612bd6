const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE, STORE_PATH, heldAnswer } = require('../support/staff');

const PAGE = 'staff/pages/refunds/new/index';
const QUERY = { store: STORE_ID, role: 'owner', order: 'o-1', number: 'A001', total: '4000' };

function refund(amount, status = 'processing', method = 'wechat') {
  return {
    id: 'r1', order_id: 'o-1', payment_id: 'p1', out_refund_no: 'R1', method, amount_fen: amount, reason: '上错菜',
    cause: 'requested', status, created_at: '2026-12-02T03:50:00Z', succeeded_at: null,
  };
}

function type(page, selector, value) {
  page.querySelector(selector).dispatchEvent('input', { detail: { value } });
  return settle();
}

test('an owner refunds part of an order: the amount typed in yuan goes out exactly in fen, with the reason', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}`]: json(200, STORE),
    [`POST ${STORE_PATH}/orders/o-1/refunds`]: json(200, refund(1290)),
  }));
  const page = await openPage(PAGE, QUERY);
  expect(text(page, '.title')).toBe('订单 A001 退款');
  expect(page.instance.data.amount).toBe('40.00'); // the whole order, to change

  await type(page, '.amount', '12.9');
  await tap(page, '.reason-pick');
  await tap(page, '.submit >>> .t-button');

  const sent = phone.requests.find((r) => r.url.endsWith('/refunds')).data;
  expect(sent).toEqual({ amount_fen: 1290, reason: '菜品问题', idempotency_key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
  expect(text(page, '.done')).toContain('退款处理中');
  expect(text(page, '.refund-amount')).toBe('退款 ¥12.90');
  expect(text(page, '.way')).toBe('原路退回顾客的微信');
});

test('staff where the owner has not allowed refunds are told so before typing anything', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}`]: json(200, STORE) }));
  const page = await openPage(PAGE, { ...QUERY, role: 'staff' });

  expect(text(page, '.not-allowed .error')).toBe('店主未允许店员退款，请联系店主处理。');
  expect(exists(page, '.submit')).toBe(false);
});

test('staff may refund where the owner allows it', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}`]: json(200, { ...STORE, staff_may_refund: true }) }));
  const page = await openPage(PAGE, { ...QUERY, role: 'staff' });

  expect(exists(page, '.submit')).toBe(true);
});

test('more than can be refunded: the server\'s message; a retry of the same refund sends the same key', async () => {
  let answer = problem(409, 'over_refund', '最多还能退 ¥30.00');
  phone.answer(backend({
    [`GET ${STORE_PATH}`]: json(200, STORE),
    [`POST ${STORE_PATH}/orders/o-1/refunds`]: () => answer,
  }));
  const page = await openPage(PAGE, QUERY);
  await type(page, '.reason', '顾客不满意');

  await tap(page, '.submit >>> .t-button');
  expect(text(page, '.problem')).toBe('最多还能退 ¥30.00');
  answer = { errMsg: 'request:fail' };
  phone.answer(backend({
    [`GET ${STORE_PATH}`]: json(200, STORE),
    [`POST ${STORE_PATH}/orders/o-1/refunds`]: () => {
      throw answer;
    },
  }));
  await type(page, '.amount', '30');
  await tap(page, '.submit >>> .t-button');
  expect(text(page, '.problem')).toBe('网络连接失败，请检查网络后重试');
  await tap(page, '.submit >>> .t-button');

  const sent = phone.requests.filter((r) => r.url.endsWith('/refunds')).map((r) => r.data);
  expect(sent).toHaveLength(3);
  expect(sent[1]).toEqual({ amount_fen: 3000, reason: '顾客不满意', idempotency_key: sent[2].idempotency_key });
  expect(sent[0].idempotency_key).not.toBe(sent[1].idempotency_key);
});

test('an amount that is no amount is caught before anything is sent', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}`]: json(200, STORE) }));
  const page = await openPage(PAGE, QUERY);
  await type(page, '.amount', '12.345');
  await tap(page, '.reason-pick');

  await tap(page, '.submit >>> .t-button');

  expect(text(page, '.problem')).toBe('请填写退款金额，例如 12.50');
  expect(phone.requests.filter((r) => r.url.endsWith('/refunds'))).toHaveLength(0);
});

test('the refund button cannot be pressed twice: one refund', async () => {
  const held = heldAnswer(json(200, refund(4000, 'succeeded', 'cash')));
  phone.answer(backend({ [`GET ${STORE_PATH}`]: json(200, STORE), [`POST ${STORE_PATH}/orders/o-1/refunds`]: held }));
  const page = await openPage(PAGE, QUERY);
  await tap(page, '.reason-pick');

  await tap(page, '.submit >>> .t-button');
  await tap(page, '.submit >>> .t-button');
  held.release();
  await settle();

  expect(phone.requests.filter((r) => r.url.endsWith('/refunds'))).toHaveLength(1);
  expect(text(page, '.way')).toBe('请当面退还现金');
});
