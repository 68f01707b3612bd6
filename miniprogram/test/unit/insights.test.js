// What the insight screens and the menu's suggestions derive from the server's figures.
const V = require('../../src/staff/utils/insights');
const S = require('../../src/utils/suggestions');
const I = require('../support/insights');

describe('the insight figures', () => {
  test('a change of money keeps its sign; percentages one decimal, signed when asked, a dash for none', () => {
    expect([V.signedFen(71000), V.signedFen(-302000), V.signedFen(0)]).toEqual(['+¥710.00', '-¥3020.00', '¥0.00']);
    expect([V.percentText(12.345), V.percentText(12.345, true), V.percentText(-3, true), V.percentText(0, true), V.percentText(null)])
      .toEqual(['12.3%', '+12.3%', '-3%', '0%', '—']);
  });

  test('the period switch marks the chosen period', () => {
    expect(V.periodsView('30d').map((p) => [p.label, p.chosen])).toEqual([['今天', false], ['7天', false], ['30天', true]]);
  });

  test('KPI tiles: money formatted, counts as they are, each with its definition (none: empty)', () => {
    const tiles = V.kpiTiles(I.dashboard({ definitions: { revenue_fen: '营业额说明' } }));
    expect(tiles.map((t) => [t.label, t.value, t.definition])).toEqual([
      ['营业额', '¥1680.00', '营业额说明'], ['订单', '21', ''], ['客单价', '¥80.00', ''], ['人数', '48', ''],
    ]);
  });

  test('a month\'s days are labelled by the day of the month alone', () => {
    const daily = Array.from({ length: 30 }, (unused, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, revenue_fen: i, bills: 1 }));
    expect(V.dailyBars(daily).slice(0, 2).map((b) => [b.label, b.text])).toEqual([['01', '¥0.00'], ['02', '¥0.01']]);
  });

  test('the busy hours run from the first hour with a bill to the last; a day without bills has none', () => {
    expect(V.hourBars(I.hours({ 9: 1, 14: 2 })).map((b) => b.label)).toEqual(['9点', '10点', '11点', '12点', '13点', '14点']);
    expect(V.hourBars(I.hours({}))).toEqual([]);
  });

  test('ways of payment with their share of the amount, whole percent', () => {
    expect(V.paymentBars([{ method: 'wechat', count: 2, amount_fen: 200 }, { method: 'counter', count: 1, amount_fen: 100 }])
      .map((b) => b.text)).toEqual(['¥2.00 · 67%', '¥1.00 · 33%']);
    expect(V.paymentBars([{ method: 'cash_box', count: 0, amount_fen: 0 }])[0]).toMatchObject({ label: 'cash_box 0 笔', text: '¥0.00 · 0%' });
  });

  test('a campaign without cost has no return in its headline', () => {
    const [row] = V.dashboardView(I.dashboard({ campaigns: [{ ...I.dashboard().campaigns[0], cost_fen: 0, return_on_cost: null, status: 'finished' }] })).campaigns;
    expect(row).toMatchObject({ headline: '花费 ¥0.00，带回 ¥930.00', statusName: '已结束' });
  });

  test('only the best three suggestions, each with its reason and expected return', () => {
    const shown = V.suggestionsView([1, 2, 3, 4].map((n) => I.suggestion({ type: `t${n}`, expected_return_fen: n * 100 })));
    expect(shown.map((s) => s.type)).toEqual(['t1', 't2', 't3']);
    expect(shown[0]).toMatchObject({ reason: '42 位沉睡顾客，平均客单价 ¥186', expected: '预计净回报 ¥1.00' });
  });

  test('the ranking flags exactly the figures the server names below the median', () => {
    const view = V.rankingView(I.ranking());
    expect(view.stores.map((s) => s.flagged)).toEqual([false, true]);
    expect(view.stores[1].figures.filter((f) => f.below).map((f) => f.key)).toEqual(['revenue_fen', 'growth_percent', 'repeat_rate_percent']);
    expect(view.median.map((f) => f.value)).toEqual(['¥1500.00', '+5%', '40%', '¥80.00', '—']);
  });

  test('a member\'s history names the segment and the coupons\' sources; unknown words are shown as sent', () => {
    const view = V.historyView(I.history({
      coupons: [{ coupon_id: 'c9', title: '券', state: 'frozen', issued_at: '2026-03-01T04:00:00Z', source: 'partner', campaign_title: null }],
    }));
    expect(view.member.segment).toBe('沉睡顾客');
    expect(view.coupons[0]).toMatchObject({ state: 'frozen', usable: false, line: '2026-03-01 获得 · partner' });
  });
});

describe('the menu\'s suggestions', () => {
  const MENU = {
    a: { id: 'a', name: '牛肉面', sold_out: false, available_now: true },
    b: { id: 'b', name: '可乐', sold_out: true, available_now: true },
    c: { id: 'c', name: '早餐粥', sold_out: false, available_now: false },
    d: { id: 'd', name: '拍黄瓜', sold_out: false, available_now: true },
  };
  const find = (id) => MENU[id] || null;

  test('read from the answer; nothing sent reads as nothing to suggest', () => {
    expect(S.suggestionsOf({ usual: [{ dish_id: 'a', times: 3 }], together: [{ dish_id: 'a', with: ['d'] }] }))
      .toEqual({ usual: ['a'], together: { a: ['d'] } });
    expect(S.suggestionsOf(null)).toEqual(S.none());
    expect(S.suggestionsOf({})).toEqual(S.none());
  });

  test('only dishes on the menu that can be ordered now, in the order given', () => {
    expect(S.orderable(['d', 'b', 'x', 'c', 'a'], find).map((dish) => dish.id)).toEqual(['d', 'a']);
  });

  test('常一起点 names what can be had with a dish, or nothing', () => {
    const suggestions = S.suggestionsOf({ together: [{ dish_id: 'a', with: ['b', 'd', 'c'] }, { dish_id: 'd', with: ['b'] }] });
    expect(S.togetherText(suggestions, 'a', find)).toBe('常一起点：拍黄瓜');
    expect(S.togetherText(suggestions, 'd', find)).toBe('');
    expect(S.togetherText(suggestions, 'zz', find)).toBe('');
  });
});
