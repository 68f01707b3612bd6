const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE, STORE_PATH, heldAnswer } = require('../support/staff');
const C = require('../support/campaigns');
const L = require('../support/loyalty');

const HOME = 'staff/pages/campaigns/home/index';
const LAUNCH = 'staff/pages/campaigns/launch/index';
const DETAIL = 'staff/pages/campaigns/detail/index';
const REFERRAL = 'staff/pages/campaigns/referral/index';
const SETTINGS = `${STORE_PATH}/referral-settings`;
const TEMPLATES = `${STORE_PATH}/coupon-templates`;
const CARDS = `${STORE_PATH}/campaign-cards`;
const REMINDERS = `${STORE_PATH}/expiry-reminders`;
const CAMPAIGNS = `${STORE_PATH}/campaigns`;
const CAMPAIGN = C.campaign();
const OWNER = { store: STORE_ID, role: 'owner' };

const BASKET = C.card({
  type: 'basket_boost', title: '提升客单价', summary: '120 位回头客，平均客单价 ¥95',
  audience: { count: 120, avg_basket_fen: 9500, reachable_by_sms: 80 },
  offer: { kind: 'amount_off', threshold_fen: 12000, amount_off_fen: 1500, percent_off: null, cap_fen: null, validity_days: 30 },
  estimate: { expected_redemptions: 18, coupon_cost_fen: 27000, message_cost_fen: 800, total_cost_fen: 27800 },
  preview: { message: '常来的你，满120减15', coupon: { name: '回头客满减', kind: 'amount_off', threshold_fen: 12000, amount_off_fen: 1500, validity_days: 30 } },
  params: { min_visits: 2 },
});

function sent(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path).map((r) => r.data);
}

function type(page, selector, value) {
  page.querySelector(selector).dispatchEvent('input', { detail: { value } });
}

function store(routes = {}) {
  return backend({
    [`GET ${CARDS}`]: json(200, { items: [C.card(), BASKET] }),
    [`GET ${CAMPAIGNS}`]: json(200, { items: [CAMPAIGN] }),
    [`GET ${REMINDERS}`]: json(200, C.reminders()),
    ...routes,
  });
}

describe('营销', () => {
  test('the cards, ranked as the server ranks them: audience, offer, cost and what members will see', async () => {
    phone.answer(store());
    const page = await openPage(HOME, OWNER);

    expect(page.querySelectorAll('.card-title').map((n) => n.dom.textContent)).toEqual(['唤醒沉睡顾客', '提升客单价']);
    expect(text(page, '.card-summary')).toBe('42 位沉睡顾客，平均客单价 ¥186');
    expect(text(page, '.card-audience')).toBe('触达 42 人 · 平均客单价 ¥186.00 · 可短信触达 30 人');
    expect(text(page, '.card-offer')).toBe('满¥200减¥30 · 14 天有效');
    expect(text(page, '.card-cost')).toBe('预计花费 ¥183.00');
    expect(text(page, '.card-cost-parts')).toBe('预计核销 6 张 · 券 ¥180.00 · 消息 ¥3.00');
    expect(text(page, '.preview-message')).toBe('好久不见！送你一张满200减30的券，14天内有效。退订回T');
    expect(page.querySelectorAll('.preview-coupon').map((n) => n.dom.textContent)).toEqual([
      '🎫 回归礼券（满¥200减¥30）', '🎫 回头客满减（满¥120减¥15 · 30 天有效）',
    ]);
  });

  test('the campaigns launched, each with its status and what it brought back, open their result card', async () => {
    phone.answer(store({
      [`GET ${CAMPAIGNS}`]: json(200, { items: [CAMPAIGN, C.campaign({ id: 'ca2', status: 'paused', results: C.results({ cost_fen: 0, message_cost_fen: 0, return_on_cost: null, attributed_revenue_fen: 0 }) })] }),
    }));
    const page = await openPage(HOME, OWNER);

    expect(page.querySelectorAll('.campaign-headline').map((n) => n.dom.textContent)).toEqual([
      '花费 ¥20.00，带回 ¥800.00，回报 40 倍', '花费 ¥0.00，带回 ¥0.00',
    ]);
    expect(text(page, '.campaign')).toContain('进行中');
    expect(page.querySelectorAll('.campaign')[1].dom.textContent).toContain('已暂停');
    expect(text(page, '.campaign-counts')).toBe('触达 200 人 · 核销 1 张 · 带来 1 单');

    await tap(page, '.campaign');
    expect(phone.navigations[0].url).toBe(`/staff/pages/campaigns/detail/index?store=${STORE_ID}&role=owner&campaign=${CAMPAIGN.id}`);
  });

  test('一键发起 asks first, then launches the card as shown, once however often tapped', async () => {
    const held = heldAnswer(json(201, CAMPAIGN));
    phone.answer(store({ [`POST ${CAMPAIGNS}`]: held }));
    const page = await openPage(HOME, OWNER);

    await tap(page, '.launch');
    await tap(page, '.launch');
    held.release();
    await settle();

    expect(phone.modals[0].title).toBe('发起「唤醒沉睡顾客」');
    expect(phone.modals[0].content).toContain('预计花费 ¥183.00');
    const launches = sent('POST', CAMPAIGNS);
    expect(launches).toHaveLength(1);
    expect(launches[0]).toEqual({
      type: 'win_back',
      offer: { kind: 'amount_off', threshold_fen: 20000, amount_off_fen: 3000, validity_days: 14 },
      params: { min_days: 45, max_days: 365, min_avg_basket_fen: 15000 },
      idempotency_key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(phone.toasts).toEqual(['活动已发起']);
    // Read again after launching: the cards and the campaigns as they now are.
    expect(sent('GET', CARDS)).toHaveLength(2);
  });

  test('declining the question launches nothing', async () => {
    phone.answer(store());
    phone.modalAnswer = false;
    const page = await openPage(HOME, OWNER);

    await tap(page, '.launch');

    expect(sent('POST', CAMPAIGNS)).toHaveLength(0);
  });

  test('after a lost answer the launch is retried with the same key; after a refusal a new one', async () => {
    let answers = [{ errMsg: 'request:fail timeout' }, problem(409, 'campaign_running', '这个活动已在进行中'), json(201, CAMPAIGN)];
    phone.answer(store({
      [`POST ${CAMPAIGNS}`]: () => {
        const [next, ...rest] = answers;
        answers = rest;
        if (next.errMsg) {
          throw next;
        }
        return next;
      },
    }));
    const page = await openPage(HOME, OWNER);

    await tap(page, '.launch');
    expect(phone.toasts).toEqual(['网络超时，请稍后重试']);
    await tap(page, '.launch');
    expect(phone.toasts[1]).toBe('这个活动已在进行中');
    await tap(page, '.launch');

    const keys = sent('POST', CAMPAIGNS).map((body) => body.idempotency_key);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  test('a card already running leads to its results; one with nobody to reach cannot be launched', async () => {
    phone.answer(store({
      [`GET ${CARDS}`]: json(200, { items: [
        C.card({ running_campaign_id: CAMPAIGN.id }),
        C.card({ type: 'birthday', title: '生日礼', audience: { count: 0, avg_basket_fen: 0, reachable_by_sms: 0 } }),
      ] }),
    }));
    const page = await openPage(HOME, OWNER);

    expect(page.querySelectorAll('.launch')).toHaveLength(0);
    expect(text(page, '.no-audience')).toBe('目前没有符合条件的顾客，暂不能发起。');
    await tap(page, '.to-running');
    expect(phone.navigations[0].url).toBe(`/staff/pages/campaigns/detail/index?store=${STORE_ID}&role=owner&campaign=${CAMPAIGN.id}`);
  });

  test('nothing yet: both empty states; 调整后发起 opens the card\'s form; a refusal shows its words', async () => {
    phone.answer(store({ [`GET ${CARDS}`]: json(200, { items: [] }), [`GET ${CAMPAIGNS}`]: json(200, { items: [] }) }));
    const empty = await openPage(HOME, OWNER);
    expect(exists(empty, '.no-cards')).toBe(true);
    expect(text(empty, '.no-campaigns')).toBe('还没有发起过活动。');

    phone.answer(store());
    const listed = await openPage(HOME, OWNER);
    listed.querySelectorAll('.adjust')[1].dispatchEvent('tap');
    await settle();
    expect(phone.navigations[0].url).toBe(`/staff/pages/campaigns/launch/index?store=${STORE_ID}&role=owner&type=basket_boost`);
    const operator = await openPage(HOME, { store: STORE_ID, role: 'operator', tenant: STORE.tenant_id });
    operator.querySelectorAll('.adjust')[1].dispatchEvent('tap');
    await settle();
    expect(phone.navigations[1].url).toBe(`/staff/pages/campaigns/launch/index?store=${STORE_ID}&role=operator&tenant=${STORE.tenant_id}&type=basket_boost`);

    phone.answer(store({ [`GET ${CARDS}`]: problem(403, 'forbidden', '只有店主可以发起营销活动') }));
    const refused = await openPage(HOME, OWNER);
    expect(text(refused, '.error')).toBe('只有店主可以发起营销活动');
  });
});

describe('the referral card and the automatic reminders', () => {
  test('邀请有礼 shows what it offers, its cost and results, and opens its settings instead of launching', async () => {
    phone.answer(store({ [`GET ${CARDS}`]: json(200, { items: [C.referralCard(), C.card()] }) }));
    const page = await openPage(HOME, OWNER);

    const first = (selector) => page.querySelectorAll(selector)[0].dom.textContent;
    expect(first('.card-title')).toBe('邀请有礼');
    expect(first('.card-audience')).toBe('触达 120 人 · 平均客单价 ¥95.00 · 可短信触达 0 人');
    expect(first('.card-offer')).toBe('好友入会得「新朋友满50减10」 · 邀满 5 位得「邀请奖励减30」');
    expect(first('.card-cost')).toBe('预计花费 ¥60.00');
    expect(text(page, '.card-referral-results')).toBe('好友入会 7 位 · 已消费 4 位 · 发放奖励 1 份 · 带来 ¥432.00');
    expect(page.querySelectorAll('.launch')).toHaveLength(1);
    expect(page.querySelectorAll('.adjust')).toHaveLength(1);

    await tap(page, '.referral-settings');
    expect(phone.navigations[0].url).toBe(`/staff/pages/campaigns/referral/index?store=${STORE_ID}&role=owner`);
  });

  test('到期提醒 says how many members it reminded this week, and is switched off and on again', async () => {
    let active = true;
    phone.answer(store({
      [`PUT ${REMINDERS}`]: (request) => {
        active = request.data.active;
        return json(200, C.reminders({ active, summary: active ? '到期提醒：本周已提醒 12 位会员' : '到期提醒：已关闭' }));
      },
    }));
    const page = await openPage(HOME, OWNER);
    expect(text(page, '.reminders-summary')).toBe('到期提醒：本周已提醒 12 位会员');
    expect(text(page, '.reminders-switch')).toBe('关闭提醒');

    await tap(page, '.reminders-switch');
    expect(sent('PUT', REMINDERS)).toEqual([{ active: false }]);
    expect(text(page, '.reminders-summary')).toBe('到期提醒：已关闭');
    expect(text(page, '.reminders-switch')).toBe('开启提醒');

    await tap(page, '.reminders-switch');
    expect(sent('PUT', REMINDERS)).toEqual([{ active: false }, { active: true }]);
    expect(text(page, '.reminders-summary')).toBe('到期提醒：本周已提醒 12 位会员');
  });

  test('a refused switch shows the server\'s words and keeps the reminders as they were', async () => {
    phone.answer(store({ [`PUT ${REMINDERS}`]: problem(403, 'forbidden', '只有店主可以修改到期提醒') }));
    const page = await openPage(HOME, OWNER);
    await tap(page, '.reminders-switch');
    expect(phone.toasts).toContain('只有店主可以修改到期提醒');
    expect(text(page, '.reminders-summary')).toBe('到期提醒：本周已提醒 12 位会员');
  });
});

describe('launching with changes', () => {
  test('the offer, the audience, a budget and a start time changed: sent as typed, in fen, with the card\'s own fields', async () => {
    phone.answer(store({ [`POST ${CAMPAIGNS}`]: json(201, C.campaign({ status: 'scheduled', budget_fen: 50000, starts_at: '2030-01-02T01:30:00Z' })) }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'win_back' });
    expect(text(page, '.summary')).toBe('42 位沉睡顾客，平均客单价 ¥186');
    // The form starts from the card's offer and audience, in yuan.
    expect(page.instance.data.form).toMatchObject({ threshold: '200', amount: '30', days: '14' });
    expect(page.instance.data.form.params.map((param) => [param.label, param.value])).toEqual([
      ['距上次到店至少（天）', '45'], ['距上次到店至多（天）', '365'], ['平均客单价至少（元）', '150'],
    ]);

    type(page, '.threshold', '150');
    type(page, '.amount', '25.5');
    type(page, '.days', '7');
    type(page, '.param-min_days', '60');
    type(page, '.param-min_avg_basket_fen', '120');
    type(page, '.budget', '500');
    page.querySelector('.start-date').dispatchEvent('change', { detail: { value: '2030-01-02' } });
    await settle();
    page.querySelector('.start-time').dispatchEvent('change', { detail: { value: '09:30' } });
    await tap(page, '.launch >>> .t-button');

    const [body] = sent('POST', CAMPAIGNS);
    expect(body).toEqual({
      type: 'win_back',
      offer: { kind: 'amount_off', threshold_fen: 15000, amount_off_fen: 2550, validity_days: 7 },
      params: { min_days: 60, max_days: 365, min_avg_basket_fen: 12000 },
      budget_fen: 50000,
      starts_at: new Date('2030-01-02T09:30:00').toISOString(),
      idempotency_key: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    });
    expect(text(page, '.launched .title')).toBe('已发起：唤醒沉睡顾客');
    expect(text(page, '.launched-state')).toContain('待开始');
  });

  test('the parameters the server gives a basket boost and a welcome are named in the owner\'s words', async () => {
    const basket = { ...BASKET, params: { min_visits: 2, multiplier_percent: 120, reward_percent: 10 } };
    const welcome = C.card({ type: 'welcome', title: '新客礼', params: { joined_within_days: 30 } });
    phone.answer(store({ [`GET ${CARDS}`]: json(200, { items: [basket, welcome] }), [`POST ${CAMPAIGNS}`]: json(201, CAMPAIGN) }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'basket_boost' });
    expect(page.instance.data.form.params.map((param) => [param.label, param.value])).toEqual([
      ['到店次数至少（次）', '2'], ['门槛为个人平均客单价的（%）', '120'], ['减免为门槛的（%）', '10'],
    ]);
    type(page, '.param-multiplier_percent', '130');
    await tap(page, '.launch >>> .t-button');
    expect(sent('POST', CAMPAIGNS)[0].params).toEqual({ min_visits: 2, multiplier_percent: 130, reward_percent: 10 });

    const form = await openPage(LAUNCH, { ...OWNER, type: 'welcome' });
    expect(form.instance.data.form.params.map((param) => [param.label, param.value])).toEqual([
      ['入会后几天内发放（天）', '30'],
    ]);
  });

  test('a factor among the audience\'s parameters stays a decimal; counts stay whole', async () => {
    const basket = { ...BASKET, params: { min_visits: 2, threshold_multiplier: 1.2 } };
    phone.answer(store({ [`GET ${CARDS}`]: json(200, { items: [basket] }), [`POST ${CAMPAIGNS}`]: json(201, CAMPAIGN) }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'basket_boost' });
    expect(page.instance.data.form.params.map((param) => [param.label, param.value])).toEqual([
      ['到店次数至少（次）', '2'], ['门槛为个人平均客单价的（倍）', '1.2'],
    ]);

    type(page, '.param-threshold_multiplier', '一点三');
    await tap(page, '.launch >>> .t-button');
    expect(text(page, '.problem')).toBe('「门槛为个人平均客单价的（倍）」请填不小于 0 的数');
    type(page, '.param-min_visits', '2.5');
    type(page, '.param-threshold_multiplier', '1.3');
    await tap(page, '.launch >>> .t-button');
    expect(text(page, '.problem')).toBe('「到店次数至少（次）」请填不小于 0 的整数');
    type(page, '.param-min_visits', '3');
    await tap(page, '.launch >>> .t-button');

    expect(sent('POST', CAMPAIGNS)).toHaveLength(1);
    expect(sent('POST', CAMPAIGNS)[0].params).toEqual({ min_visits: 3, threshold_multiplier: 1.3 });
  });

  test.each([
    [[['.amount', '']], '请填写减免金额，例如 30'],
    [[['.threshold', '20'], ['.amount', '30']], '减免金额不能超过使用门槛'],
    [[['.threshold', '二百']], '使用门槛请填金额，例如 200，无门槛请留空'],
    [[['.days', '0']], '券的有效天数请填 1 到 365 的整数'],
    [[['.param-min_days', '400']], '距上次到店的天数：至少不能大于至多'],
    [[['.param-max_days', '-1']], '「距上次到店至多（天）」请填不小于 0 的整数'],
    [[['.budget', '0']], '预算请填金额，例如 500，不设预算请留空'],
  ])('what is wrong is said before anything is sent (%j)', async (fields, message) => {
    phone.answer(store());
    const page = await openPage(LAUNCH, { ...OWNER, type: 'win_back' });

    fields.forEach(([field, value]) => type(page, field, value));
    await tap(page, '.launch >>> .t-button');

    expect(text(page, '.problem')).toBe(message);
    expect(sent('POST', CAMPAIGNS)).toHaveLength(0);
  });

  test('a start in the past is refused before sending; 改为立即开始 clears it', async () => {
    phone.answer(store({ [`POST ${CAMPAIGNS}`]: json(201, CAMPAIGN) }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'win_back' });

    page.querySelector('.start-date').dispatchEvent('change', { detail: { value: '2020-01-01' } });
    await tap(page, '.launch >>> .t-button');
    expect(text(page, '.problem')).toBe('开始时间不能早于现在，立即开始请留空');

    await tap(page, '.clear-start');
    await tap(page, '.launch >>> .t-button');
    expect(sent('POST', CAMPAIGNS)[0]).not.toHaveProperty('starts_at');
  });

  test('a launch lost on the way keeps its key for the retry; a refusal shows the server\'s words', async () => {
    let answers = [{ errMsg: 'request:fail' }, problem(400, 'over_budget', '预算不足以覆盖一张券', 'budget_fen')];
    phone.answer(store({
      [`POST ${CAMPAIGNS}`]: () => {
        const [next, ...rest] = answers;
        answers = rest;
        if (next.errMsg) {
          throw next;
        }
        return next;
      },
    }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'win_back' });

    await tap(page, '.launch >>> .t-button');
    expect(text(page, '.problem')).toBe('网络连接失败，请检查网络后重试');
    await tap(page, '.launch >>> .t-button');

    const keys = sent('POST', CAMPAIGNS).map((body) => body.idempotency_key);
    expect(keys[1]).toBe(keys[0]);
    expect(text(page, '.problem')).toBe('预算不足以覆盖一张券');
    expect(exists(page, '.launched')).toBe(false);
  });

  test('an operator picks the brand\'s stores whose members it reaches (this one first); none picked is refused', async () => {
    const tenant = STORE.tenant_id;
    const other = { ...STORE, id: '5a1e0000-0000-4000-8000-0000000000b2', name: '老街面馆 二店' };
    phone.answer(store({
      [`GET /api/v1/tenants/${tenant}/stores`]: json(200, { stores: [STORE, other] }),
      [`POST ${CAMPAIGNS}`]: json(201, C.campaign()),
    }));
    const page = await openPage(LAUNCH, { store: STORE_ID, role: 'operator', tenant, type: 'win_back' });
    expect(page.instance.data.stores).toEqual([
      { id: STORE_ID, name: '老街面馆 总店', picked: true }, { id: other.id, name: '老街面馆 二店', picked: false },
    ]);
    expect(page.querySelectorAll('.store-choice')).toHaveLength(2);

    page.querySelector('.store-picker').dispatchEvent('change', { detail: { value: [] } });
    await settle();
    await tap(page, '.launch >>> .t-button');
    expect(text(page, '.problem')).toBe('请至少选择一家门店');
    expect(sent('POST', CAMPAIGNS)).toHaveLength(0);

    page.querySelector('.store-picker').dispatchEvent('change', { detail: { value: [STORE_ID, other.id] } });
    await settle();
    await tap(page, '.launch >>> .t-button');
    const [body] = sent('POST', CAMPAIGNS);
    expect(body.store_ids).toEqual([STORE_ID, other.id]);
  });

  test('an owner has no store picker and sends no stores: the campaign reaches their store', async () => {
    phone.answer(store({ [`POST ${CAMPAIGNS}`]: json(201, C.campaign()) }));
    const page = await openPage(LAUNCH, { ...OWNER, tenant: STORE.tenant_id, type: 'win_back' });
    expect(exists(page, '.store-picker')).toBe(false);
    await tap(page, '.launch >>> .t-button');
    const [body] = sent('POST', CAMPAIGNS);
    expect(body).not.toHaveProperty('store_ids');
    expect(phone.requests.filter((r) => r.url.includes('/tenants/'))).toHaveLength(0);
  });

  test('a card no longer offered says so', async () => {
    phone.answer(store({ [`GET ${CARDS}`]: json(200, { items: [] }) }));
    const page = await openPage(LAUNCH, { ...OWNER, type: 'win_back' });
    expect(text(page, '.error')).toBe('这个活动现在没有可推荐的方案，请返回营销页重新选择');
  });
});

describe('the result card', () => {
  const PATH = `${CAMPAIGNS}/${CAMPAIGN.id}`;

  test('reached, issued, redeemed, orders, revenue and cost in yuan, the return, and visits labelled as such', async () => {
    phone.answer(backend({ [`GET ${PATH}`]: json(200, CAMPAIGN) }));
    const page = await openPage(DETAIL, { ...OWNER, campaign: CAMPAIGN.id });

    expect(text(page, '.headline')).toBe('花费 ¥20.00，带回 ¥800.00，回报 40 倍');
    expect(['.reached', '.issued', '.redeemed', '.orders'].map((selector) => text(page, selector))).toEqual(['200', '200', '1', '1']);
    expect(text(page, '.revenue')).toBe('¥800.00');
    expect(text(page, '.cost')).toBe('¥20.00');
    expect(text(page, '.cost-parts')).toBe('（券 ¥0.00 + 消息 ¥20.00）');
    expect(text(page, '.sent')).toBe('短信 200 条 · 消息盒子 200 条');
    expect(text(page, '.visits')).toBe('触达后 14 天内到店 3 次（含未用券的到店，仅供参考）');
    expect(page.querySelectorAll('.action').map((n) => n.dom.textContent)).toEqual(['暂停', '停止']);
  });

  test('a fractional return shows one decimal', async () => {
    phone.answer(backend({ [`GET ${PATH}`]: json(200, C.campaign({ results: C.results({ cost_fen: 30000, attributed_revenue_fen: 100000, return_on_cost: 10 / 3 }) })) }));
    const page = await openPage(DETAIL, { ...OWNER, campaign: CAMPAIGN.id });
    expect(text(page, '.headline')).toBe('花费 ¥300.00，带回 ¥1000.00，回报 3.3 倍');
  });

  test('pause, resume and stop (asked first) show the campaign as the server answers', async () => {
    phone.answer(backend({
      [`GET ${PATH}`]: json(200, CAMPAIGN),
      [`POST ${PATH}/pause`]: json(200, C.campaign({ status: 'paused' })),
      [`POST ${PATH}/resume`]: json(200, C.campaign({ status: 'running' })),
      [`POST ${PATH}/stop`]: json(200, C.campaign({ status: 'stopped' })),
    }));
    const page = await openPage(DETAIL, { ...OWNER, campaign: CAMPAIGN.id });

    await tap(page, '.pause');
    expect(page.querySelectorAll('.action').map((n) => n.dom.textContent)).toEqual(['继续', '停止']);
    await tap(page, '.resume');
    phone.modalAnswer = false;
    await tap(page, '.stop');
    expect(sent('POST', `${PATH}/stop`)).toHaveLength(0);
    phone.modalAnswer = true;
    await tap(page, '.stop');

    expect(sent('POST', `${PATH}/pause`)).toHaveLength(1);
    expect(sent('POST', `${PATH}/resume`)).toHaveLength(1);
    expect(sent('POST', `${PATH}/stop`)).toHaveLength(1);
    expect(phone.toasts).toEqual(['活动已暂停', '活动进行中', '活动已停止']);
    expect(exists(page, '.action')).toBe(false);
  });

  test('a refused action and an unknown campaign show the server\'s words', async () => {
    phone.answer(backend({
      [`GET ${PATH}`]: json(200, CAMPAIGN),
      [`POST ${PATH}/pause`]: problem(409, 'campaign_finished', '活动已结束，不能暂停'),
    }));
    const page = await openPage(DETAIL, { ...OWNER, campaign: CAMPAIGN.id });
    await tap(page, '.pause');
    expect(phone.toasts).toEqual(['活动已结束，不能暂停']);

    phone.answer(backend({ [`GET ${PATH}`]: problem(404, 'campaign_not_found', '活动不存在') }));
    const missing = await openPage(DETAIL, { ...OWNER, campaign: CAMPAIGN.id });
    expect(text(missing, '.error')).toBe('活动不存在');
  });
});

describe('邀请有礼 settings', () => {
  const WELCOME = L.template({ id: 'te000000-0000-4000-8000-000000000001', name: '新朋友满50减10' });
  const REWARD = L.template({ id: 'te000000-0000-4000-8000-000000000002', name: '邀请奖励减30' });
  const SAVED = {
    active: true, needed: 5, cap_per_sharer: 10, friend_template_id: WELCOME.id, sharer_template_id: null,
  };

  function settings(routes = {}) {
    return backend({
      [`GET ${SETTINGS}`]: json(200, SAVED),
      [`GET ${TEMPLATES}`]: json(200, { items: [WELCOME, REWARD] }),
      [`PUT ${SETTINGS}`]: (request) => json(200, request.data),
      ...routes,
    });
  }

  test('the settings as kept: running, friends needed, the cap and both coupons by name', async () => {
    phone.answer(settings());
    const page = await openPage(REFERRAL, OWNER);

    expect(text(page, '.active')).toBe('✓ 邀请有礼进行中');
    expect(page.instance.data.needed).toBe('5');
    expect(page.instance.data.cap).toBe('10');
    expect(text(page, '.friend-coupon-name')).toBe('新朋友满50减10');
    expect(text(page, '.sharer-coupon-name')).toBe('不发券');
  });

  test('changed and saved: sent whole, the coupons as template ids (none as null)', async () => {
    phone.answer(settings());
    const page = await openPage(REFERRAL, OWNER);

    type(page, '.needed', '3');
    page.querySelector('.sharer-coupon').dispatchEvent('change', { detail: { value: 2 } });
    page.querySelector('.friend-coupon').dispatchEvent('change', { detail: { value: 0 } });
    await tap(page, '.active');
    await settle();
    expect(text(page, '.sharer-coupon-name')).toBe('邀请奖励减30');
    await tap(page, '.save >>> .t-button');

    expect(sent('PUT', SETTINGS)).toEqual([{
      active: false, needed: 3, cap_per_sharer: 10, friend_template_id: null, sharer_template_id: REWARD.id,
    }]);
    expect(phone.toasts).toContain('邀请有礼已保存');
  });

  test('a cap below the friends needed is refused before sending; the server\'s refusal shows its words', async () => {
    phone.answer(settings({ [`PUT ${SETTINGS}`]: problem(400, 'coupon_template_unknown', '找不到这张优惠券', 'sharer_template_id') }));
    const page = await openPage(REFERRAL, OWNER);

    type(page, '.cap', '2');
    await tap(page, '.save >>> .t-button');
    expect(text(page, '.problem')).toBe('每人最多计入的好友数：请填不少于奖励所需人数、不超过 1000 的整数');
    expect(sent('PUT', SETTINGS)).toEqual([]);

    type(page, '.cap', '20');
    await tap(page, '.save >>> .t-button');
    expect(sent('PUT', SETTINGS)).toHaveLength(1);
    expect(text(page, '.problem')).toBe('找不到这张优惠券');
  });

  test('settings that cannot be read show the reason and a retry', async () => {
    phone.answer(settings({ [`GET ${SETTINGS}`]: problem(403, 'forbidden', '只有店主可以设置邀请有礼') }));
    const page = await openPage(REFERRAL, OWNER);
    expect(text(page, '.error')).toBe('只有店主可以设置邀请有礼');
    expect(exists(page, '.retry')).toBe(true);
  });
});
