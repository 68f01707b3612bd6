const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');

const PAGE = 'staff/pages/stores/list/index';
const STORE = {
  id: '33333333-3333-3333-3333-333333333333', code: 'K7Q2XD', name: '老街面馆 总店', ordering_mode: 'pay_first', open_now: true,
};

test('a staff member sees the stores they work at, with their role and whether each is open', async () => {
  phone.answer(backend({
    'GET /api/v1/me': json(200, { user: { id: 'u1' }, roles: [{ role: 'staff', tenant_id: 't1', store_id: STORE.id }] }),
    [`GET /api/v1/stores/${STORE.id}`]: json(200, STORE),
  }));

  const page = await openPage(PAGE);

  expect(page.querySelectorAll('.store')).toHaveLength(1);
  expect(text(page, '.store')).toContain('老街面馆 总店');
  expect(text(page, '.store')).toContain('店员 · 先付款后用餐 · 门店码 K7Q2XD');
  expect(text(page, '.open-tag')).toBe('营业中');
});

test('an operator sees every store of their tenant once', async () => {
  const other = { ...STORE, id: '44444444-4444-4444-4444-444444444444', name: '老街面馆 二店', open_now: false };
  phone.answer(backend({
    'GET /api/v1/me': json(200, { roles: [
      { role: 'operator', tenant_id: 't1', store_id: null },
      { role: 'owner', tenant_id: 't1', store_id: STORE.id },
    ] }),
    'GET /api/v1/tenants/t1/stores': json(200, { stores: [STORE, other] }),
  }));

  const page = await openPage(PAGE);

  expect(page.querySelectorAll('.store')).toHaveLength(2);
  expect(text(page, '.store')).toContain('运营');
});

test('an operator\'s campaign, insight and brand screens open with the tenant; 门店排行 and 品牌与门店 are theirs alone', async () => {
  const store = { ...STORE, tenant_id: 't1' };
  phone.answer(backend({
    'GET /api/v1/me': json(200, { roles: [{ role: 'operator', tenant_id: 't1', store_id: null }] }),
    'GET /api/v1/tenants/t1/stores': json(200, { stores: [store] }),
  }));

  const page = await openPage(PAGE);

  const entries = page.querySelectorAll('.entry');
  const labels = entries.map((entry) => entry.dom.textContent.trim());
  expect(labels.slice(-5)).toEqual(['营销', '经营分析', '顾客', '门店排行', '品牌与门店']);
  for (const entry of entries.slice(-5)) {
    entry.dispatchEvent('tap');
  }
  await settle();
  expect(phone.navigations.map((n) => n.url)).toEqual([
    `/staff/pages/campaigns/home/index?store=${STORE.id}&role=operator&tenant=t1`,
    `/staff/pages/insights/dashboard/index?store=${STORE.id}&role=operator&tenant=t1`,
    `/staff/pages/insights/customers/index?store=${STORE.id}&role=operator`,
    `/staff/pages/insights/stores/index?store=${STORE.id}&role=operator&tenant=t1`,
    `/staff/pages/brand/stores/index?store=${STORE.id}&role=operator&tenant=t1`,
  ]);
});

test('someone with no role is told how to join', async () => {
  phone.answer(backend({ 'GET /api/v1/me': json(200, { roles: [] }) }));

  const page = await openPage(PAGE);

  expect(exists(page, '.none')).toBe(true);
  expect(page.querySelectorAll('.store')).toHaveLength(0);
});

test('a problem shows its message and a way to try again', async () => {
  let down = true;
  phone.answer(backend({
    'GET /api/v1/me': () => (down ? problem(503, 'service_unavailable', '服务暂时不可用，请稍后再试') : json(200, { roles: [] })),
  }));
  const page = await openPage(PAGE);
  expect(text(page, '.error')).toBe('服务暂时不可用，请稍后再试');

  down = false;
  await tap(page, '.retry >>> .t-button');

  expect(exists(page, '.error')).toBe(false);
  expect(exists(page, '.none')).toBe(true);
});

test('each store offers the screens of the role held there, and opens them for that store', async () => {
  const owned = { ...STORE, id: '55555555-5555-5555-5555-555555555555', name: '老街面馆 三店' };
  phone.answer(backend({
    'GET /api/v1/me': json(200, { roles: [
      { role: 'staff', tenant_id: 't1', store_id: STORE.id },
      { role: 'owner', tenant_id: 't1', store_id: owned.id },
    ] }),
    [`GET /api/v1/stores/${STORE.id}`]: json(200, STORE),
    [`GET /api/v1/stores/${owned.id}`]: json(200, owned),
  }));

  const page = await openPage(PAGE);

  const labels = page.querySelectorAll('.entry').map((entry) => entry.dom.textContent.trim());
  expect(labels).toEqual([
    '后厨订单', '在座桌台 · 收款', '沽清与库存', '我的会员码 · 今日招募', '会员',
    '后厨订单', '在座桌台 · 收款', '沽清与库存', '桌台与桌码', '员工与邀请', '今日结算', '我的会员码 · 今日招募', '会员',
    '员工招募会员', '优惠券', '储值套餐', '会员等级与积分', '营销', '经营分析', '顾客',
  ]);

  page.querySelectorAll('.entry')[10].dispatchEvent('tap');
  await settle();
  expect(phone.navigations).toEqual([
    { how: 'navigateTo', url: `/staff/pages/settlement/day/index?store=${owned.id}&role=owner` },
  ]);
});

test('signing out ends the session on the server and here, and goes back to the start', async () => {
  wx.setStorageSync('tableloop.session', { token: 'staff-session-token-abcdefgh', user: { id: 'u1' }, roles: [] });
  phone.answer(backend({
    'GET /api/v1/me': json(200, { roles: [] }),
    'POST /api/v1/auth/sign-out': { statusCode: 204, data: '' },
  }));
  const page = await openPage(PAGE);

  await tap(page, '.sign-out');

  const signOut = phone.requests.find((r) => r.url.endsWith('/api/v1/auth/sign-out'));
  expect(signOut.header.Authorization).toBe('Bearer staff-session-token-abcdefgh');
  expect(wx.getStorageSync('tableloop.session')).toBe('');
  expect(phone.navigations).toEqual([{ how: 'reLaunch', url: '/pages/table/scan/index' }]);
});
