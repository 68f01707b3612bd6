// Coupons, points, levels and stored value as the screens show them: what a coupon is worth (满减, 折扣, 赠菜), where
// and until when it applies, a level's benefits and progress, and the lines of the points and balance histories.
const { formatFen, formatFenShort } = require('./money');
const { day, when } = require('./members');

const KIND_NAMES = { amount_off: '满减券', percent_off: '折扣券', free_dish: '赠菜券' };
const SCOPE_NAMES = { menu: '全场通用', categories: '限指定分类', dishes: '限指定菜品' };
const SOURCE_NAMES = { owner: '门店赠送', claim: '领取', points: '积分兑换', campaign: '活动赠送' };
const POINTS_KINDS = { earn: '消费得积分', spend: '积分兑换', clawback: '退款扣回', expire: '积分过期' };
const BALANCE_KINDS = { top_up: '充值', payment: '消费', refund: '退还本金', reversal: '退款退回' };

/** "8.5折" from 15 % off. */
function discountText(percentOff) {
  const tenths = 100 - percentOff; // 85 → 8.5折, 80 → 8折
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`;
}

/** What a coupon (or a template) is worth, in words: "满¥100减¥20", "8折 最高减¥30", "赠菜". */
function valueText(coupon) {
  const threshold = coupon.threshold_fen ? `满${formatFenShort(coupon.threshold_fen)}` : '';
  if (coupon.kind === 'amount_off') {
    return `${threshold || '立'}减${formatFenShort(coupon.amount_off_fen)}`;
  }
  if (coupon.kind === 'percent_off') {
    const cap = coupon.cap_fen ? ` 最高减${formatFenShort(coupon.cap_fen)}` : '';
    return `${threshold ? `${threshold} ` : ''}${discountText(coupon.percent_off)}${cap}`;
  }
  return `${threshold ? `${threshold} ` : ''}赠菜`;
}

/** The hours of the store's day a coupon is usable in: [14, 15, 21] reads "每天 14:00–16:00、21:00–22:00 可用". */
function hoursText(hours) {
  if (!hours || hours.length === 0) {
    return '';
  }
  const spans = [];
  hours.forEach((hour) => {
    const last = spans[spans.length - 1];
    if (last && last.end === hour) {
      last.end = hour + 1;
    } else {
      spans.push({ start: hour, end: hour + 1 });
    }
  });
  const clock = (hour) => `${String(hour).padStart(2, '0')}:00`;
  return `每天 ${spans.map((span) => `${clock(span.start)}–${clock(span.end)}`).join('、')} 可用`;
}

function scopeText(scope) {
  return SCOPE_NAMES[(scope && scope.kind) || 'menu'] || '';
}

/** A coupon in my wallet, as its card shows it. */
function couponView(coupon) {
  return {
    id: coupon.id,
    name: coupon.name,
    kindName: KIND_NAMES[coupon.kind] || '',
    value: valueText(coupon),
    scope: scopeText(coupon.scope),
    hours: hoursText(coupon.valid_hours),
    validity: coupon.valid_from ? `${day(coupon.valid_from)} 至 ${day(coupon.valid_until)}` : `${day(coupon.valid_until)} 前有效`,
    source: SOURCE_NAMES[coupon.source] || '',
    used: coupon.state === 'used' ? `${day(coupon.used_at)} 已使用` : '',
    stackable: !!coupon.stackable,
  };
}

/** A template's validity: fixed dates, or days from issue. */
function validityText(validity) {
  if (!validity) {
    return '';
  }
  return validity.kind === 'days' ? `领取后 ${validity.days} 天内有效` : `${day(validity.starts_at)} 至 ${day(validity.ends_at)}`;
}

/** A coupon offered for points, as the points page lists it: what it is worth, its price, what is left of it. */
function offerView(offer, balance) {
  const soldOut = offer.left === 0;
  let left = '';
  if (soldOut) {
    left = '已兑完';
  } else if (typeof offer.left === 'number') {
    left = `剩余 ${offer.left} 张`;
  }
  return {
    id: offer.template_id,
    name: offer.name,
    kindName: KIND_NAMES[offer.kind] || '',
    value: valueText(offer),
    terms: [scopeText(offer.scope), validityText(offer.validity), left].filter(Boolean).join(' · '),
    price: offer.points_price,
    priceText: `${offer.points_price} 积分`,
    soldOut,
    affordable: balance >= offer.points_price,
  };
}

/** A signed amount of points: "+88", "-20". */
function signed(value) {
  return value > 0 ? `+${value}` : String(value);
}

function pointsLineView(line) {
  return {
    id: line.id, kind: line.kind, name: POINTS_KINDS[line.kind] || line.kind, reason: line.reason || '',
    points: signed(line.points), at: when(line.at), gain: line.points > 0,
  };
}

function balanceLineView(line) {
  const total = line.principal_fen + line.bonus_fen;
  return {
    id: line.id,
    kind: line.kind,
    name: BALANCE_KINDS[line.kind] || line.kind,
    amount: `${total > 0 ? '+' : ''}${formatFen(total)}`,
    parts: line.bonus_fen ? `本金 ${formatFen(line.principal_fen)} · 赠送 ${formatFen(line.bonus_fen)}` : '',
    at: when(line.at),
    gain: total > 0,
  };
}

/** A top-up package: "充 ¥500 送 ¥50". */
function packageView(item) {
  return {
    id: item.id,
    name: item.name,
    price: formatFen(item.price_fen),
    offer: `充${formatFenShort(item.price_fen)}${item.bonus_fen ? ` 送${formatFenShort(item.bonus_fen)}` : ''}`,
    active: !!item.active,
  };
}

/** A level's benefits in words: "会员价 · 95折 · 积分 1.5 倍". */
function benefitsText(level) {
  const benefits = [];
  if (level.member_prices) {
    benefits.push('会员价');
  }
  if (level.discount_percent) {
    benefits.push(discountText(level.discount_percent));
  }
  if (Number(level.points_multiplier) > 1) {
    benefits.push(`积分 ${level.points_multiplier} 倍`);
  }
  return benefits.length ? benefits.join(' · ') : '基础会员权益';
}

/** How far along to the next level, in whole percent (0-100) of its spend. */
function progressOf(spendFen, next) {
  if (!next) {
    return 100;
  }
  if (next.min_spend_fen <= 0) {
    return 0;
  }
  return Math.min(100, Math.floor((spendFen * 100) / next.min_spend_fen));
}

/** My level (the wallet's answer): its benefits, my spend, progress to the next ("再消费 ¥X 升级为金卡"), every level. */
function levelView(answer) {
  const { level, next_level: next } = answer;
  return {
    name: level.name,
    rank: level.rank,
    benefits: benefitsText(level),
    spend: formatFen(answer.spend_12m_fen),
    progress: progressOf(answer.spend_12m_fen, next),
    nextText: next ? `再消费 ${formatFenShort(next.spend_needed_fen)} 升级为${next.name}` : '你已是最高等级',
    levels: answer.levels.map((item) => ({
      rank: item.rank,
      name: item.name,
      threshold: item.min_spend_fen ? `近12个月消费满 ${formatFenShort(item.min_spend_fen)}` : '入会即享',
      benefits: benefitsText(item),
      mine: item.rank === level.rank,
    })),
  };
}

module.exports = {
  KIND_NAMES, SCOPE_NAMES, valueText, scopeText, hoursText, couponView, validityText, offerView, pointsLineView, balanceLineView, packageView,
  benefitsText, discountText, levelView,
};
