const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE, TABLE } = require('../support/restaurant');
const { MEMBERSHIP_PATH, NOTICE, member } = require('../support/members');

const PAGE = 'pages/member/join/index';
const STAFF_CODE = 'k3m9x2p7qa';

function joins() {
  return phone.requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === MEMBERSHIP_PATH);
}

function notMember(routes = {}) {
  return backend({
    [`GET ${MEMBERSHIP_PATH}`]: json(200, { notice: NOTICE, member: null }),
    'POST /sim/phone-code': json(200, { code: 'phone-code-1' }),
    ...routes,
  });
}

test('the notice is shown in full; joining needs the consent ticked, and marketing stays off unless ticked', async () => {
  phone.answer(notMember({ [`POST ${MEMBERSHIP_PATH}`]: json(201, member({ marketing_consent: false })) }));
  const page = await openPage(PAGE, { store: STORE.id, table: TABLE.id });

  expect(text(page, '.notice')).toBe(NOTICE.body.replace(/\s+/g, ' '));
  expect(text(page, '.join')).toContain('隐私政策（第 2 版）');
  await tap(page, '.join-button >>> .t-button');
  expect(joins()).toHaveLength(0);

  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(joins()).toHaveLength(1);
  expect(joins()[0].data).toEqual({ consent: true, notice_version: 2, marketing: false, table_id: TABLE.id });
  expect(phone.navigations).toEqual([{ how: 'redirectTo', url: `/pages/member/card/index?store=${STORE.id}` }]);
});

test('marketing, nickname, birthday and the phone from WeChat\'s phone button go with the join', async () => {
  phone.answer(notMember({ [`POST ${MEMBERSHIP_PATH}`]: json(201, member()) }));
  const page = await openPage(PAGE, { store: STORE.id });

  page.querySelector('.phone').dispatchEvent('getphonenumber', { detail: { code: 'unused-in-simulator' } });
  await settle();
  expect(text(page, '.phone-given')).toBe('已授权微信绑定的手机号');
  page.querySelector('.nickname').dispatchEvent('input', { detail: { value: ' 小林 ' } });
  page.querySelector('.birthday').dispatchEvent('change', { detail: { value: '1990-05-01' } });
  await tap(page, '.marketing');
  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(joins()[0].data).toEqual({
    consent: true, notice_version: 2, marketing: true, nickname: '小林', birthday: '1990-05-01', phone_code: 'phone-code-1',
  });
});

test('a staff member\'s join code names the store and is sent, so the staff member is credited', async () => {
  phone.answer(notMember({
    [`GET /api/v1/join-codes/${STAFF_CODE}`]: json(200, { store_id: STORE.id, store_name: STORE.name, staff_code: STAFF_CODE }),
    [`POST ${MEMBERSHIP_PATH}`]: json(201, member({ joined_via: 'staff_code' })),
  }));
  // A mini-program code opens the page with its scene; a shared path with `j`.
  const page = await openPage(PAGE, { scene: encodeURIComponent(`j=${STAFF_CODE}`) });

  expect(text(page, '.store-name')).toBe(STORE.name);
  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(joins()[0].data).toEqual({ consent: true, notice_version: 2, marketing: false, staff_code: STAFF_CODE });
});

test('a member\'s share card carries their signed referral token, which goes with the join as referral_token', async () => {
  const token = 'rf.eyJtIjoiMTIzIn0.c2lnbmF0dXJl';
  phone.answer(notMember({ [`POST ${MEMBERSHIP_PATH}`]: json(201, member()) }));
  // The share path as WeChat opens it: the query's values still encoded.
  const page = await openPage(PAGE, { store: STORE.id, ref: encodeURIComponent(token) });

  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(joins()[0].data).toEqual({ consent: true, notice_version: 2, marketing: false, referral_token: token });
});

test('a member\'s poster opens the page with its code in the scene: the code names the store and the token', async () => {
  const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  phone.answer(notMember({
    'GET /api/v1/referral-codes/k3m9x2p7qa': json(200, {
      store_id: STORE.id, store_name: STORE.name, referral_token: token, share_path: 'pages/member/join/index',
    }),
    [`POST ${MEMBERSHIP_PATH}`]: json(201, member()),
  }));
  const page = await openPage(PAGE, { scene: encodeURIComponent('r=k3m9x2p7qa') });

  expect(text(page, '.store-name')).toBe(STORE.name);
  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(joins()[0].data).toEqual({ consent: true, notice_version: 2, marketing: false, referral_token: token });
});

test('a refused referral (my own card, say) shows the server\'s words and joins nothing', async () => {
  phone.answer(notMember({
    [`POST ${MEMBERSHIP_PATH}`]: problem(400, 'self_referral', '不能通过自己的邀请加入', 'referral_token'),
  }));
  const page = await openPage(PAGE, { store: STORE.id, ref: 'rf.token' });

  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(text(page, '.problem')).toBe('不能通过自己的邀请加入');
  expect(phone.navigations).toEqual([]);
});

test('an unknown join code shows the problem\'s message, with a retry', async () => {
  phone.answer(notMember({
    [`GET /api/v1/join-codes/${STAFF_CODE}`]: problem(404, 'join_code_unknown', '这个会员码无效，请向店员重新获取'),
  }));
  const page = await openPage(PAGE, { j: STAFF_CODE });

  expect(text(page, '.failed-message')).toBe('这个会员码无效，请向店员重新获取');
  expect(exists(page, '.retry')).toBe(true);
  expect(exists(page, '.join-button')).toBe(false);
});

test('a refused join shows the problem\'s message and asks for the phone again', async () => {
  phone.answer(notMember({
    [`POST ${MEMBERSHIP_PATH}`]: problem(400, 'phone_code_invalid', '手机号授权已失效，请重新授权', 'phone_code'),
  }));
  const page = await openPage(PAGE, { store: STORE.id });
  page.querySelector('.phone').dispatchEvent('getphonenumber', { detail: {} });
  await settle();
  await tap(page, '.consent');
  await tap(page, '.join-button >>> .t-button');

  expect(text(page, '.problem')).toBe('手机号授权已失效，请重新授权');
  expect(exists(page, '.phone')).toBe(true);
  expect(phone.navigations).toEqual([]);
});

test('the join button cannot be pressed twice: one join', async () => {
  const held = heldAnswer(json(201, member()));
  phone.answer(notMember({ [`POST ${MEMBERSHIP_PATH}`]: held }));
  const page = await openPage(PAGE, { store: STORE.id });
  await tap(page, '.consent');

  await tap(page, '.join-button >>> .t-button');
  await tap(page, '.join-button >>> .t-button');
  held.release();
  await settle();

  expect(joins()).toHaveLength(1);
  expect(phone.navigations).toHaveLength(1);
});

test('a diner who is already a member is shown the way to their card instead', async () => {
  phone.answer(backend({ [`GET ${MEMBERSHIP_PATH}`]: json(200, { notice: NOTICE, member: member() }) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.already')).toContain('你已经是本店会员');
  expect(exists(page, '.join-button')).toBe(false);
  await tap(page, '.to-card >>> .t-button');
  expect(phone.navigations[0].url).toBe(`/pages/member/card/index?store=${STORE.id}`);
});
