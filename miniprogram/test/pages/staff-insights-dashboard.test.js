const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');
const I = require('../support/insights');

const PAGE = 'staff/pages/insights/dashboard/index';
const DASHBOARD = `${STORE_PATH}/insights/dashboard`;
const EXPLANATION = `${STORE_PATH}/insights/explanation`;
const SUGGESTIONS = `${STORE_PATH}/insights/suggestions`;
const TENANT_DASHBOARD = `/api/v1/tenants/${I.TENANT_ID}/insights/dashboard`;
const OWNER = { store: STORE_ID, role: 'owner' };
const OPERATOR = { store: STORE_ID, role: 'operator', tenant: I.TENANT_ID };

function store(routes = {}) {
  return backend({
    [`GET ${DASHBOARD}`]: json(200, I.dashboard()),
    [`GET ${EXPLANATION}`]: json(200, I.explanation()),
    [`GET ${SUGGESTIONS}`]: json(200, { items: [I.suggestion()] }),
    ...routes,
  });
}

function asked(path) {
  return phone.requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === path).map((r) => new URL(r.url));
}

function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.replace(/\s+/g, ' ').trim());
}

/** A row chart's rows as [label, value]. */
function rows(page, chart) {
  const labels = texts(page, `${chart} >>> .row-label`);
  const values = texts(page, `${chart} >>> .bar-value`);
  return labels.map((label, index) => [label, values[index]]);
}

function heights(page, chart) {
  return page.querySelectorAll(`${chart} >>> .bar-fill`).map((node) => node.dom.getAttribute('style'));
}

describe('经营分析', () => {
  test('shows a loading state, then the KPI tiles for the last 7 days, each with its definition on a tap', async () => {
    const held = heldAnswer(json(200, I.dashboard()));
    phone.answer(store({ [`GET ${DASHBOARD}`]: held }));
    const page = await openPage(PAGE, OWNER);
    expect(text(page, '.loading')).toBe('正在统计经营数据…');

    held.release();
    await settle();

    expect(asked(DASHBOARD)[0].searchParams.get('period')).toBe('7d');
    expect(texts(page, '.period.chosen')).toEqual(['7天']);
    expect(text(page, '.range')).toBe('老街面馆 总店 · 2026-11-26 至 2026-12-02');
    expect(texts(page, '.tile-value')).toEqual(['¥1680.00', '21', '¥80.00', '48']);
    expect(exists(page, '.scope')).toBe(false);

    await tap(page, '.tile-revenue_fen');
    expect(text(page, '.definition')).toBe('营业额：已支付账单减去当期退款，与日结净额一致 / Paid bills less refunds in the period; equals the settlement\'s net');
    await tap(page, '.tile-covers');
    expect(text(page, '.definition')).toBe('人数：已支付账单的就餐人数之和 / Diners seated on paid bills');
    await tap(page, '.tile-covers');
    expect(exists(page, '.definition')).toBe(false);
  });

  test('why revenue moved: the server\'s sentences on top, and its parts', async () => {
    phone.answer(store());
    const page = await openPage(PAGE, OWNER);

    expect(text(page, '.sentence')).toBe('营业额比上周少 ¥2,310：老顾客少来了 18 人次（−¥3,020），客单价涨了 ¥6（+¥710）。');
    expect(text(page, '.sentence-en')).toBe('Revenue is ¥2,310 lower than last week: returning diners came 18 times fewer (−¥3,020), the basket grew ¥6 (+¥710).');
    expect(text(page, '.why-change')).toBe('比上期 -¥2310.00（¥3990.00 → ¥1680.00）');
    expect(texts(page, '.part-name')).toEqual(['新顾客', '老顾客到店', '老顾客客单价', '未登录顾客', '储值净充值']);
    expect(texts(page, '.part-detail')).toEqual(['6 → 6 人', '38 → 20 人次', '¥80.00 → ¥86.00', '', '']);
    expect(texts(page, '.part-change')).toEqual(['¥0.00', '-¥3020.00', '+¥710.00', '¥0.00', '¥0.00']);
  });

  test('the charts: revenue by day, busiest hours, ways of payment, top dishes, diners, recruits, refunds', async () => {
    phone.answer(store());
    const page = await openPage(PAGE, OWNER);

    expect(texts(page, '.daily-chart >>> .bar-label')).toEqual(['11-26', '11-27', '11-28', '11-29', '11-30', '12-01', '12-02']);
    expect(heights(page, '.daily-chart')).toEqual([
      'height: 50%', 'height: 0%', 'height: 100%', 'height: 25%', 'height: 75%', 'height: 70%', 'height: 100%',
    ]);
    // From the first busy hour to the last; too many columns to print each value: a tap says it.
    expect(texts(page, '.hours-chart >>> .bar-label')).toEqual(['11点', '12点', '13点', '14点', '15点', '16点', '17点', '18点']);
    const hourBars = page.querySelectorAll('.hours-chart >>> .bar-column');
    hourBars[1].dispatchEvent('tap');
    await settle();
    expect(text(page, '.hours-chart >>> .chart-picked')).toBe('12点 9 单');
    expect(rows(page, '.payments-chart')).toEqual([
      ['微信支付 15 笔', '¥1260.00 · 75%'], ['前台收款 4 笔', '¥300.00 · 18%'], ['储值余额 2 笔', '¥120.00 · 7%'],
    ]);
    expect(rows(page, '.dishes-chart')).toEqual([['牛肉面', '30 份 · ¥840.00'], ['拍黄瓜', '15 份 · ¥180.00']]);
    expect(text(page, '.diner-counts')).toBe('新顾客 6 人 · 老顾客 10 人');
    expect(rows(page, '.diners-chart')).toEqual([
      ['新顾客', '¥400.00 · 23.8%'], ['老顾客', '¥1000.00 · 59.5%'], ['未登录顾客', '¥280.00'],
    ]);
    expect(text(page, '.joined-count')).toBe('5');
    expect(rows(page, '.joined-chart')).toEqual([['张三', '3 位'], ['自助加入', '2 位']]);
    expect(text(page, '.refund-figures')).toBe('1 笔 · ¥28.00');
  });

  test('a campaign\'s results open its result card; a suggestion\'s 一键发起 opens its launch', async () => {
    phone.answer(store());
    const page = await openPage(PAGE, OWNER);

    expect(text(page, '.campaign-headline')).toBe('花费 ¥153.00，带回 ¥930.00，回报 6.1 倍');
    expect(text(page, '.campaign-counts')).toBe('触达 42 人 · 核销 5 张');
    await tap(page, '.campaign');
    expect(text(page, '.suggestion-reason')).toBe('42 位沉睡顾客，平均客单价 ¥186');
    expect(text(page, '.suggestion-figures')).toBe('满¥200减¥30 · 14 天有效 · 预计花费 ¥183.00 · 预计净回报 ¥1860.00');
    await tap(page, '.launch');

    expect(phone.navigations.map((n) => n.url)).toEqual([
      `/staff/pages/campaigns/detail/index?store=${STORE_ID}&role=owner&campaign=ca000000-0000-4000-8000-000000000001`,
      `/staff/pages/campaigns/launch/index?store=${STORE_ID}&role=owner&type=win_back`,
    ]);
  });

  test('at most three suggestions, a running one leads to its results', async () => {
    phone.answer(store({
      [`GET ${SUGGESTIONS}`]: json(200, { items: [
        I.suggestion({ running_campaign_id: 'ca-running' }), I.suggestion({ type: 'basket_boost', title: '提升客单价' }),
        I.suggestion({ type: 'welcome', title: '新客礼' }), I.suggestion({ type: 'birthday', title: '生日礼' }),
      ] }),
    }));
    const page = await openPage(PAGE, OWNER);

    expect(texts(page, '.suggestion-title')).toEqual(['唤醒沉睡顾客', '提升客单价', '新客礼']);
    await tap(page, '.to-running');
    expect(phone.navigations[0].url).toBe(`/staff/pages/campaigns/detail/index?store=${STORE_ID}&role=owner&campaign=ca-running`);
  });

  test('another period is read for that period', async () => {
    phone.answer(store());
    const page = await openPage(PAGE, OWNER);

    page.querySelectorAll('.period')[2].dispatchEvent('tap');
    await settle();

    expect(asked(DASHBOARD).map((url) => url.searchParams.get('period'))).toEqual(['7d', '30d']);
    expect(asked(EXPLANATION).map((url) => url.searchParams.get('period'))).toEqual(['7d', '30d']);
    expect(texts(page, '.period.chosen')).toEqual(['30天']);
  });

  test('an answer overtaken by a later period\'s is not shown', async () => {
    const slow = heldAnswer(json(200, I.dashboard({ revenue_fen: 111 })));
    phone.answer(store({
      [`GET ${DASHBOARD}`]: (request, url) => (url.searchParams.get('period') === 'today' ? slow(request)
        : json(200, I.dashboard({ revenue_fen: 222 }))),
    }));
    const page = await openPage(PAGE, OWNER);

    page.querySelectorAll('.period')[0].dispatchEvent('tap');
    await settle();
    page.querySelectorAll('.period')[2].dispatchEvent('tap');
    await settle();
    slow.release();
    await settle();

    expect(texts(page, '.period.chosen')).toEqual(['30天']);
    expect(text(page, '.tile-value')).toBe('¥2.22');
  });

  test('an operator switches to all stores: the tenant\'s dashboard, without a store\'s explanation or suggestions', async () => {
    phone.answer(store({
      [`GET ${TENANT_DASHBOARD}`]: json(200, I.dashboard({ scope: { store_id: null, name: '全部门店' }, revenue_fen: 500000 })),
    }));
    const page = await openPage(PAGE, OPERATOR);
    expect(texts(page, '.scope.chosen')).toEqual(['本店']);

    await tap(page, '.scope-all');

    expect(asked(TENANT_DASHBOARD)[0].searchParams.get('period')).toBe('7d');
    expect(text(page, '.range')).toContain('全部门店');
    expect(text(page, '.tile-value')).toBe('¥5000.00');
    expect(exists(page, '.why')).toBe(false);
    expect(exists(page, '.suggestion')).toBe(false);
    expect(asked(EXPLANATION)).toHaveLength(1);

    await tap(page, '.scope-store');
    expect(asked(DASHBOARD)).toHaveLength(2);
    expect(exists(page, '.why')).toBe(true);
  });

  test('a quiet period: empty charts say so, no campaigns, no suggestions', async () => {
    phone.answer(store({
      [`GET ${DASHBOARD}`]: json(200, I.dashboard({
        revenue_fen: 0, orders: 0, covers: 0, avg_basket_fen: 0, bills: 0, top_dishes: [], campaigns: [],
        hours: I.hours({}), daily: [{ date: '2026-12-02', revenue_fen: 0, bills: 0 }], payment_methods: [],
        members_joined: { count: 0, by_staff: [] },
        period: { ...I.PERIOD, key: 'today', from: '2026-12-02', to: '2026-12-02' },
      })),
      [`GET ${SUGGESTIONS}`]: json(200, { items: [] }),
    }));
    const page = await openPage(PAGE, OWNER);

    expect(text(page, '.range')).toBe('老街面馆 总店 · 2026-12-02');
    expect(text(page, '.daily-chart >>> .chart-empty')).toBe('暂无数据');
    expect(text(page, '.hours-chart >>> .chart-empty')).toBe('暂无数据');
    expect(text(page, '.dishes-chart >>> .chart-empty')).toBe('这段时间还没有卖出菜品');
    expect(text(page, '.joined-chart >>> .chart-empty')).toBe('这段时间没有新会员');
    expect(text(page, '.no-campaigns')).toBe('这段时间没有进行中的活动。');
    expect(text(page, '.no-suggestions')).toBe('暂时没有建议的活动。');
  });

  test('a refusal shows the server\'s words and a retry; a part that fails alone says so and the rest shows', async () => {
    let refused = true;
    phone.answer(store({
      [`GET ${DASHBOARD}`]: () => (refused ? problem(403, 'forbidden', '只有店主和运营可以查看经营分析') : json(200, I.dashboard())),
      [`GET ${EXPLANATION}`]: problem(503, 'unavailable', '服务暂时不可用，请稍后再试'),
      [`GET ${SUGGESTIONS}`]: problem(500, 'internal', '服务出错了'),
    }));
    const page = await openPage(PAGE, OWNER);
    expect(text(page, '.error')).toBe('只有店主和运营可以查看经营分析');
    expect(phone.toasts).toEqual([]);

    refused = false;
    await tap(page, '.retry >>> .t-button');

    expect(texts(page, '.tile-value')[0]).toBe('¥1680.00');
    expect(text(page, '.why-error')).toBe('暂时无法解释营业额变化：服务暂时不可用，请稍后再试');
    expect(text(page, '.suggestions-error')).toBe('服务出错了');
  });
});
