/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Membership against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), on the real
// pages: a diner orders and pays, is offered "成为会员", reads the notice and joins with consent, marketing and the
// phone from WeChat's phone button; their card counts the visit once the outbox relay has delivered the payment; they
// withdraw marketing, see their data and leave, after which their old session is refused. Then a cook shows their join
// code, a second diner joins through it, and the cook's screen says one recruit today; the owner sees the recruiter,
// finds the member by phone (masked) and reveals the number for a reason that the member's history then shows.
const { phone } = require('../support/phone');
const { text, tap } = require('../support/pages');
const api = require('../../src/services/request');
const { exchange } = require('./bridge');
const journey = require('./journey');

const { run, call, signIn, handTo, until, open, followed } = journey;

jest.setTimeout(120000);

let restaurant;

beforeAll(async () => {
  await journey.start();
  restaurant = await journey.openRestaurant('会员面馆', 'pay_first');
});

afterAll(() => journey.stop());

beforeEach(() => journey.bridgePhone());

test('a diner who paid joins with consent, sees the visit counted, withdraws marketing, takes their data and leaves', async () => {
  await handTo(`member-${run}`);
  const { status } = await journey.orderNoodles(restaurant);
  await until('the order is paid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 已支付', status, 30000);

  // After the first order: "成为会员", from this table.
  await until('the join card is offered', () => (text(status, '.join-offer') || '').includes('成为会员'), status);
  await tap(status, '.join-offer');
  const join = await followed();
  await until('the notice shows in full', () => (text(join, '.notice') || '').length > 20, join);
  expect(text(join, '.join')).toContain('隐私政策（第 1 版）');

  join.querySelector('.phone').dispatchEvent('getphonenumber', { detail: {} });
  await until('the phone is given', () => text(join, '.phone-given') === '已授权微信绑定的手机号', join);
  await tap(join, '.marketing');
  await tap(join, '.consent');
  await tap(join, '.join-button >>> .t-button');
  await until('the diner is a member', () => journey.lastNavigation().url.startsWith('/pages/member/card/index'), join);
  const token = api.token();

  // The card: the phone masked, and the paid visit once the relay has counted it.
  const card = await followed();
  await until('the card shows', () => text(card, '.phone') === '手机号 138****8000', card);
  await until('the visit is counted', () => {
    if (text(card, '.visits') !== '1') {
      card.instance.load();
      return false;
    }
    return true;
  }, card);
  expect(text(card, '.total-spend')).toBe('¥28.00');
  expect(text(card, '.favourite')).toBe('牛肉面 × 1');
  expect(text(card, '.store')).toBe('会员面馆 一店（1 次）');

  // Marketing withdrawn in one tap.
  expect(text(card, '.marketing-state')).toBe('接收优惠与活动消息（点此关闭）');
  await tap(card, '.marketing');
  await until('marketing is off', () => text(card, '.marketing-state') === '不接收优惠与活动消息（点此开启）', card);

  // 我的数据: everything, the whole number, the consents as given and withdrawn.
  await tap(card, '.my-data >>> .t-button');
  const mine = await followed();
  await until('the export shows', () => (text(mine, '.exported') || '').includes('13800138000'), mine);
  const exported = JSON.parse(mine.instance.data.exported);
  expect(exported.consents.filter((c) => c.purpose === 'marketing').map((c) => c.granted).sort()).toEqual([false, true]);
  expect(exported.orders).toHaveLength(1);

  // Leaving, confirmed: back to the start, and the old session is over.
  await tap(mine, '.leave >>> .t-button');
  await until('the diner is back at the start', () => journey.lastNavigation().how === 'reLaunch', mine);
  expect(journey.lastNavigation().url).toBe('/pages/table/scan/index');
  expect(phone.modals.map((m) => m.title)).toEqual(['模拟微信支付', '注销会员']);
  const refused = await exchange({
    url: `${journey.backend().baseUrl}/api/v1/stores/${restaurant.storeId}/membership`,
    header: { Authorization: `Bearer ${token}` },
  });
  expect(refused.statusCode).toBe(401);
});

test('a diner who joins through a cook\'s join code is credited to the cook; the owner reveals their phone for a reason', async () => {
  const stores = `/api/v1/stores/${restaurant.storeId}`;
  const invite = await call('POST', `${stores}/invites`, restaurant.owner, { role: 'staff' });
  await call('POST', '/api/v1/invites/accept', await signIn(`cook-${run}`), { token: invite.token });

  // The cook's home offers the join code; it shows the code, its picture and no recruits yet.
  await handTo(`cook-${run}`);
  const home = await open('staff/pages/stores/list/index');
  await until('the cook sees the store', () => home.querySelectorAll('.entry').length === 5, home);
  expect(home.querySelectorAll('.entry')[3].dom.textContent).toBe('我的会员码 · 今日招募');
  home.querySelectorAll('.entry')[3].dispatchEvent('tap');
  await until('the join code screen opens', () => phone.navigations.length === 1);
  const mine = await followed();
  await until('the join code shows', () => !!text(mine, '.code') && !!mine.instance.data.image, mine);
  expect(text(mine, '.recruits-message')).toBe('你今天招募了 0 位新会员');
  const code = text(mine, '.code');

  // A second diner scans it: the join page names the store, and the join is credited.
  await handTo(`recruit-${run}`);
  const join = await open('pages/member/join/index', { scene: encodeURIComponent(`j=${code}`) });
  await until('the join page names the store', () => text(join, '.store-name') === '会员面馆 一店', join);
  join.querySelector('.phone').dispatchEvent('getphonenumber', { detail: {} });
  await until('the phone is given', () => text(join, '.phone-given') === '已授权微信绑定的手机号', join);
  await tap(join, '.consent');
  await tap(join, '.join-button >>> .t-button');
  await until('the diner is a member', () => journey.lastNavigation().url.startsWith('/pages/member/card/index'), join);
  const card = await followed();
  await until('the card says how they joined', () => (text(card, '.since') || '').includes('店员邀请'), card);

  // Back with the cook: one recruit today. The owner sees the cook among the recruiters.
  await handTo(`cook-${run}`);
  const again = await open('staff/pages/members/join-code/index', { store: restaurant.storeId });
  await until('the recruit is counted', () => text(again, '.recruits-message') === '你今天招募了 1 位新会员', again);

  await handTo(restaurant.ownerUser);
  const recruiters = await open('staff/pages/members/recruiters/index', { store: restaurant.storeId });
  await until('the owner sees the recruiter', () => recruiters.querySelectorAll('.recruiter').length === 1, recruiters);
  expect(text(recruiters, '.recruiter-who')).toMatch(/^店员 [0-9a-f]{8}$/);
  expect(text(recruiters, '.recruiter-numbers')).toBe('招募 1 位 · 仍是会员 1 位 · 入会后消费 ¥0.00');

  // The owner finds the new member by phone, masked, and reveals the number for a reason, which the history shows.
  const members = await open('staff/pages/members/list/index', { store: restaurant.storeId, role: 'owner' });
  await until('the members show', () => members.querySelectorAll('.member').length === 1, members);
  members.querySelector('.phone-input').dispatchEvent('input', { detail: { value: '13800138000' } });
  await tap(members, '.search-button >>> .t-button');
  await until('the search finds the member', () => (text(members, '.member-phone') || '').startsWith('138****8000'), members);
  members.querySelector('.member').dispatchEvent('tap');
  await until('the member opens', () => journey.lastNavigation().url.includes('members/detail'));
  const detail = await followed();
  await until('the history shows', () => text(detail, '.member-phone') === '手机号 138****8000', detail);
  detail.querySelector('.reason').dispatchEvent('input', { detail: { value: '顾客遗落了雨伞' } });
  await until('the reason is taken', () => detail.instance.data.reason === '顾客遗落了雨伞', detail);
  await tap(detail, '.reveal-button >>> .t-button');
  await until('the number shows', () => text(detail, '.member-phone') === '手机号 13800138000', detail);
  await until('the reveal is in the history', () => (text(detail, '.access') || '').includes('查看完整手机号：顾客遗落了雨伞'), detail);
});
