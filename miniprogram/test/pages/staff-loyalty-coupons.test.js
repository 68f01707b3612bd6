const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');
const { MENU } = require('../support/restaurant');
const L = require('../support/loyalty');

const LIST = 'staff/pages/loyalty/coupons/index';
const FORM = 'staff/pages/loyalty/coupon/index';
const TEMPLATES = `${STORE_PATH}/coupon-templates`;
const TEMPLATE = L.template();

function sent(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path).map((r) => r.data);
}

function type(page, field, value) {
  page.querySelector(`.${field}`).dispatchEvent('input', { detail: { value } });
}

describe('the list', () => {
  test('each template with its value, scope, validity, counts and claim code', async () => {
    phone.answer(backend({ [`GET ${TEMPLATES}`]: json(200, { items: [
      TEMPLATE,
      L.template({ id: 't2', name: '老客 9 折', kind: 'percent_off', threshold_fen: 0, amount_off_fen: null, percent_off: 10, cap_fen: null, total_stock: null, claimable: false, claim_code: null, active: false, validity: { kind: 'fixed', starts_at: '2026-12-01T04:00:00Z', ends_at: '2026-12-31T04:00:00Z' }, points_price: 500 }),
    ] }) }));
    const page = await openPage(LIST, { store: STORE_ID, role: 'owner' });

    expect(page.querySelectorAll('.template-name').map((n) => n.dom.textContent)).toEqual(['新客满减券', '老客 9 折']);
    expect(page.querySelectorAll('.template-value').map((n) => n.dom.textContent)).toEqual(['满¥100减¥20', '9折']);
    expect(page.querySelectorAll('.template-counts').map((n) => n.dom.textContent)).toEqual([
      '已发 12 · 已用 5 · 库存 100', '已发 12 · 已用 5 · 不限量',
    ]);
    expect(text(page, '.template')).toContain('满减券 · 全场通用 · 领取后 30 天内有效');
    expect(text(page, '.claim-code')).toBe('兑换码 K7Q2XD9M');
    expect(page.querySelectorAll('.claim')).toHaveLength(1);
    expect(page.querySelectorAll('.template-limit')[1].dom.textContent).toBe('每人限领 1 张 · 500 积分可兑换');
    expect(page.querySelectorAll('.toggle').map((n) => n.dom.textContent)).toEqual(['停用', '启用']);
  });

  test('the claim code is copied with the page diners open it in', async () => {
    phone.answer(backend({ [`GET ${TEMPLATES}`]: json(200, { items: [TEMPLATE] }) }));
    jest.spyOn(wx, 'setClipboardData').mockImplementation(() => {});
    const page = await openPage(LIST, { store: STORE_ID, role: 'owner' });

    await tap(page, '.copy-claim');

    expect(wx.setClipboardData).toHaveBeenCalledWith({
      data: `优惠券兑换码 K7Q2XD9M，在小程序 /pages/wallet/coupons/index?store=${STORE_ID}&code=K7Q2XD9M 领取`,
    });
  });

  test('turning a template off is sent once however often tapped, and shows as the server answers', async () => {
    const held = heldAnswer(json(200, { ...TEMPLATE, active: false }));
    phone.answer(backend({
      [`GET ${TEMPLATES}`]: json(200, { items: [TEMPLATE] }),
      [`PATCH ${TEMPLATES}/${TEMPLATE.id}`]: held,
    }));
    const page = await openPage(LIST, { store: STORE_ID, role: 'owner' });

    await tap(page, '.toggle');
    await tap(page, '.toggle');
    held.release();
    await settle();

    expect(sent('PATCH', `${TEMPLATES}/${TEMPLATE.id}`)).toEqual([{ active: false }]);
    expect(text(page, '.toggle')).toBe('启用');
    expect(phone.toasts).toEqual(['已停用']);
  });

  test('none yet: the empty state; new and edit open the form; a refusal shows its words', async () => {
    phone.answer(backend({ [`GET ${TEMPLATES}`]: json(200, { items: [] }) }));
    const empty = await openPage(LIST, { store: STORE_ID, role: 'owner' });
    expect(exists(empty, '.none')).toBe(true);
    await tap(empty, '.new-template >>> .t-button');
    expect(phone.navigations[0].url).toBe(`/staff/pages/loyalty/coupon/index?store=${STORE_ID}&role=owner`);

    phone.answer(backend({ [`GET ${TEMPLATES}`]: json(200, { items: [TEMPLATE] }) }));
    const listed = await openPage(LIST, { store: STORE_ID, role: 'owner' });
    await tap(listed, '.edit');
    expect(phone.navigations[1].url).toBe(`/staff/pages/loyalty/coupon/index?store=${STORE_ID}&role=owner&template=${TEMPLATE.id}`);

    phone.answer(backend({ [`GET ${TEMPLATES}`]: problem(403, 'forbidden', '只有店主可以管理优惠券') }));
    const refused = await openPage(LIST, { store: STORE_ID, role: 'owner' });
    expect(text(refused, '.error')).toBe('只有店主可以管理优惠券');
  });
});

describe('the form', () => {
  function menu(routes = {}) {
    return backend({ [`GET ${STORE_PATH}/menu`]: json(200, MENU), [`POST ${TEMPLATES}`]: json(201, TEMPLATE), ...routes });
  }

  test('a 满减 coupon for the whole menu, valid 30 days from issue, claimable: created, with its claim code to hand on', async () => {
    phone.answer(menu());
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });

    type(page, 'name', ' 新客满减券 ');
    type(page, 'threshold', '100');
    type(page, 'amount', '20');
    type(page, 'stock', '100');
    await tap(page, '.save >>> .t-button');

    expect(sent('POST', TEMPLATES)).toEqual([{
      name: '新客满减券', kind: 'amount_off', threshold_fen: 10000, amount_off_fen: 2000, first_visit_only: false,
      stackable: false, claimable: true, scope: { kind: 'menu', ids: [] }, validity: { kind: 'days', days: 30 },
      total_stock: 100, per_member_limit: 1, points_price: null,
    }]);
    expect(text(page, '.saved .title')).toBe('已创建：新客满减券');
    expect(text(page, '.claim-code')).toBe('K7Q2XD9M');
    expect(text(page, '.claim-path')).toBe(`/pages/wallet/coupons/index?store=${STORE_ID}&code=K7Q2XD9M`);
  });

  test('a percent off with a cap for chosen categories, on fixed dates, first visit only and stackable', async () => {
    phone.answer(menu());
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });

    type(page, 'name', '面食 8 折');
    await tap(page, '.kind-percent_off');
    type(page, 'percent', '20');
    type(page, 'cap', '30');
    await tap(page, '.scope-categories');
    await tap(page, '.scope-item');
    await tap(page, '.validity-fixed');
    page.querySelector('.starts-on').dispatchEvent('change', { detail: { value: '2026-12-10' } });
    page.querySelector('.ends-on').dispatchEvent('change', { detail: { value: '2026-12-20' } });
    await tap(page, '.first-visit');
    await tap(page, '.stackable');
    await tap(page, '.claimable');
    type(page, 'points', '300');
    await tap(page, '.save >>> .t-button');

    const [body] = sent('POST', TEMPLATES);
    expect(body).toMatchObject({
      kind: 'percent_off', percent_off: 20, cap_fen: 3000, threshold_fen: 0, scope: { kind: 'categories', ids: ['cat-noodles'] },
      first_visit_only: true, stackable: true, claimable: false, total_stock: null, points_price: 300,
    });
    expect(body.validity.kind).toBe('fixed');
    expect(new Date(body.validity.ends_at) > new Date(body.validity.starts_at)).toBe(true);
    expect(body).not.toHaveProperty('amount_off_fen');
  });

  test('a free dish picked from the menu', async () => {
    phone.answer(menu());
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });

    type(page, 'name', '送拍黄瓜');
    await tap(page, '.kind-free_dish');
    expect(page.querySelectorAll('.free-dish').map((n) => n.dom.textContent)).toEqual(['牛肉面', '拍黄瓜', '可乐']);
    page.querySelectorAll('.free-dish')[1].dispatchEvent('tap');
    await settle();
    await tap(page, '.save >>> .t-button');

    expect(sent('POST', TEMPLATES)[0]).toMatchObject({ kind: 'free_dish', free_dish_id: 'd-cucumber' });
  });

  test.each([
    [[], '请填写优惠券名称（30 字以内）'],
    [[['name', '券'], ['amount', '']], '请填写减免金额，例如 20'],
    [[['name', '券'], ['threshold', '10'], ['amount', '20']], '减免金额不能超过使用门槛'],
    [[['name', '券'], ['threshold', '十元'], ['amount', '5']], '使用门槛请填金额，例如 100，无门槛请留空'],
    [[['name', '券'], ['amount', '5'], ['days', '0']], '有效天数请填 1 到 3650 的整数'],
    [[['name', '券'], ['amount', '5'], ['stock', '-1']], '发放总量请填 1 到 1000000 的整数，不限量请留空'],
    [[['name', '券'], ['amount', '5'], ['limit', '0']], '每人限领请填 1 到 100 的整数'],
  ])('what is wrong is said before anything is sent (%j)', async (fields, message) => {
    phone.answer(menu());
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });

    fields.forEach(([field, value]) => type(page, field, value));
    await tap(page, '.save >>> .t-button');

    expect(text(page, '.problem')).toBe(message);
    expect(sent('POST', TEMPLATES)).toHaveLength(0);
  });

  test('a percent off needs its percent, a scope its choice, fixed dates both dates', async () => {
    phone.answer(menu());
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });
    type(page, 'name', '券');

    await tap(page, '.kind-percent_off');
    type(page, 'percent', '100');
    await tap(page, '.save >>> .t-button');
    expect(text(page, '.problem')).toBe('折扣请填 1 到 99 之间的整数（例如 20 即 8 折）');

    type(page, 'percent', '10');
    await tap(page, '.scope-dishes');
    await tap(page, '.save >>> .t-button');
    expect(text(page, '.problem')).toBe('请选择适用的菜品');

    await tap(page, '.scope-item');
    await tap(page, '.validity-fixed');
    await tap(page, '.save >>> .t-button');
    expect(text(page, '.problem')).toBe('请选择开始和结束日期，结束不能早于开始');
    expect(sent('POST', TEMPLATES)).toHaveLength(0);
  });

  test('a refused template shows the server\'s words and stays to be corrected', async () => {
    phone.answer(menu({ [`POST ${TEMPLATES}`]: problem(400, 'invalid_template', '赠送的菜品不存在', 'free_dish_id') }));
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner' });

    type(page, 'name', '券');
    type(page, 'amount', '5');
    await tap(page, '.save >>> .t-button');

    expect(text(page, '.problem')).toBe('赠送的菜品不存在');
    expect(exists(page, '.saved')).toBe(false);
  });

  test('editing changes the name and the stock, never below what was issued', async () => {
    phone.answer(backend({
      [`GET ${TEMPLATES}/${TEMPLATE.id}`]: json(200, TEMPLATE),
      [`PATCH ${TEMPLATES}/${TEMPLATE.id}`]: (request) => json(200, { ...TEMPLATE, ...request.data }),
    }));
    const page = await openPage(FORM, { store: STORE_ID, role: 'owner', template: TEMPLATE.id });
    expect(text(page, '.terms .title')).toBe('满¥100减¥20');
    expect(exists(page, '.threshold')).toBe(false);

    type(page, 'stock', '10');
    await tap(page, '.save >>> .t-button');
    expect(text(page, '.problem')).toBe('发放总量请填不少于已发数量（12）的整数，不限量请留空');

    type(page, 'name', '新客立减');
    type(page, 'stock', '200');
    await tap(page, '.save >>> .t-button');

    expect(sent('PATCH', `${TEMPLATES}/${TEMPLATE.id}`)).toEqual([{ name: '新客立减', total_stock: 200 }]);
    expect(text(page, '.saved .title')).toBe('已保存：新客立减');
  });
});
