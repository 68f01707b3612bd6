const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap } = require('../support/pages');
const { STORE } = require('../support/restaurant');
const L = require('../support/loyalty');

const PAGE = 'pages/wallet/level/index';
const LEVEL_PATH = `${L.WALLET_PATH}/level`;

test('my level, its benefits, my spend and how far the next level is, with every level listed', async () => {
  phone.answer(backend({ [`GET ${LEVEL_PATH}`]: json(200, L.level()) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.level-name')).toBe('银卡');
  expect(text(page, '.benefits')).toBe('会员价 · 积分 1.2 倍');
  expect(text(page, '.spend')).toBe('近12个月消费 ¥1500.00');
  expect(text(page, '.next')).toBe('再消费 ¥1500 升级为金卡');
  expect(page.querySelector('.progress-bar').dom.getAttribute('style')).toContain('width: 50%');
  expect(page.querySelectorAll('.level-row-name').map((n) => n.dom.textContent)).toEqual(['普通', '银卡（当前）', '金卡']);
  expect(page.querySelectorAll('.level-benefits').map((n) => n.dom.textContent)).toEqual([
    '会员价', '会员价 · 积分 1.2 倍', '会员价 · 9.5折 · 积分 1.5 倍',
  ]);
});

test('at the top level there is nothing left to reach', async () => {
  phone.answer(backend({ [`GET ${LEVEL_PATH}`]: json(200, L.level({ level: L.LEVELS[2], spend_12m_fen: 420000, next_level: null })) }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.next')).toBe('你已是最高等级');
  expect(page.querySelector('.progress-bar').dom.getAttribute('style')).toContain('width: 100%');
});

test('not a member: offered to join; a failure shows its words', async () => {
  phone.answer(backend({ [`GET ${LEVEL_PATH}`]: problem(404, 'not_a_member', '请先成为会员') }));
  const page = await openPage(PAGE, { store: STORE.id });
  expect(exists(page, '.to-join')).toBe(true);
  await tap(page, '.to-join >>> .t-button');
  expect(phone.navigations[0].url).toBe(`/pages/member/join/index?store=${STORE.id}`);

  phone.answer(backend({ [`GET ${LEVEL_PATH}`]: problem(404, 'store_not_found', '门店不存在') }));
  const failed = await openPage(PAGE, { store: STORE.id });
  expect(text(failed, '.failed-message')).toBe('门店不存在');
  expect(exists(failed, '.to-join')).toBe(false);
});
