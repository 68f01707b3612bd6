// A noodle house's loyalty as the backend describes it: coupons and their templates, points, levels, stored value.
const { STORE } = require('./restaurant');

const STORE_PATH = `/api/v1/stores/${STORE.id}`;
const WALLET_PATH = `${STORE_PATH}/wallet`;

function coupon(overrides = {}) {
  return {
    id: 'c0c00000-0000-4000-8000-000000000001', template_id: 'te000000-0000-4000-8000-000000000001', name: '新客满减券',
    kind: 'amount_off', threshold_fen: 10000, amount_off_fen: 2000, percent_off: null, cap_fen: null, free_dish_id: null,
    scope: { kind: 'menu', ids: [] }, stackable: false, state: 'available', valid_from: '2026-12-01T04:00:00Z',
    valid_until: '2026-12-31T04:00:00Z', issued_at: '2026-12-01T04:00:00Z', source: 'claim', used_at: null, order_id: null,
    ...overrides,
  };
}

function template(overrides = {}) {
  return {
    id: 'te000000-0000-4000-8000-000000000001', name: '新客满减券', kind: 'amount_off', threshold_fen: 10000,
    amount_off_fen: 2000, percent_off: null, cap_fen: null, free_dish_id: null, first_visit_only: false,
    scope: { kind: 'menu', ids: [] }, validity: { kind: 'days', days: 30 }, total_stock: 100, issued_count: 12,
    redeemed_count: 5, per_member_limit: 1, stackable: false, claimable: true, claim_code: 'K7Q2XD9M', points_price: null,
    active: true, created_at: '2026-12-01T04:00:00Z',
    ...overrides,
  };
}

function points({ balance = 320, items, next = null } = {}) {
  return {
    balance,
    expiring: [{ points: 120, expires_at: '2027-12-31T15:59:59Z' }],
    history: {
      items: items || [
        { id: 'p2', kind: 'spend', points: -100, reason: '兑换优惠券', order_id: null, at: '2026-12-02T05:00:00Z' },
        { id: 'p1', kind: 'earn', points: 88, reason: '订单 A001', order_id: 'o1', at: '2026-12-02T04:00:00Z' },
      ],
      next,
    },
  };
}

/** Coupons on offer for points: 满减 for 100 points with 3 left, and 8折 for 500 points, unlimited. */
function offers() {
  return {
    items: [
      {
        template_id: 'te000000-0000-4000-8000-000000000011', name: '积分换满减', kind: 'amount_off', threshold_fen: 5000,
        amount_off_fen: 1000, percent_off: null, cap_fen: null, free_dish_id: null, first_visit_only: false,
        scope: { kind: 'menu', ids: [] }, stackable: false, validity: { kind: 'days', days: 30 }, per_member_limit: 5,
        points_price: 100, left: 3,
      },
      {
        template_id: 'te000000-0000-4000-8000-000000000012', name: '积分换八折', kind: 'percent_off', threshold_fen: 0,
        amount_off_fen: null, percent_off: 20, cap_fen: 3000, free_dish_id: null, first_visit_only: false,
        scope: { kind: 'menu', ids: [] }, stackable: false, validity: { kind: 'days', days: 7 }, per_member_limit: 1,
        points_price: 500, left: null,
      },
    ],
  };
}

const LEVELS = [
  { rank: 0, name: '普通', min_spend_fen: 0, member_prices: true, discount_percent: 0, points_multiplier: 1.0 },
  { rank: 1, name: '银卡', min_spend_fen: 100000, member_prices: true, discount_percent: 0, points_multiplier: 1.2 },
  { rank: 2, name: '金卡', min_spend_fen: 300000, member_prices: true, discount_percent: 5, points_multiplier: 1.5 },
];

function level(overrides = {}) {
  return {
    level: LEVELS[1], spend_12m_fen: 150000,
    next_level: { rank: 2, name: '金卡', min_spend_fen: 300000, spend_needed_fen: 150000 }, levels: LEVELS,
    ...overrides,
  };
}

function storedValue({ balance = 5500, principal = 5000, bonus = 500, items, next = null } = {}) {
  return {
    balance_fen: balance, principal_fen: principal, bonus_fen: bonus,
    history: {
      items: items || [
        { id: 's1', kind: 'top_up', principal_fen: 50000, bonus_fen: 5000, order_id: null, tab_id: null, at: '2026-12-01T04:00:00Z' },
        { id: 's2', kind: 'payment', principal_fen: -45000, bonus_fen: -4500, order_id: 'o1', tab_id: null, at: '2026-12-02T04:00:00Z' },
      ],
      next,
    },
  };
}

const PACKAGES = [
  { id: 'pk1', name: '充 500 送 50', price_fen: 50000, bonus_fen: 5000, active: true },
  { id: 'pk2', name: '旧套餐', price_fen: 20000, bonus_fen: 0, active: false },
];

module.exports = { STORE_PATH, WALLET_PATH, coupon, template, points, offers, LEVELS, level, storedValue, PACKAGES };
