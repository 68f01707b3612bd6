// A noodle house's campaigns as the backend describes them: the cards, campaigns with their results, the diner's
// messages, referral progress and the subscribe-message templates.
const { STORE } = require('./restaurant');

const STORE_PATH = `/api/v1/stores/${STORE.id}`;

function card(overrides = {}) {
  return {
    type: 'win_back',
    title: '唤醒沉睡顾客',
    summary: '42 位沉睡顾客，平均客单价 ¥186',
    audience: { count: 42, avg_basket_fen: 18600, reachable_by_sms: 30 },
    offer: {
      kind: 'amount_off', threshold_fen: 20000, amount_off_fen: 3000, percent_off: null, cap_fen: null, validity_days: 14,
      per_member: false, valid_hours: [],
    },
    estimate: { expected_redemptions: 6, coupon_cost_fen: 18000, message_cost_fen: 300, total_cost_fen: 18300 },
    preview: { message: '好久不见！送你一张满200减30的券，14天内有效。退订回T', coupon: '回归礼券（满¥200减¥30）' },
    params: { min_days: 45, max_days: 365, min_avg_basket_fen: 15000 },
    running_campaign_id: null,
    ...overrides,
  };
}

function results(overrides = {}) {
  return {
    reached: 200, coupons_issued: 200, sms_sent: 200, messages_sent: 200, coupons_redeemed: 1, attributed_orders: 1,
    attributed_revenue_fen: 80000, coupon_cost_fen: 0, message_cost_fen: 2000, cost_fen: 2000, return_on_cost: 40,
    visits_in_window: 3, window_days: 14,
    ...overrides,
  };
}

function campaign(overrides = {}) {
  return {
    id: 'ca000000-0000-4000-8000-000000000001', type: 'win_back', title: '唤醒沉睡顾客', status: 'running',
    offer: card().offer, params: card().params, budget_fen: null, starts_at: '2026-12-02T02:00:00Z',
    created_at: '2026-12-02T02:00:00Z', results: results(),
    ...overrides,
  };
}

function message(overrides = {}) {
  return {
    id: 'me000000-0000-4000-8000-000000000001', title: '好久不见，送你一张券',
    body: '满200减30，14天内有效，下次扫码点餐时自动可用。', coupon_id: 'c0c00000-0000-4000-8000-000000000001',
    campaign_id: 'ca000000-0000-4000-8000-000000000001', created_at: '2026-12-02T02:00:00Z', read: false,
    ...overrides,
  };
}

function referral(overrides = {}) {
  return {
    token: 'rf.eyJtIjoiMTIzIn0.c2ln',
    share_path: `pages/member/join/index?store=${STORE.id}&ref=rf.eyJtIjoiMTIzIn0.c2ln`,
    share_title: '小林请你吃面：入会领新客礼券',
    needed: 5, successful: 3, remaining: 2, rewarded: false,
    friends: [
      { nickname: '王*', joined_at: '2026-11-20T04:00:00Z', paid: true },
      { nickname: '李**', joined_at: '2026-11-28T04:00:00Z', paid: false },
    ],
    ...overrides,
  };
}

/** The referral programme's card on 营销, with its settings' coupons and what it came to. */
function referralCard(overrides = {}) {
  return {
    type: 'referral',
    title: '邀请有礼',
    summary: '120 位会员可分享邀请：好友入会得「新朋友满50减10」，邀满 5 位好友并消费得「邀请奖励减30」',
    audience: { count: 120, avg_basket_fen: 9500, reachable_by_sms: 0 },
    offer: null,
    estimate: { expected_redemptions: 6, coupon_cost_fen: 6000, message_cost_fen: 0, total_cost_fen: 6000, expected_revenue_fen: 57000 },
    preview: { message: '邀请好友入会，好友得「新朋友满50减10」；邀满 5 位好友并消费，你得「邀请奖励减30」', coupon: '新朋友满50减10', sms: null },
    params: {},
    recurring: true,
    running_campaign_id: null,
    referral: {
      active: true, needed: 5, cap_per_sharer: 10,
      friend_coupon: { name: '新朋友满50减10', kind: 'amount_off', threshold_fen: 5000, amount_off_fen: 1000, validity_days: 30 },
      sharer_coupon: { name: '邀请奖励减30', kind: 'amount_off', threshold_fen: 0, amount_off_fen: 3000, validity_days: 30 },
      results: { friends_joined: 7, friends_paid: 4, rewards_given: 1, revenue_fen: 43200 },
    },
    ...overrides,
  };
}

/** The automatic expiry reminders as 营销 shows them. */
function reminders(overrides = {}) {
  return {
    active: true, reminded_this_week: 12, summary: '到期提醒：本周已提醒 12 位会员', coupon_days: 3, points_days: 7,
    ...overrides,
  };
}

module.exports = { STORE_PATH, card, campaign, results, message, referral, referralCard, reminders };
