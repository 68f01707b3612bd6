// A noodle house's insights as the backend describes them: the dashboard, why revenue moved, the stores ranked, the
// customer segments and their members, a member's history and the suggested campaigns.
const { STORE_ID } = require('./staff');
const { card } = require('./campaigns');

const TENANT_ID = '5a1e0000-0000-4000-8000-0000000000a0';
const PERIOD = { key: '7d', from: '2026-11-26', to: '2026-12-02', time_zone: 'Asia/Shanghai' };
const DAYS = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];

function hours(busy = { 11: 4, 12: 9, 13: 2, 18: 6 }) {
  return Array.from({ length: 24 }, (unused, hour) => ({ hour, bills: busy[hour] || 0, revenue_fen: (busy[hour] || 0) * 8000 }));
}

function dashboard(overrides = {}) {
  return {
    period: PERIOD,
    scope: { store_id: STORE_ID, name: '老街面馆 总店' },
    revenue_fen: 168000, orders: 21, covers: 48, avg_basket_fen: 8000, bills: 21,
    diners: {
      new: { count: 6, revenue_fen: 40000, revenue_share_percent: 23.8 },
      returning: { count: 10, revenue_fen: 100000, revenue_share_percent: 59.5 },
      unknown: { revenue_fen: 28000 },
    },
    members_joined: { count: 5, by_staff: [
      { user_id: 'u-zhang', name: '张三', count: 3 }, { user_id: null, name: '自助加入', count: 2 },
    ] },
    top_dishes: [
      { dish_id: 'd1', name: '牛肉面', quantity: 30, revenue_fen: 84000 },
      { dish_id: 'd2', name: '拍黄瓜', quantity: 15, revenue_fen: 18000 },
    ],
    hours: hours(),
    daily: DAYS.map((date, index) => ({ date, revenue_fen: [20000, 0, 40000, 10000, 30000, 28000, 40000][index], bills: 3 })),
    payment_methods: [
      { method: 'wechat', count: 15, amount_fen: 126000 },
      { method: 'counter', count: 4, amount_fen: 30000 },
      { method: 'stored_value', count: 2, amount_fen: 12000 },
    ],
    refunds: { count: 1, amount_fen: 2800 },
    campaigns: [{
      campaign_id: 'ca000000-0000-4000-8000-000000000001', title: '唤醒沉睡顾客', type: 'win_back', status: 'running',
      reached: 42, coupons_redeemed: 5, attributed_revenue_fen: 93000, cost_fen: 15300, return_on_cost: 6.08,
    }],
    definitions: {
      revenue_fen: '已支付账单减去当期退款，与日结净额一致 / Paid bills less refunds in the period; equals the settlement\'s net',
      orders: '当期下单并付款的订单数 / Orders placed and paid in the period',
      avg_basket_fen: '营业额除以已支付账单数 / Revenue divided by paid bills',
      covers: '已支付账单的就餐人数之和 / Diners seated on paid bills',
    },
    ...overrides,
  };
}

function explanation(overrides = {}) {
  return {
    period: PERIOD, previous: { from: '2026-11-19', to: '2026-11-25' },
    revenue_fen: 168000, previous_revenue_fen: 399000, change_fen: -231000,
    parts: [
      { key: 'new_customers', change_fen: 0, current: 6, previous: 6 },
      { key: 'visit_frequency', change_fen: -302000, current: 20, previous: 38 },
      { key: 'basket_size', change_fen: 71000, current: 8600, previous: 8000 },
      { key: 'other', change_fen: 0 },
      { key: 'stored_value', change_fen: 0 },
    ],
    sentences: ['营业额比上周少 ¥2,310：老顾客少来了 18 人次（−¥3,020），客单价涨了 ¥6（+¥710）。'],
    sentences_en: ['Revenue is ¥2,310 lower than last week: returning diners came 18 times fewer (−¥3,020), the basket grew ¥6 (+¥710).'],
    ...overrides,
  };
}

function suggestion(overrides = {}) {
  return { ...card(), expected_return_fen: 186000, reason: '42 位沉睡顾客，平均客单价 ¥186', ...overrides };
}

function ranking(overrides = {}) {
  return {
    period: PERIOD,
    median: { revenue_fen: 150000, growth_percent: 5, repeat_rate_percent: 40, avg_basket_fen: 8000, campaign_return: null },
    stores: [
      {
        store_id: STORE_ID, name: '老街面馆 总店', rank: 1, revenue_fen: 200000, previous_revenue_fen: 180000,
        growth_percent: 11.1, repeat_rate_percent: 52.5, avg_basket_fen: 9000, campaign_return: 6.1, below_median: [],
      },
      {
        store_id: '44444444-4444-4444-4444-444444444444', name: '老街面馆 二店', rank: 2, revenue_fen: 100000,
        previous_revenue_fen: 120000, growth_percent: -16.7, repeat_rate_percent: 31, avg_basket_fen: 8000,
        campaign_return: null, below_median: ['revenue_fen', 'growth_percent', 'repeat_rate_percent'],
      },
    ],
    definitions: {},
    ...overrides,
  };
}

const SEGMENTS = [
  ['new', '新顾客', 'New', 12, '近 30 天首次到店 / first visit in the last 30 days'],
  ['regular', '常客', 'Regular', 40, '近 90 天到店 3 次以上 / 3+ visits in the last 90 days'],
  ['high_value', '高价值', 'High value', 8, '平均客单价在前 20% / average basket in the top 20%'],
  ['sleeping', '沉睡', 'Sleeping', 42, '45 到 365 天未到店 / no visit for 45 to 365 days'],
  ['lost', '流失', 'Lost', 5, '一年以上未到店 / no visit for over a year'],
].map(([key, label, labelEn, count, definition]) => ({ key, label, label_en: labelEn, count, definition }));

function segmentMember(index, overrides = {}) {
  return {
    member_id: `me000000-0000-4000-8000-00000000000${index}`, name: `张${'*'.repeat(index % 2 + 1)}`,
    phone: index % 2 ? '138****5678' : null, visits: 3 + index, spend_fen: 50000 + index * 100, avg_basket_fen: 12000,
    last_visit_at: '2026-10-01T04:00:00Z', level: index % 2 ? '金卡' : null,
    ...overrides,
  };
}

function history(overrides = {}) {
  return {
    member: {
      member_id: 'me000000-0000-4000-8000-000000000001', name: '张*', phone: '138****5678',
      joined_at: '2026-03-01T04:00:00Z', level: '金卡', visits: 9, spend_fen: 168000, avg_basket_fen: 18667,
      segment: 'sleeping',
    },
    visits: [
      { date: '2026-09-30', store_name: '老街面馆 总店', bills: 1, amount_fen: 18600,
        dishes: [{ name: '牛肉面', quantity: 2 }, { name: '拍黄瓜', quantity: 1 }] },
      { date: '2026-09-02', store_name: '老街面馆 二店', bills: 2, amount_fen: 21000, dishes: [{ name: '牛肉面', quantity: 3 }] },
    ],
    coupons: [
      { coupon_id: 'c1', title: '回归礼券', state: 'available', issued_at: '2026-12-01T02:00:00Z', source: 'campaign',
        campaign_title: '唤醒沉睡顾客' },
      { coupon_id: 'c2', title: '新客礼', state: 'used', issued_at: '2026-03-01T04:00:00Z', source: 'grant', campaign_title: null },
    ],
    ...overrides,
  };
}

module.exports = {
  TENANT_ID, PERIOD, dashboard, explanation, suggestion, ranking, SEGMENTS, segmentMember, history, hours,
};
