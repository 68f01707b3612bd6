const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE } = require('../support/restaurant');
const { MEMBERSHIP_PATH, NOTICE, member } = require('../support/members');

const PAGE = 'pages/member/card/index';

function to(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
}

function card(routes = {}) {
  return backend({ [`GET ${MEMBERSHIP_PATH}`]: json(200, { notice: NOTICE, member: member() }), ...routes });
}

test('the card shows visits, spend, average basket, first and last visit, favourite dishes and stores', async () => {
  phone.answer(card());
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.title')).toBe('小林');
  expect(text(page, '.since')).toBe('2026-12-02 入会 · 点餐后入会');
  expect(text(page, '.visits')).toBe('3');
  expect(text(page, '.total-spend')).toBe('¥156.00');
  expect(text(page, '.average')).toBe('¥52.00');
  expect(text(page, '.visit-dates')).toBe('首次到店 2026-11-02 · 最近到店 2026-12-02');
  expect(text(page, '.favourite')).toBe('牛肉面 × 4');
  expect(text(page, '.store')).toBe('老街面馆（3 次）');
  expect(text(page, '.phone')).toBe('手机号 138****8000');
  expect(text(page, '.marketing-state')).toBe('接收优惠与活动消息（点此关闭）');
});

test('marketing is withdrawn in one tap, once however often it is tapped, as the server answers', async () => {
  const held = heldAnswer(json(200, { marketing: false }));
  phone.answer(card({ [`PUT ${MEMBERSHIP_PATH}/marketing`]: held }));
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.marketing');
  await tap(page, '.marketing');
  held.release();
  await settle();

  expect(to('PUT', `${MEMBERSHIP_PATH}/marketing`)).toHaveLength(1);
  expect(to('PUT', `${MEMBERSHIP_PATH}/marketing`)[0].data).toEqual({ marketing: false });
  expect(text(page, '.marketing-state')).toBe('不接收优惠与活动消息（点此开启）');
  expect(phone.toasts).toEqual(['已关闭优惠消息']);
});

test('nickname, birthday and phone are changed with the server\'s card as the answer', async () => {
  let stored = { nickname: '小林', birthday: '1990-05-01' };
  phone.answer(card({
    [`PATCH ${MEMBERSHIP_PATH}`]: (request) => {
      stored = { ...stored, ...request.data };
      return json(200, member({ nickname: stored.nickname, birthday: stored.birthday, phone: stored.phone_code ? '139****0001' : '138****8000' }));
    },
    'POST /sim/phone-code': json(200, { code: 'phone-code-2' }),
  }));
  const page = await openPage(PAGE, { store: STORE.id });

  page.querySelector('.nickname').dispatchEvent('input', { detail: { value: '林林' } });
  await tap(page, '.save-nickname >>> .t-button');
  page.querySelector('.birthday').dispatchEvent('change', { detail: { value: '1991-06-02' } });
  await settle();
  page.querySelector('.change-phone').dispatchEvent('getphonenumber', { detail: {} });
  await settle();

  expect(to('PATCH', MEMBERSHIP_PATH).map((r) => r.data)).toEqual([
    { nickname: '林林' }, { birthday: '1991-06-02' }, { phone_code: 'phone-code-2' },
  ]);
  expect(text(page, '.title')).toBe('林林');
  expect(text(page, '.phone')).toBe('手机号 139****0001');
});

test('a refused nickname shows the problem\'s message', async () => {
  phone.answer(card({ [`PATCH ${MEMBERSHIP_PATH}`]: problem(400, 'text_refused', '昵称包含不当内容，请修改', 'nickname') }));
  const page = await openPage(PAGE, { store: STORE.id });

  page.querySelector('.nickname').dispatchEvent('input', { detail: { value: '坏词' } });
  await tap(page, '.save-nickname >>> .t-button');

  expect(text(page, '.problem')).toBe('昵称包含不当内容，请修改');
  expect(text(page, '.title')).toBe('小林');
});

test('a diner who is not a member is offered to join; a failure shows its message', async () => {
  phone.answer(backend({ [`GET ${MEMBERSHIP_PATH}`]: json(200, { notice: NOTICE, member: null }) }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(exists(page, '.stats')).toBe(false);
  await tap(page, '.to-join >>> .t-button');
  expect(phone.navigations[0].url).toBe(`/pages/member/join/index?store=${STORE.id}`);

  phone.answer(backend({ [`GET ${MEMBERSHIP_PATH}`]: problem(404, 'store_not_found', '门店不存在') }));
  const failed = await openPage(PAGE, { store: STORE.id });
  expect(text(failed, '.failed-message')).toBe('门店不存在');
});

test('the card leads to the wallet: coupons, points, level and stored value of this store', async () => {
  phone.answer(card());
  const page = await openPage(PAGE, { store: STORE.id });

  expect(page.querySelectorAll('.wallet-entry').map((n) => n.dom.textContent)).toEqual(['优惠券', '积分', '会员等级', '储值']);
  page.querySelectorAll('.wallet-entry').forEach((entry) => entry.dispatchEvent('tap'));
  await settle();

  expect(phone.navigations.map((n) => n.url)).toEqual(['coupons', 'points', 'level', 'stored-value']
    .map((screen) => `/pages/wallet/${screen}/index?store=${STORE.id}`));
});

test('the card shows my level and how far the next one is; without it the card still shows', async () => {
  const L = require('../support/loyalty');
  phone.answer(card({ [`GET ${L.WALLET_PATH}/level`]: json(200, L.level()) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.level-name')).toBe('银卡');
  expect(text(page, '.level-next')).toBe('再消费 ¥1500 升级为金卡');
  await tap(page, '.level');
  expect(phone.navigations[0].url).toBe(`/pages/wallet/level/index?store=${STORE.id}`);

  phone.answer(card({ [`GET ${L.WALLET_PATH}/level`]: problem(503, 'service_unavailable', '服务暂时不可用') }));
  const without = await openPage(PAGE, { store: STORE.id });
  expect(text(without, '.title')).toBe('小林');
  expect(exists(without, '.level')).toBe(false);
});

test('the card leads to my messages, with how many are unread, and to 邀请有礼', async () => {
  const MESSAGES = `/api/v1/stores/${STORE.id}/messages`;
  phone.answer(card({ [`GET ${MESSAGES}`]: json(200, { items: [], unread: 3 }) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.unread-badge')).toBe('3');
  await tap(page, '.inbox-entry');
  await tap(page, '.referral-entry');
  expect(phone.navigations.map((n) => n.url)).toEqual([
    `/pages/member/inbox/index?store=${STORE.id}`, `/pages/member/referral/index?store=${STORE.id}`,
  ]);

  phone.answer(card({ [`GET ${MESSAGES}`]: json(200, { items: [], unread: 0 }) }));
  const allRead = await openPage(PAGE, { store: STORE.id });
  expect(exists(allRead, '.unread-badge')).toBe(false);

  phone.answer(card({ [`GET ${MESSAGES}`]: problem(503, 'service_unavailable', '服务暂时不可用') }));
  const unreadable = await openPage(PAGE, { store: STORE.id });
  expect(exists(unreadable, '.unread-badge')).toBe(false);
  expect(text(unreadable, '.inbox-entry')).toBe('消息');
});
