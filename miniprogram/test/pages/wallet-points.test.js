const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE } = require('../support/restaurant');
const L = require('../support/loyalty');

const PAGE = 'pages/wallet/points/index';
const POINTS_PATH = `${L.WALLET_PATH}/points`;

function reads() {
  return phone.requests.filter((r) => new URL(r.url).pathname === POINTS_PATH).map((r) => new URL(r.url).searchParams.get('after'));
}

test('the balance, the points expiring soonest and the history, gains and spends told apart', async () => {
  phone.answer(backend({ [`GET ${POINTS_PATH}`]: json(200, L.points()) }));
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
  phone.answer(backend({ [`GET ${POINTS_PATH}`]: json(200, { balance: 0, expiring: [], history: { items: [], next: null } }) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.balance')).toBe('0');
  expect(exists(page, '.none')).toBe(true);
  expect(exists(page, '.expiring')).toBe(false);
});

test('a diner who is not a member is offered to join; another problem shows its words and a retry', async () => {
  phone.answer(backend({ [`GET ${POINTS_PATH}`]: problem(404, 'not_a_member', '请先成为会员') }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(text(page, '.failed-message')).toBe('请先成为会员');
  await tap(page, '.to-join >>> .t-button');
  expect(phone.navigations[0].url).toBe(`/pages/member/join/index?store=${STORE.id}`);

  phone.answer(backend({ [`GET ${POINTS_PATH}`]: problem(503, 'service_unavailable', '服务暂时不可用，请稍后再试') }));
  const failed = await openPage(PAGE, { store: STORE.id });
  expect(text(failed, '.failed-message')).toBe('服务暂时不可用，请稍后再试');
  expect(exists(failed, '.retry')).toBe(true);
});
