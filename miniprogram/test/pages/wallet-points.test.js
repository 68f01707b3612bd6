const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE } = require('../support/restaurant');
const L = require('../support/loyalty');

const PAGE = 'pages/wallet/points/index';
const POINTS_PATH = `${L.WALLET_PATH}/points`;
const OFFERS_PATH = `${POINTS_PATH}/offers`;
const REDEMPTIONS_PATH = `${POINTS_PATH}/redemptions`;
const OFFERED = { [`GET ${OFFERS_PATH}`]: json(200, L.offers()) };

function redemptions() {
  return phone.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === REDEMPTIONS_PATH).map((r) => r.data);
}

function reads() {
  return phone.requests.filter((r) => new URL(r.url).pathname === POINTS_PATH).map((r) => new URL(r.url).searchParams.get('after'));
}

test('the balance, the points expiring soonest and the history, gains and spends told apart', async () => {
  phone.answer(backend({ [`GET ${POINTS_PATH}`]: json(200, L.points()), ...OFFERED }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.balance')).toBe('320');
  expect(text(page, '.expiring')).toMatch(/^120 积分将于 202[78]-\d\d-\d\d 过期$/);
  expect(page.querySelectorAll('.history-name').map((n) => n.dom.textContent)).toEqual(['积分兑换', '消费得积分']);
  expect(page.querySelectorAll('.history-points').map((n) => n.dom.textContent)).toEqual(['-100', '+88']);
  expect(text(page, '.history-line')).toContain('兑换优惠券');
  expect(exists(page, '.more')).toBe(false);
});

test('the history comes a page at a time: the next page is asked for after the last, once however often tapped', async () => {
  const held = heldAnswer(json(200, L.points({ items: [
    { id: 'p0', kind: 'expire', points: -20, reason: '', at: '2026-01-01T00:00:00Z' },
    { id: 'p-1', kind: 'clawback', points: -30, reason: '订单退款', order_id: 'o0', at: '2025-12-01T00:00:00Z' },
  ] })));
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: (request, url) => (url.searchParams.get('after') ? held(request) : json(200, L.points({ next: 'p1' }))),
    ...OFFERED,
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.more');
  await tap(page, '.more');
  held.release();
  await settle();

  expect(reads()).toEqual([null, 'p1']);
  expect(page.querySelectorAll('.history-name').map((n) => n.dom.textContent)).toEqual(['积分兑换', '消费得积分', '积分过期', '退款扣回']);
  expect(exists(page, '.more')).toBe(false);
});

test('no points yet: an empty history says how points come', async () => {
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: json(200, { balance: 0, expiring: [], history: { items: [], next: null } }),
    [`GET ${OFFERS_PATH}`]: json(200, { items: [] }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.balance')).toBe('0');
  expect(exists(page, '.none')).toBe(true);
  expect(exists(page, '.expiring')).toBe(false);
  expect(exists(page, '.no-offers')).toBe(true);
});

test('a diner who is not a member is offered to join; another problem shows its words and a retry', async () => {
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: problem(404, 'not_a_member', '请先成为会员'),
    [`GET ${OFFERS_PATH}`]: problem(404, 'not_a_member', '请先成为会员'),
  }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(text(page, '.failed-message')).toBe('请先成为会员');
  await tap(page, '.to-join >>> .t-button');
  expect(phone.navigations[0].url).toBe(`/pages/member/join/index?store=${STORE.id}`);

  phone.answer(backend({ [`GET ${POINTS_PATH}`]: problem(503, 'service_unavailable', '服务暂时不可用，请稍后再试'), ...OFFERED }));
  const failed = await openPage(PAGE, { store: STORE.id });
  expect(text(failed, '.failed-message')).toBe('服务暂时不可用，请稍后再试');
  expect(exists(failed, '.retry')).toBe(true);
});

test('the coupons on offer for points: their value, price and stock, and which the balance covers', async () => {
  phone.answer(backend({ [`GET ${POINTS_PATH}`]: json(200, L.points()), ...OFFERED }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(page.querySelectorAll('.offer-value').map((n) => n.dom.textContent)).toEqual(['满¥50减¥10', '8折 最高减¥30']);
  expect(page.querySelectorAll('.offer-price').map((n) => n.dom.textContent)).toEqual(['100 积分', '500 积分']);
  expect(page.querySelectorAll('.offer-terms').map((n) => n.dom.textContent))
    .toEqual(['全场通用 · 领取后 30 天内有效 · 剩余 3 张', '全场通用 · 领取后 7 天内有效']);
  expect(text(page, '.offer-1')).toContain('积分不足');
  expect(exists(page, '.no-offers')).toBe(false);
});

test('a redemption, once confirmed: the coupon lands in the wallet and the new balance is read from the server', async () => {
  let balance = 320;
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: () => json(200, L.points({ balance })),
    ...OFFERED,
    [`POST ${REDEMPTIONS_PATH}`]: () => {
      balance -= 100;
      return json(201, L.coupon({ name: '积分换满减', source: 'points' }));
    },
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  phone.modalAnswer = false;
  await tap(page, '.offer-0 >>> .t-button');
  expect(phone.modals[0].content).toBe('用 100 积分兑换「积分换满减」（满¥50减¥10）？');
  expect(redemptions()).toEqual([]);

  phone.modalAnswer = true;
  await tap(page, '.offer-0 >>> .t-button');
  await settle();
  expect(redemptions()).toEqual([{
    template_id: 'te000000-0000-4000-8000-000000000011', points_price: 100,
    idempotency_key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  }]);
  expect(text(page, '.balance')).toBe('220');
  expect(text(page, '.redeemed-text')).toBe('「积分换满减」已放入券包，剩余 220 积分');
  await tap(page, '.to-coupons');
  expect(phone.navigations[0].url).toBe(`/pages/wallet/coupons/index?store=${STORE.id}`);
});

test('a redemption whose answer was lost is retried with the same key; another offer gets a key of its own', async () => {
  let answers = 0;
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: json(200, L.points({ balance: 1000 })),
    ...OFFERED,
    [`POST ${REDEMPTIONS_PATH}`]: () => {
      answers += 1;
      if (answers === 1) {
        throw { errMsg: 'request:fail timeout' };
      }
      return json(201, L.coupon({ source: 'points' }));
    },
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.offer-0 >>> .t-button');
  await settle();
  expect(exists(page, '.redeem-problem')).toBe(true);
  await tap(page, '.offer-0 >>> .t-button');
  await settle();
  await tap(page, '.offer-1 >>> .t-button');
  await settle();

  const sent = redemptions();
  expect(sent).toHaveLength(3);
  expect(sent[1].idempotency_key).toBe(sent[0].idempotency_key);
  expect(sent[2].idempotency_key).not.toBe(sent[1].idempotency_key);
  expect(sent[2].template_id).toBe('te000000-0000-4000-8000-000000000012');
});

test('the server\'s refusal is shown and the offers are read again; a second tap while one is on its way does nothing', async () => {
  const held = heldAnswer(problem(409, 'coupon_out_of_stock', '优惠券已经领完了'));
  let offers = L.offers();
  phone.answer(backend({
    [`GET ${POINTS_PATH}`]: json(200, L.points()),
    [`GET ${OFFERS_PATH}`]: () => json(200, offers),
    [`POST ${REDEMPTIONS_PATH}`]: (request) => held(request),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.offer-0 >>> .t-button');
  await tap(page, '.offer-0 >>> .t-button');
  offers = { items: [{ ...L.offers().items[0], left: 0 }, L.offers().items[1]] };
  held.release();
  await settle();

  expect(redemptions()).toHaveLength(1);
  expect(text(page, '.redeem-problem')).toBe('优惠券已经领完了');
  expect(text(page, '.offer-terms')).toContain('已兑完');
  expect(text(page, '.offer-0')).toContain('已兑完');
  expect(exists(page, '.redeemed')).toBe(false);
});
