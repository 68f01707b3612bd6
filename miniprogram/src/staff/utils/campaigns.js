// What the owner's campaign screens share: a campaign card and a campaign as they show them (audience, offer, cost,
// preview; status, the actions it allows and its results in yuan), and the launch form read into what is sent (the
// server checks again; these say it sooner, in the form's words).
const { formatFen, parseYuan } = require('../../utils/money');
const { valueText } = require('../../utils/coupons');
const { when } = require('../../utils/members');
const { wholeOf } = require('./loyalty');

const TYPE_NAMES = {
  win_back: '唤醒沉睡顾客', basket_boost: '提升客单价', off_peak: '闲时引流', welcome: '新客礼', birthday: '生日礼',
  referral: '邀请有礼',
};
const STATUS_NAMES = { scheduled: '待开始', running: '进行中', paused: '已暂停', stopped: '已停止', finished: '已结束' };
const STATUS_THEMES = { scheduled: 'primary', running: 'success', paused: 'warning', stopped: 'default', finished: 'default' };
const ACTION_NAMES = { pause: '暂停', resume: '继续', stop: '停止' };
const ACTIONS_BY_STATUS = { scheduled: ['stop'], running: ['pause', 'stop'], paused: ['resume', 'stop'] };

// The audience parameters a card may carry, as the form names them; a key ending in _fen is money, typed in yuan.
const PARAM_LABELS = {
  min_days: '距上次到店至少（天）',
  max_days: '距上次到店至多（天）',
  min_avg_basket_fen: '平均客单价至少（元）',
  min_visits: '到店次数至少（次）',
  days_before: '生日前几天发放（天）',
  threshold_multiplier: '门槛为个人平均客单价的（倍）',
  multiplier_percent: '门槛为个人平均客单价的（%）',
  reward_percent: '减免为门槛的（%）',
  joined_within_days: '入会后几天内发放（天）',
};

/** What an offer gives, and for how long: "满¥200减¥30 · 14 天有效". */
function offerText(offer) {
  if (!offer) {
    return '';
  }
  return `${valueText(offer)}${offer.validity_days ? ` · ${offer.validity_days} 天有效` : ''}`;
}

/** The coupon a preview shows: the server's words, or the coupon described by its terms. */
function previewCoupon(coupon) {
  if (!coupon) {
    return '';
  }
  if (typeof coupon === 'string') {
    return coupon;
  }
  return coupon.name ? `${coupon.name}（${offerText(coupon)}）` : offerText(coupon);
}

/** The referral card's programme in words: the coupons, and what it came to. */
function referralView(referral) {
  if (!referral) {
    return null;
  }
  const coupon = (face) => (face ? `「${face.name}」` : '（未设置优惠券）');
  const { results } = referral;
  return {
    active: referral.active,
    offer: `好友入会得${coupon(referral.friend_coupon)} · 邀满 ${referral.needed} 位得${coupon(referral.sharer_coupon)}`,
    results: `好友入会 ${results.friends_joined} 位 · 已消费 ${results.friends_paid} 位 · 发放奖励 ${results.rewards_given} 份 · 带来 ${formatFen(results.revenue_fen)}`,
  };
}

function cardView(card) {
  const { audience, estimate } = card;
  const referral = referralView(card.referral);
  return {
    type: card.type,
    typeName: TYPE_NAMES[card.type] || card.type,
    title: card.title,
    summary: card.summary,
    audience: `${audience.count} 人 · 平均客单价 ${formatFen(audience.avg_basket_fen)} · 可短信触达 ${audience.reachable_by_sms} 人`,
    empty: audience.count === 0,
    offer: referral ? referral.offer : offerText(card.offer),
    referral,
    cost: formatFen(estimate.total_cost_fen),
    costParts: `预计核销 ${estimate.expected_redemptions} 张 · 券 ${formatFen(estimate.coupon_cost_fen)} · 消息 ${formatFen(estimate.message_cost_fen)}`,
    message: (card.preview && card.preview.message) || '',
    coupon: previewCoupon(card.preview && card.preview.coupon),
    running: card.running_campaign_id || '',
  };
}

/** "40 倍", "2.5 倍": one decimal at most. */
function timesText(ratio) {
  return `${Math.round(ratio * 10) / 10} 倍`;
}

/** What a campaign cost and brought back, as an owner reads it: "花费 ¥20.00，带回 ¥800.00，回报 40 倍". */
function headlineOf({ cost_fen: costFen, attributed_revenue_fen: revenueFen, return_on_cost: ratio }) {
  const back = `花费 ${formatFen(costFen)}，带回 ${formatFen(revenueFen)}`;
  return typeof ratio === 'number' ? `${back}，回报 ${timesText(ratio)}` : back;
}

/** A campaign's results in yuan. */
function resultView(results) {
  const cost = formatFen(results.cost_fen);
  const revenue = formatFen(results.attributed_revenue_fen);
  return {
    reached: results.reached,
    issued: results.coupons_issued,
    redeemed: results.coupons_redeemed,
    orders: results.attributed_orders,
    revenue,
    cost,
    costParts: `券 ${formatFen(results.coupon_cost_fen)} + 消息 ${formatFen(results.message_cost_fen)}`,
    sent: `短信 ${results.sms_sent} 条 · 消息盒子 ${results.messages_sent} 条`,
    headline: headlineOf(results),
    visits: `触达后 ${results.window_days} 天内到店 ${results.visits_in_window} 次（含未用券的到店，仅供参考）`,
  };
}

function campaignView(campaign) {
  return {
    id: campaign.id,
    type: campaign.type,
    title: campaign.title || TYPE_NAMES[campaign.type] || campaign.type,
    status: campaign.status,
    statusName: STATUS_NAMES[campaign.status] || campaign.status,
    statusTheme: STATUS_THEMES[campaign.status] || 'default',
    offer: offerText(campaign.offer),
    budget: campaign.budget_fen ? `预算 ${formatFen(campaign.budget_fen)}` : '不设预算',
    startsAt: when(campaign.starts_at || campaign.created_at),
    actions: (ACTIONS_BY_STATUS[campaign.status] || []).map((action) => ({ action, name: ACTION_NAMES[action] })),
    results: resultView(campaign.results),
  };
}

/** Yuan typed (blank: `blank`); undefined when it is no amount. */
function fenOf(text, blank) {
  if (!String(text === undefined || text === null ? '' : text).trim()) {
    return blank;
  }
  const fen = parseYuan(text);
  return fen === null ? undefined : fen;
}

function yuanText(fen) {
  return fen === null || fen === undefined ? '' : String(fen / 100);
}

/** The launch form of a card: its offer and audience parameters as the owner may change them. */
function formOf(card) {
  const { offer } = card;
  return {
    threshold: yuanText(offer.threshold_fen || null),
    amount: yuanText(offer.amount_off_fen),
    days: offer.validity_days ? String(offer.validity_days) : '',
    params: Object.keys(card.params || {}).filter((key) => typeof card.params[key] === 'number').map((key) => ({
      key,
      label: PARAM_LABELS[key] || key,
      value: key.endsWith('_fen') ? yuanText(card.params[key]) : String(card.params[key]),
      // A factor such as 1.2 stays a decimal; counts and days are whole numbers.
      decimal: !key.endsWith('_fen') && !Number.isInteger(card.params[key]),
    })),
    budget: '',
    startDate: '',
    startTime: '',
  };
}

/** The offer the form describes (the card's own fields kept), or the first thing wrong with it. */
function offerOf(form, cardOffer) {
  const threshold = fenOf(form.threshold, 0);
  if (threshold === undefined) {
    return { problem: '使用门槛请填金额，例如 200，无门槛请留空' };
  }
  // Campaign coupons are 满减: the amount off is the one term besides the threshold and the days.
  const offer = { ...cardOffer, threshold_fen: threshold };
  const amount = fenOf(form.amount, undefined);
  if (!amount) {
    return { problem: '请填写减免金额，例如 30' };
  }
  if (threshold && amount > threshold) {
    return { problem: '减免金额不能超过使用门槛' };
  }
  offer.amount_off_fen = amount;
  const days = wholeOf(form.days, 1, 365);
  if (!days) {
    return { problem: '券的有效天数请填 1 到 365 的整数' };
  }
  offer.validity_days = days;
  return { offer: withoutNulls(offer) };
}

function numberOf(param) {
  return param.key.endsWith('_fen') ? fenOf(param.value, undefined) : wholeOf(param.value, 0, 100000);
}

/** A decimal typed ("1.2"); undefined when it is none. */
function decimalOf(text) {
  const trimmed = String(text === undefined || text === null ? '' : text).trim();
  return /^\d{1,6}(?:\.\d{1,4})?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** The audience parameters the form describes (the card's others kept), or the first thing wrong with them. */
function paramsOf(form, cardParams) {
  const params = { ...cardParams };
  for (const param of form.params) {
    const value = param.decimal ? decimalOf(param.value) : numberOf(param);
    if (value === undefined || value === null) {
      return { problem: `「${param.label}」请填不小于 0 的${param.decimal ? '数' : '整数'}` };
    }
    params[param.key] = value;
  }
  if (typeof params.min_days === 'number' && typeof params.max_days === 'number' && params.min_days > params.max_days) {
    return { problem: '距上次到店的天数：至少不能大于至多' };
  }
  return { params };
}

/** Everything the launch sends besides its key, or the first thing wrong in the form. */
function launchOf(form, card, now = new Date()) {
  const { offer, problem } = offerOf(form, card.offer);
  if (problem) {
    return { problem };
  }
  const audience = paramsOf(form, card.params || {});
  if (audience.problem) {
    return { problem: audience.problem };
  }
  const budget = fenOf(form.budget, null);
  if (budget === undefined || budget === 0) {
    return { problem: '预算请填金额，例如 500，不设预算请留空' };
  }
  let startsAt = null;
  if (form.startDate) {
    const start = new Date(`${form.startDate}T${form.startTime || '00:00'}:00`);
    if (Number.isNaN(start.getTime()) || start < now) {
      return { problem: '开始时间不能早于现在，立即开始请留空' };
    }
    startsAt = start.toISOString();
  }
  return { launch: { type: card.type, offer, params: audience.params, budgetFen: budget, startsAt } };
}

function withoutNulls(object) {
  const kept = {};
  Object.keys(object).filter((key) => object[key] !== null && object[key] !== undefined).forEach((key) => {
    kept[key] = object[key];
  });
  return kept;
}

module.exports = {
  cardView, campaignView, formOf, launchOf, withoutNulls, headlineOf, timesText, TYPE_NAMES, STATUS_NAMES, STATUS_THEMES,
};
