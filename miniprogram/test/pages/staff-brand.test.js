const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE, STORE_ID } = require('../support/staff');

const PAGE = 'staff/pages/brand/stores/index';
const TENANT = STORE.tenant_id;
const TENANT_PATH = `/api/v1/tenants/${TENANT}`;
const RIVERSIDE = {
  ...STORE, id: '5a1e0000-0000-4000-8000-0000000000b2', code: 'ef34gh', name: '老街面馆 滨江店',
  ordering_mode: 'eat_first',
};
const INVITE = {
  id: 'inv9', tenant_id: TENANT, token: 'ZyXwVuTsRqPoNmLkJiHgFe', expires_at: '2026-12-05T04:00:00Z',
  link: 'https://order.example.com/i/ZyXwVuTsRqPoNmLkJiHgFe',
};

function brand(routes = {}) {
  return backend({
    'POST /api/v1/auth/wechat': json(200, { token: 'operator-token-abcdefghijk', user: { id: 'op' }, roles: [] }),
    [`GET ${TENANT_PATH}/stores`]: json(200, { stores: [STORE] }),
    ...routes,
  });
}

function typeName(page, value) {
  page.querySelector('.store-name-input').dispatchEvent('input', { detail: { value } });
}

test('the operator sees every store of the brand with its code and way of paying', async () => {
  phone.answer(brand({ [`GET ${TENANT_PATH}/stores`]: json(200, { stores: [STORE, RIVERSIDE] }) }));
  const page = await openPage(PAGE, { tenant: TENANT });

  expect(page.querySelectorAll('.store')).toHaveLength(2);
  expect(text(page, '.section-title')).toContain('品牌的门店（2）');
  expect(text(page, '.store')).toContain('门店码 ab12cd · 先付款后用餐');
});

test('opening a store sends its name and way of paying once, and lists it', async () => {
  phone.answer(brand({ [`POST ${TENANT_PATH}/stores`]: json(201, RIVERSIDE) }));
  const page = await openPage(PAGE, { tenant: TENANT });

  typeName(page, '  老街面馆 滨江店 ');
  await tap(page, '.mode-eat_first');
  await tap(page, '.create >>> .t-button');
  await settle();

  const creations = phone.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/stores'));
  expect(creations).toHaveLength(1);
  expect(creations[0].data).toEqual({ name: '老街面馆 滨江店', ordering_mode: 'eat_first' });
  expect(page.querySelectorAll('.store')).toHaveLength(2);
  expect(page.instance.data.draft.name).toBe('');
});

test('an empty name is refused on the phone, without a request', async () => {
  phone.answer(brand());
  const page = await openPage(PAGE, { tenant: TENANT });

  await tap(page, '.create >>> .t-button');

  expect(text(page, '.problem')).toContain('请填写门店名称');
  expect(phone.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/stores'))).toHaveLength(0);
});

test('inviting a store\'s owner names the store; inviting an operator names none', async () => {
  phone.answer(brand({
    [`POST ${TENANT_PATH}/invites`]: (request) => json(201, { ...INVITE, ...request.data }),
  }));
  const page = await openPage(PAGE, { tenant: TENANT });

  await tap(page, '.invite-owner');
  expect(phone.requests.find((r) => r.url.endsWith('/invites')).data).toEqual({ role: 'owner', store_id: STORE_ID });
  expect(text(page, '.new-invite >>> .invite-what')).toContain(`店主邀请（${STORE.name}），2026-12-05 前有效`);
  expect(text(page, '.new-invite >>> .invite-link')).toBe(INVITE.link);

  await tap(page, '.invite-operator >>> .t-button');
  expect(phone.requests.filter((r) => r.url.endsWith('/invites'))[1].data).toEqual({ role: 'operator' });
  expect(text(page, '.new-invite >>> .invite-what')).toContain('运营邀请，2026-12-05 前有效');
});

test('a refused store shows the server\'s message and lists nothing new', async () => {
  phone.answer(brand({ [`POST ${TENANT_PATH}/stores`]: problem(403, 'forbidden', '只有运营可以开新店') }));
  const page = await openPage(PAGE, { tenant: TENANT });

  typeName(page, '新店');
  await tap(page, '.create >>> .t-button');

  expect(text(page, '.problem')).toBe('只有运营可以开新店');
  expect(page.querySelectorAll('.store')).toHaveLength(1);
  expect(exists(page, '.new-invite')).toBe(false);
});
