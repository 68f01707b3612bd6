const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE } = require('../support/restaurant');
const L = require('../support/loyalty');

const PAGE = 'pages/wallet/coupons/index';
const CLAIMS = `${L.STORE_PATH}/coupon-claims`;

function claims() {
  return phone.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === CLAIMS);
}

function wallet(routes = {}, byState = {}) {
  return backend({
    [`GET ${L.WALLET_PATH}/coupons`]: (request, url) => json(200, { items: byState[url.searchParams.get('state')] || [] }),
    ...routes,
  });
}

test('my available coupons show their value, scope and validity; each state is a tab of its own', async () => {
  phone.answer(wallet({}, {
    available: [
      L.coupon(),
      L.coupon({ id: 'c2', name: '周末折扣', kind: 'percent_off', threshold_fen: 0, amount_off_fen: null, percent_off: 15, cap_fen: 3000, scope: { kind: 'categories', ids: ['cat-noodles'] }, stackable: true }),
      L.coupon({ id: 'c3', name: '送拍黄瓜', kind: 'free_dish', threshold_fen: 5000, amount_off_fen: null, free_dish_id: 'd-cucumber', scope: { kind: 'dishes', ids: ['d-cucumber'] } }),
    ],
    used: [L.coupon({ id: 'c4', state: 'used', used_at: '2026-12-02T04:00:00Z' })],
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(page.querySelectorAll('.coupon-value').map((n) => n.dom.textContent)).toEqual([
    '满¥100减¥20', '8.5折 最高减¥30', '满¥50 赠菜',
  ]);
  expect(page.querySelectorAll('.coupon-scope').map((n) => n.dom.textContent.trim())).toEqual([
    '全场通用', '限指定分类 · 可与其他优惠同享', '限指定菜品',
  ]);
  expect(text(page, '.coupon-validity')).toMatch(/^2026-12-0\d 至 2026-12-31$/);

  await tap(page, '.state-used');
  expect(new URL(phone.requests[phone.requests.length - 1].url).searchParams.get('state')).toBe('used');
  expect(text(page, '.coupon-validity')).toMatch(/已使用$/);

  await tap(page, '.state-expired');
  expect(page.querySelectorAll('.coupon')).toHaveLength(0);
  expect(exists(page, '.none')).toBe(true);
});

test('a code typed in is claimed once, however often the button is tapped, and the coupon joins the list', async () => {
  let claimed = false;
  const held = heldAnswer(json(201, L.coupon()));
  phone.answer(wallet({
    [`POST ${CLAIMS}`]: (request) => {
      claimed = true;
      return held(request);
    },
    [`GET ${L.WALLET_PATH}/coupons`]: () => json(200, { items: claimed ? [L.coupon()] : [] }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(exists(page, '.none')).toBe(true);

  page.querySelector('.code').dispatchEvent('input', { detail: { value: ' K7Q2XD9M ' } });
  await tap(page, '.claim >>> .t-button');
  await tap(page, '.claim >>> .t-button');
  held.release();
  await settle();

  expect(claims()).toHaveLength(1);
  expect(claims()[0].data).toEqual({ code: 'K7Q2XD9M' });
  expect(text(page, '.claimed')).toContain('领取成功：新客满减券（满¥100减¥20）');
  expect(page.querySelectorAll('.coupon')).toHaveLength(1);
});

test('a blank code is not sent', async () => {
  phone.answer(wallet());
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.claim >>> .t-button');

  expect(claims()).toHaveLength(0);
  expect(text(page, '.problem')).toBe('请输入优惠券兑换码');
});

test('opened from a claim link, the code is claimed once as the page opens, not again on coming back', async () => {
  phone.answer(wallet({ [`POST ${CLAIMS}`]: json(201, L.coupon()) }, { available: [L.coupon()] }));
  const page = await openPage(PAGE, { store: STORE.id, code: 'K7Q2XD9M' });

  expect(claims().map((r) => r.data)).toEqual([{ code: 'K7Q2XD9M' }]);
  expect(text(page, '.claimed')).toContain('领取成功');

  page.instance.onShow();
  await settle();
  expect(claims()).toHaveLength(1);
});

test('a mini-program code\'s scene carries the claim code as c=<code>', async () => {
  phone.answer(wallet({ [`POST ${CLAIMS}`]: json(201, L.coupon()) }));
  await openPage(PAGE, { store: STORE.id, scene: encodeURIComponent('c=AB12CD34') });

  expect(claims().map((r) => r.data)).toEqual([{ code: 'AB12CD34' }]);
});

test.each([
  [409, 'out_of_stock', '优惠券已经领完了'],
  [409, 'limit_reached', '你已经领过这张优惠券了'],
  [404, 'unknown_code', '兑换码不存在'],
])('a refused claim (%i %s) shows the problem\'s own words', async (status, code, message) => {
  phone.answer(wallet({ [`POST ${CLAIMS}`]: problem(status, code, message) }));
  const page = await openPage(PAGE, { store: STORE.id, code: 'K7Q2XD9M' });

  expect(text(page, '.problem')).toBe(message);
  expect(exists(page, '.claimed')).toBe(false);
  expect(exists(page, '.to-join')).toBe(false);
});

test('a diner who is not a member is told so and offered to join first', async () => {
  phone.answer(backend({
    [`POST ${CLAIMS}`]: problem(404, 'not_a_member', '请先成为会员'),
    [`GET ${L.WALLET_PATH}/coupons`]: problem(404, 'not_a_member', '请先成为会员'),
  }));
  const page = await openPage(PAGE, { store: STORE.id, code: 'K7Q2XD9M' });

  expect(text(page, '.problem')).toBe('请先成为会员');
  await tap(page, '.to-join >>> .t-button');
  expect(phone.navigations).toEqual([{ how: 'navigateTo', url: `/pages/member/join/index?store=${STORE.id}` }]);
});

test('a wallet that cannot be read shows why, and a retry reads it again', async () => {
  let down = true;
  phone.answer(backend({
    [`GET ${L.WALLET_PATH}/coupons`]: () => (down ? problem(503, 'service_unavailable', '服务暂时不可用，请稍后再试') : json(200, { items: [L.coupon()] })),
  }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(text(page, '.failed-message')).toBe('服务暂时不可用，请稍后再试');

  down = false;
  await tap(page, '.retry >>> .t-button');
  expect(page.querySelectorAll('.coupon')).toHaveLength(1);
});

test('a code without its store cannot be claimed: the page says where to open it from', async () => {
  phone.answer(wallet());
  const page = await openPage(PAGE, { scene: encodeURIComponent('c=AB12CD34') });

  expect(text(page, '.failed-message')).toBe('没有找到门店，请从门店的领取链接重新打开');
  expect(claims()).toHaveLength(0);
});
