// A member's card as the screens show it, the diner's own and the staff's view alike.
const { formatFen } = require('./money');

const VIA_NAMES = { join_card: '点餐后入会', referral: '朋友推荐', staff_code: '店员邀请' };
const ACCESS_NAMES = {
  phone_revealed: '查看完整手机号', data_exported: '导出个人数据', member_erased: '注销会员',
  member_anonymised: '长期未到店，已匿名化', members_exported: '导出全部会员', orders_exported: '导出全部订单',
};
const ROLE_NAMES = { operator: '运营', owner: '店主', staff: '店员', diner: '本人', system: '系统' };

/** "2026-12-02 12:30" from an instant, on the phone's clock; '' for none. */
function when(instant) {
  if (!instant) {
    return '';
  }
  const time = new Date(instant);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} `
    + `${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

function day(instant) {
  return when(instant).slice(0, 10);
}

/** The card: who, since when, how they joined, and the visit statistics. */
function cardView(member) {
  const stats = member.stats || {};
  return {
    id: member.id,
    shortId: member.id.slice(0, 8),
    nickname: member.nickname || '',
    birthday: member.birthday || '',
    phone: member.phone || '',
    marketing: !!member.marketing_consent,
    joined: day(member.joined_at),
    via: VIA_NAMES[member.joined_via] || '',
    visits: stats.visits || 0,
    totalSpend: formatFen(stats.total_spend_fen || 0),
    averageBasket: formatFen(stats.average_basket_fen || 0),
    firstVisit: day(stats.first_visit_at),
    lastVisit: day(stats.last_visit_at),
    favourites: (stats.favourite_dishes || []).map((dish) => ({ key: dish.dish_id, text: `${dish.name} × ${dish.quantity}` })),
    stores: (stats.stores_visited || []).map((store) => ({ key: store.store_id, text: `${store.name}（${store.visits} 次）` })),
  };
}

/** A member's history for staff: recent visits, the consent ledger and who looked at the data. */
function historyView(member) {
  return {
    visits: (member.visits || []).map((visit, index) => ({
      key: `${visit.paid_at}-${index}`,
      text: `${when(visit.paid_at)} · ${visit.store_name} · ${formatFen(visit.amount_fen - (visit.refunded_fen || 0))}`,
    })),
    consents: (member.consents || []).map((consent, index) => ({
      key: `${consent.recorded_at}-${index}`,
      text: `${when(consent.recorded_at)} · ${consent.purpose === 'marketing' ? '营销消息' : '隐私政策'}`
        + `${consent.granted ? '同意' : '撤回'}`,
    })),
    accesses: (member.accesses || []).map((access, index) => ({
      key: `${access.occurred_at}-${index}`,
      text: `${when(access.occurred_at)} · ${ROLE_NAMES[access.actor_role] || access.actor_role}`
        + `${ACCESS_NAMES[access.action] || access.action}${access.reason ? `：${access.reason}` : ''}`,
    })),
  };
}

module.exports = { cardView, historyView, when, day };
