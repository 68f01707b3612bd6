// What the insight screens show, derived from the server's figures: the KPI tiles with their definitions, the bars of
// each chart, why revenue moved, the stores ranked with the figures below the brand's median, the customer segments'
// members and a member's history. Money stays fen until formatted here, by the one formatter.
const { formatFen } = require('../../utils/money');
const { day } = require('../../utils/members');
const { cardView, headlineOf, timesText, TYPE_NAMES, STATUS_NAMES, STATUS_THEMES } = require('./campaigns');

const PERIODS = [{ key: 'today', label: '今天' }, { key: '7d', label: '7天' }, { key: '30d', label: '30天' }];
const KPIS = [
  { key: 'revenue_fen', label: '营业额', money: true },
  { key: 'orders', label: '订单' },
  { key: 'avg_basket_fen', label: '客单价', money: true },
  { key: 'covers', label: '人数' },
];
const METHOD_NAMES = { wechat: '微信支付', counter: '前台收款', stored_value: '储值余额' };
const PART_NAMES = {
  new_customers: '新顾客', visit_frequency: '老顾客到店', basket_size: '老顾客客单价', other: '未登录顾客',
  stored_value: '储值净充值',
};
const SEGMENT_NAMES = {
  new: '新顾客', regular: '常客', high_value: '高价值顾客', sleeping: '沉睡顾客', lost: '流失顾客',
};
const COUPON_STATES = { available: '可用', used: '已使用', expired: '已过期', revoked: '已作废' };
const COUPON_SOURCES = {
  campaign: '活动赠送', grant: '门店赠送', claim: '领取', points: '积分兑换', referral: '邀请有礼',
};
const RANKED_FIGURES = [
  { key: 'revenue_fen', label: '营业额' },
  { key: 'growth_percent', label: '增长' },
  { key: 'repeat_rate_percent', label: '复购率' },
  { key: 'avg_basket_fen', label: '客单价' },
  { key: 'campaign_return', label: '营销回报' },
];
// Suggested campaigns on the dashboard: the best few; 营销 lists them all.
const SUGGESTIONS_SHOWN = 3;

/** +¥710.00, -¥3020.00, ¥0.00: a change of money with its sign. */
function signedFen(fen) {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}

/** 12.5 → "12.5%"; signed: "+12.5%"; none: "—". */
function percentText(percent, signed = false) {
  if (typeof percent !== 'number') {
    return '—';
  }
  const rounded = Math.round(percent * 10) / 10;
  return `${signed && rounded > 0 ? '+' : ''}${rounded}%`;
}

/** A part's whole-number share of a total, for reading only (the amounts themselves stay exact). */
function shareOf(part, total) {
  return total > 0 ? Math.round((part * 100) / total) : 0;
}

function periodsView(chosen) {
  return PERIODS.map((period) => ({ ...period, chosen: period.key === chosen }));
}

/** A screen's period switch (今天/7天/30天), as a page method: a tapped period other than the one shown is read anew. */
function onPeriod(event) {
  const { key } = event.currentTarget.dataset;
  if (key === this.data.period) {
    return undefined;
  }
  this.setData({ period: key, periods: periodsView(key) });
  return this.load();
}

function kpiTiles(dashboard) {
  const definitions = dashboard.definitions || {};
  return KPIS.map((kpi) => ({
    key: kpi.key,
    label: kpi.label,
    value: kpi.money ? formatFen(dashboard[kpi.key]) : String(dashboard[kpi.key]),
    definition: definitions[kpi.key] || '',
  }));
}

/** A day's revenue a bar: "11-26" for a week, the day of the month alone for a month. */
function dailyBars(daily) {
  const short = daily.length > 7;
  return daily.map((entry) => ({
    key: entry.date, label: short ? entry.date.slice(8) : entry.date.slice(5), value: entry.revenue_fen,
    text: formatFen(entry.revenue_fen),
  }));
}

/** Bills by hour, from the first hour with any to the last (the night's empty hours say nothing). */
function hourBars(hours) {
  const busy = hours.filter((entry) => entry.bills > 0).map((entry) => entry.hour);
  if (busy.length === 0) {
    return [];
  }
  const first = Math.min(...busy);
  const last = Math.max(...busy);
  return hours.filter((entry) => entry.hour >= first && entry.hour <= last)
    .map((entry) => ({ key: String(entry.hour), label: `${entry.hour}点`, value: entry.bills, text: `${entry.bills} 单` }));
}

function paymentBars(methods) {
  const total = methods.reduce((sum, method) => sum + method.amount_fen, 0);
  return methods.map((method) => ({
    key: method.method,
    label: `${METHOD_NAMES[method.method] || method.method} ${method.count} 笔`,
    value: method.amount_fen,
    text: `${formatFen(method.amount_fen)} · ${shareOf(method.amount_fen, total)}%`,
  }));
}

function dishBars(dishes) {
  return dishes.map((dish) => ({
    key: dish.dish_id, label: dish.name, value: dish.quantity, text: `${dish.quantity} 份 · ${formatFen(dish.revenue_fen)}`,
  }));
}

/** New, returning and unknown diners' revenue as bars, and the counts in a line. */
function dinersView(diners) {
  const parts = [
    { key: 'new', label: '新顾客', revenue: diners.new.revenue_fen, share: diners.new.revenue_share_percent },
    {
      key: 'returning', label: '老顾客', revenue: diners.returning.revenue_fen,
      share: diners.returning.revenue_share_percent,
    },
    { key: 'unknown', label: '未登录顾客', revenue: diners.unknown.revenue_fen, share: null },
  ];
  return {
    counts: `新顾客 ${diners.new.count} 人 · 老顾客 ${diners.returning.count} 人`,
    bars: parts.map((part) => ({
      key: part.key, label: part.label, value: part.revenue,
      text: part.share === null ? formatFen(part.revenue) : `${formatFen(part.revenue)} · ${percentText(part.share)}`,
    })),
  };
}

function joinedBars(byStaff) {
  return byStaff.map((entry, index) => ({
    key: entry.user_id || `self-${index}`, label: entry.name, value: entry.count, text: `${entry.count} 位`,
  }));
}

function campaignRows(campaigns) {
  return campaigns.map((campaign) => ({
    id: campaign.campaign_id,
    title: campaign.title || TYPE_NAMES[campaign.type] || campaign.type,
    statusName: STATUS_NAMES[campaign.status] || campaign.status,
    statusTheme: STATUS_THEMES[campaign.status] || 'default',
    counts: `触达 ${campaign.reached} 人 · 核销 ${campaign.coupons_redeemed} 张`,
    headline: headlineOf(campaign),
  }));
}

/** The dashboard as its screen shows it. */
function dashboardView(dashboard) {
  return {
    scopeName: dashboard.scope.name,
    range: dashboard.period.from === dashboard.period.to ? dashboard.period.from
      : `${dashboard.period.from} 至 ${dashboard.period.to}`,
    tiles: kpiTiles(dashboard),
    bills: dashboard.bills,
    daily: dailyBars(dashboard.daily),
    hours: hourBars(dashboard.hours),
    payments: paymentBars(dashboard.payment_methods),
    dishes: dishBars(dashboard.top_dishes),
    diners: dinersView(dashboard.diners),
    joined: { count: dashboard.members_joined.count, bars: joinedBars(dashboard.members_joined.by_staff) },
    refunds: `${dashboard.refunds.count} 笔 · ${formatFen(dashboard.refunds.amount_fen)}`,
    campaigns: campaignRows(dashboard.campaigns),
  };
}

function partDetail(part) {
  if (typeof part.current !== 'number' || typeof part.previous !== 'number') {
    return '';
  }
  if (part.key === 'new_customers') {
    return `${part.previous} → ${part.current} 人`;
  }
  if (part.key === 'visit_frequency') {
    return `${part.previous} → ${part.current} 人次`;
  }
  if (part.key === 'basket_size') {
    return `${formatFen(part.previous)} → ${formatFen(part.current)}`;
  }
  return '';
}

/** Why revenue moved: the server's sentences, and its parts (which add up to the change exactly). */
function explanationView(explanation) {
  return {
    change: `比上期 ${signedFen(explanation.change_fen)}（${formatFen(explanation.previous_revenue_fen)} → ${formatFen(explanation.revenue_fen)}）`,
    sentences: explanation.sentences || [],
    sentencesEn: explanation.sentences_en || [],
    parts: explanation.parts.map((part) => ({
      key: part.key, name: PART_NAMES[part.key] || part.key, change: signedFen(part.change_fen), detail: partDetail(part),
      down: part.change_fen < 0,
    })),
  };
}

/** The best few suggested campaigns, each as its card shows it, with why and its expected return net of its cost. */
function suggestionsView(items) {
  return items.slice(0, SUGGESTIONS_SHOWN).map((item) => ({
    ...cardView(item),
    reason: item.reason || '',
    expected: `预计净回报 ${formatFen(item.expected_return_fen)}`,
  }));
}

function figureText(key, value) {
  if (key === 'growth_percent') {
    return percentText(value, true);
  }
  if (key === 'repeat_rate_percent') {
    return percentText(value);
  }
  if (key === 'campaign_return') {
    return typeof value === 'number' ? timesText(value) : '—';
  }
  return formatFen(value);
}

/** The operator's stores, highest revenue first, each figure below the brand's median flagged. */
function rankingView(ranking) {
  return {
    median: RANKED_FIGURES.map((figure) => ({
      key: figure.key, label: figure.label, value: figureText(figure.key, ranking.median[figure.key]),
    })),
    stores: ranking.stores.map((store) => {
      const below = store.below_median || [];
      return {
        id: store.store_id,
        rank: store.rank,
        name: store.name,
        flagged: below.length > 0,
        figures: RANKED_FIGURES.map((figure) => ({
          key: figure.key, label: figure.label, value: figureText(figure.key, store[figure.key]),
          below: below.includes(figure.key),
        })),
      };
    }),
  };
}

function segmentsView(segments) {
  return segments.map((segment) => ({
    key: segment.key, label: segment.label, labelEn: segment.label_en || '', count: segment.count,
    definition: segment.definition || '',
  }));
}

function memberRow(member) {
  return {
    id: member.member_id,
    name: member.name,
    phone: member.phone || '未留手机号',
    figures: `${member.visits} 次 · 共 ${formatFen(member.spend_fen)} · 客单价 ${formatFen(member.avg_basket_fen)}`,
    lastVisit: member.last_visit_at ? `最近到店 ${day(member.last_visit_at)}` : '还没有到店',
    level: member.level || '',
  };
}

/** A member's history: who, the visits with their dishes (newest first), the coupons. */
function historyView(history) {
  const { member } = history;
  return {
    member: {
      name: member.name,
      phone: member.phone || '未留手机号',
      joined: day(member.joined_at),
      level: member.level || '',
      segment: SEGMENT_NAMES[member.segment] || member.segment || '',
      figures: `${member.visits} 次 · 共 ${formatFen(member.spend_fen)} · 客单价 ${formatFen(member.avg_basket_fen)}`,
    },
    visits: history.visits.map((visit, index) => ({
      key: `${visit.date}-${index}`,
      head: `${visit.date} · ${visit.store_name}${visit.bills > 1 ? ` · ${visit.bills} 单` : ''}`,
      amount: formatFen(visit.amount_fen),
      dishes: visit.dishes.map((dish) => `${dish.name} ×${dish.quantity}`).join('、'),
    })),
    coupons: history.coupons.map((coupon) => ({
      id: coupon.coupon_id,
      title: coupon.title,
      state: COUPON_STATES[coupon.state] || coupon.state,
      usable: coupon.state === 'available',
      line: [`${day(coupon.issued_at)} 获得`, COUPON_SOURCES[coupon.source] || coupon.source, coupon.campaign_title]
        .filter(Boolean).join(' · '),
    })),
  };
}

module.exports = {
  PERIODS, periodsView, kpiTiles, dailyBars, hourBars, paymentBars, dishBars, dinersView, dashboardView,
  onPeriod, explanationView, suggestionsView, rankingView, segmentsView, memberRow, historyView, signedFen, percentText,
};
