const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');
const L = require('../support/loyalty');

const PACKAGES_PAGE = 'staff/pages/loyalty/packages/index';
const LEVELS_PAGE = 'staff/pages/loyalty/levels/index';
const PACKAGES = `${STORE_PATH}/top-up-packages`;
const LEVELS = `${STORE_PATH}/loyalty/levels`;
const RULE = `${STORE_PATH}/loyalty/earn-rule`;

function sent(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path).map((r) => r.data);
}

function type(page, selector, value, index = 0) {
  page.querySelectorAll(selector)[index].dispatchEvent('input', { detail: { value } });
}

describe('top-up packages', () => {
  test('every package, on sale or not; a new one is added once however often tapped', async () => {
    const held = heldAnswer(json(201, { id: 'pk3', name: '充 1000 送 150', price_fen: 100000, bonus_fen: 15000, active: true }));
    phone.answer(backend({ [`GET ${PACKAGES}`]: json(200, { items: L.PACKAGES }), [`POST ${PACKAGES}`]: held }));
    const page = await openPage(PACKAGES_PAGE, { store: STORE_ID, role: 'owner' });
    expect(page.querySelectorAll('.package-offer').map((n) => n.dom.textContent)).toEqual(['充¥500 送¥50', '充¥200']);
    expect(page.querySelectorAll('.toggle').map((n) => n.dom.textContent)).toEqual(['下架', '上架']);

    type(page, '.name', ' 充 1000 送 150 ');
    type(page, '.price', '1000');
    type(page, '.bonus', '150');
    await tap(page, '.create >>> .t-button');
    await tap(page, '.create >>> .t-button');
    held.release();
    await settle();

    expect(sent('POST', PACKAGES)).toEqual([{ name: '充 1000 送 150', price_fen: 100000, bonus_fen: 15000 }]);
    expect(page.querySelectorAll('.package-offer').map((n) => n.dom.textContent)).toEqual(['充¥500 送¥50', '充¥200', '充¥1000 送¥150']);
  });

  test('taking a package off sale is what the server answers', async () => {
    phone.answer(backend({
      [`GET ${PACKAGES}`]: json(200, { items: L.PACKAGES }),
      [`PATCH ${PACKAGES}/pk1`]: json(200, { ...L.PACKAGES[0], active: false }),
    }));
    const page = await openPage(PACKAGES_PAGE, { store: STORE_ID, role: 'owner' });

    await tap(page, '.toggle');

    expect(sent('PATCH', `${PACKAGES}/pk1`)).toEqual([{ active: false }]);
    expect(page.querySelectorAll('.toggle').map((n) => n.dom.textContent)).toEqual(['上架', '上架']);
  });

  test.each([
    [['', '500', ''], '请填写套餐名称（30 字以内）'],
    [['充值', '', ''], '充值金额请填 0.01 到 100000 元，例如 500'],
    [['充值', '100001', ''], '充值金额请填 0.01 到 100000 元，例如 500'],
    [['充值', '500', '600'], '赠送金额请填不超过充值金额的数，不赠送请留空'],
    [['充值', '500', 'abc'], '赠送金额请填不超过充值金额的数，不赠送请留空'],
  ])('%j is refused before anything is sent', async ([name, price, bonus], message) => {
    phone.answer(backend({ [`GET ${PACKAGES}`]: json(200, { items: [] }) }));
    const page = await openPage(PACKAGES_PAGE, { store: STORE_ID, role: 'owner' });
    expect(exists(page, '.none')).toBe(true);

    type(page, '.name', name);
    type(page, '.price', price);
    type(page, '.bonus', bonus);
    await tap(page, '.create >>> .t-button');

    expect(text(page, '.problem')).toBe(message);
    expect(sent('POST', PACKAGES)).toHaveLength(0);
  });

  test('a refusal and a failure show their words', async () => {
    phone.answer(backend({
      [`GET ${PACKAGES}`]: json(200, { items: [] }),
      [`POST ${PACKAGES}`]: problem(409, 'package_exists', '已有相同金额的套餐'),
    }));
    const page = await openPage(PACKAGES_PAGE, { store: STORE_ID, role: 'owner' });
    type(page, '.name', '充值');
    type(page, '.price', '500');
    await tap(page, '.create >>> .t-button');
    expect(text(page, '.problem')).toBe('已有相同金额的套餐');

    phone.answer(backend({ [`GET ${PACKAGES}`]: problem(403, 'forbidden', '只有店主可以管理储值套餐') }));
    const refused = await openPage(PACKAGES_PAGE, { store: STORE_ID, role: 'owner' });
    expect(text(refused, '.error')).toBe('只有店主可以管理储值套餐');
  });
});

describe('levels and the earn rule', () => {
  function settings(routes = {}) {
    return backend({
      [`GET ${LEVELS}`]: json(200, { items: L.LEVELS }),
      [`GET ${RULE}`]: json(200, { points_per_yuan: 1, expiry: 'end_of_next_year' }),
      [`PUT ${LEVELS}`]: (request) => json(200, request.data),
      [`PUT ${RULE}`]: (request) => json(200, request.data),
      ...routes,
    });
  }

  test('the levels as they stand, changed and saved whole', async () => {
    phone.answer(settings());
    const page = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });
    expect(page.querySelectorAll('.level')).toHaveLength(3);

    type(page, '.level-discount', '3', 1);
    type(page, '.level-multiplier', '1.3', 1);
    page.querySelectorAll('.level-member-prices')[0].dispatchEvent('tap');
    await tap(page, '.add-level');
    type(page, '.level-name', '黑金', 3);
    type(page, '.level-spend', '10000', 3);
    type(page, '.level-discount', '10', 3);
    type(page, '.level-multiplier', '2', 3);
    await tap(page, '.save-levels >>> .t-button');

    expect(sent('PUT', LEVELS)).toEqual([{ items: [
      { rank: 0, name: '普通', min_spend_fen: 0, member_prices: false, discount_percent: 0, points_multiplier: 1 },
      { rank: 1, name: '银卡', min_spend_fen: 100000, member_prices: true, discount_percent: 3, points_multiplier: 1.3 },
      { rank: 2, name: '金卡', min_spend_fen: 300000, member_prices: true, discount_percent: 5, points_multiplier: 1.5 },
      { rank: 3, name: '黑金', min_spend_fen: 1000000, member_prices: true, discount_percent: 10, points_multiplier: 2 },
    ] }]);
    expect(phone.toasts).toEqual(['等级已保存']);
  });

  test.each([
    ['.level-spend', 1, '0', '第 2 级：消费门槛须高于上一级'],
    ['.level-spend', 2, '1000', '第 3 级：消费门槛须高于上一级'],
    ['.level-name', 1, ' ', '第 2 级：请填写名称（10 字以内）'],
    ['.level-discount', 2, '51', '第 3 级：折扣请填 0 到 50 的整数（5 即 95 折）'],
    ['.level-multiplier', 0, '0.5', '第 1 级：积分倍数请填 1.0 到 10.0，最多一位小数'],
    ['.level-multiplier', 0, '1.25', '第 1 级：积分倍数请填 1.0 到 10.0，最多一位小数'],
    ['.level-spend', 0, '10', '第 1 级是所有会员的起点，消费门槛须为 0'],
  ])('%s of level %i as %j is refused: %s', async (selector, index, value, message) => {
    phone.answer(settings());
    const page = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });

    type(page, selector, value, index);
    await tap(page, '.save-levels >>> .t-button');

    expect(text(page, '.levels-problem')).toBe(message);
    expect(sent('PUT', LEVELS)).toHaveLength(0);
  });

  test('a level removed is left out of what is saved; the last level stays', async () => {
    phone.answer(settings());
    const page = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });

    await tap(page, '.remove-level');
    await tap(page, '.remove-level');
    expect(exists(page, '.remove-level')).toBe(false);
    await tap(page, '.save-levels >>> .t-button');

    expect(sent('PUT', LEVELS)[0].items.map((level) => level.name)).toEqual(['普通']);
  });

  test('the earn rule: points per yuan and expiry by days, saved; what is wrong is said first', async () => {
    phone.answer(settings());
    const page = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });
    expect(page.instance.data.rule).toEqual({ perYuan: '1', expiry: 'end_of_next_year', days: '' });

    type(page, '.per-yuan', '0');
    await tap(page, '.save-rule >>> .t-button');
    expect(text(page, '.rule-problem')).toBe('每消费 1 元得多少积分：请填 1 到 100 的整数');

    type(page, '.per-yuan', '2');
    await tap(page, '.expiry-days');
    await tap(page, '.save-rule >>> .t-button');
    expect(text(page, '.rule-problem')).toBe('积分有效天数请填 1 到 3650 的整数');

    type(page, '.expiry-days-count', '365');
    await tap(page, '.save-rule >>> .t-button');

    expect(sent('PUT', RULE)).toEqual([{ points_per_yuan: 2, expiry: { days: 365 } }]);
    expect(phone.toasts).toEqual(['积分规则已保存']);
  });

  test('a refused save shows the server\'s words; a failure to read shows them with a retry', async () => {
    phone.answer(settings({ [`PUT ${LEVELS}`]: problem(400, 'invalid_levels', '等级名称不能重复') }));
    const page = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });
    await tap(page, '.save-levels >>> .t-button');
    expect(text(page, '.levels-problem')).toBe('等级名称不能重复');

    phone.answer(settings({ [`GET ${RULE}`]: problem(403, 'forbidden', '只有店主可以设置积分规则') }));
    const refused = await openPage(LEVELS_PAGE, { store: STORE_ID, role: 'owner' });
    expect(text(refused, '.error')).toBe('只有店主可以设置积分规则');
    expect(exists(refused, '.retry')).toBe(true);
  });
});
