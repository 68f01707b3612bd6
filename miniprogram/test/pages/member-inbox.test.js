const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE } = require('../support/restaurant');
const C = require('../support/campaigns');

const PAGE = 'pages/member/inbox/index';
const MESSAGES = `${C.STORE_PATH}/messages`;
const COUPON_MESSAGE = C.message();
const READ_MESSAGE = C.message({
  id: 'me2', title: '生日快乐', body: '生日礼券已放入你的优惠券', coupon_id: null, read: true, created_at: '2026-11-20T02:00:00Z',
});

function reads() {
  return phone.requests.filter((r) => r.method === 'POST' && /\/messages\/[^/]+\/read$/.test(r.url))
    .map((r) => new URL(r.url).pathname);
}

test('my messages, newest first, the unread marked and counted', async () => {
  phone.answer(backend({ [`GET ${MESSAGES}`]: json(200, { items: [COUPON_MESSAGE, READ_MESSAGE], unread: 1 }) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(page.querySelectorAll('.message-title').map((n) => n.dom.textContent)).toEqual(['好久不见，送你一张券', '生日快乐']);
  expect(page.querySelectorAll('.message.unread')).toHaveLength(1);
  expect(page.querySelectorAll('.dot')).toHaveLength(1);
  expect(text(page, '.unread-count')).toBe('1 条未读');
  expect(exists(page, '.message-body')).toBe(false);
});

test('opening an unread message shows it whole and marks it read; its coupon leads to my coupons', async () => {
  phone.answer(backend({
    [`GET ${MESSAGES}`]: json(200, { items: [COUPON_MESSAGE, READ_MESSAGE], unread: 1 }),
    [`POST ${MESSAGES}/${COUPON_MESSAGE.id}/read`]: { statusCode: 204, data: '' },
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.message');

  expect(text(page, '.message-body')).toBe('满200减30，14天内有效，下次扫码点餐时自动可用。');
  expect(reads()).toEqual([`${MESSAGES}/${COUPON_MESSAGE.id}/read`]);
  expect(page.querySelectorAll('.message.unread')).toHaveLength(0);
  expect(exists(page, '.unread-count')).toBe(false);

  await tap(page, '.to-coupons');
  expect(phone.navigations).toEqual([{ how: 'navigateTo', url: `/pages/wallet/coupons/index?store=${STORE.id}` }]);
});

test('a message already read is not marked again, and one without a coupon has no link', async () => {
  phone.answer(backend({ [`GET ${MESSAGES}`]: json(200, { items: [READ_MESSAGE], unread: 0 }) }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.message');

  expect(text(page, '.message-body')).toBe('生日礼券已放入你的优惠券');
  expect(reads()).toEqual([]);
  expect(exists(page, '.to-coupons')).toBe(false);
});

test('a mark that fails leaves the message unread, to be marked when opened again', async () => {
  let answers = [problem(503, 'service_unavailable', '服务暂时不可用'), { statusCode: 204, data: '' }];
  phone.answer(backend({
    [`GET ${MESSAGES}`]: json(200, { items: [COUPON_MESSAGE], unread: 1 }),
    [`POST ${MESSAGES}/${COUPON_MESSAGE.id}/read`]: () => {
      const [next, ...rest] = answers;
      answers = rest;
      return next;
    },
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.message');
  expect(page.querySelectorAll('.message.unread')).toHaveLength(1);
  await tap(page, '.message');
  await tap(page, '.message');
  await settle();

  expect(reads()).toHaveLength(2);
  expect(page.querySelectorAll('.message.unread')).toHaveLength(0);
});

test('no messages: the empty state; a failure: its words and a retry', async () => {
  phone.answer(backend({ [`GET ${MESSAGES}`]: json(200, { items: [], unread: 0 }) }));
  const empty = await openPage(PAGE, { store: STORE.id });
  expect(exists(empty, '.none')).toBe(true);

  phone.answer(backend({ [`GET ${MESSAGES}`]: problem(403, 'not_a_member', '请先成为会员') }));
  const refused = await openPage(PAGE, { store: STORE.id });
  expect(text(refused, '.failed-message')).toBe('请先成为会员');

  phone.answer(backend({ [`GET ${MESSAGES}`]: json(200, { items: [READ_MESSAGE], unread: 0 }) }));
  await tap(refused, '.retry >>> .t-button');
  expect(exists(refused, '.message')).toBe(true);
});
