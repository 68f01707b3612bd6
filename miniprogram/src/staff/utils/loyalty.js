// What the owner's loyalty screens share: a coupon template as its row and form show it, the claim link diners open,
// and the checks of what the owner typed (the server checks again; these say it sooner, in the form's words).
const { valueText, scopeText, validityText, KIND_NAMES } = require('../../utils/coupons');

/** The page a claim code opens in the diners' app (to copy into a message or behind a mini-program code). */
function claimPath(storeId, code) {
  return `/pages/wallet/coupons/index?store=${storeId}&code=${code}`;
}

function templateRow(template, storeId) {
  const stock = template.total_stock === null || template.total_stock === undefined
    ? '不限量' : `库存 ${template.total_stock}`;
  return {
    id: template.id,
    name: template.name,
    kindName: KIND_NAMES[template.kind] || '',
    value: valueText(template),
    scope: scopeText(template.scope),
    validity: validityText(template.validity),
    counts: `已发 ${template.issued_count} · 已用 ${template.redeemed_count} · ${stock}`,
    limit: `每人限领 ${template.per_member_limit} 张${template.first_visit_only ? ' · 仅限首次到店' : ''}`,
    active: !!template.active,
    claimCode: template.claimable ? template.claim_code : '',
    claimPath: template.claimable ? claimPath(storeId, template.claim_code) : '',
    points: template.points_price ? `${template.points_price} 积分可兑换` : '',
  };
}

/** A whole number of `text` within [least, most]; null for blank; undefined for anything else. */
function wholeOf(text, least, most) {
  const trimmed = String(text === undefined || text === null ? '' : text).trim();
  if (!trimmed) {
    return null;
  }
  if (!/^\d{1,9}$/.test(trimmed)) {
    return undefined;
  }
  const value = Number(trimmed);
  return value >= least && value <= most ? value : undefined;
}

module.exports = { claimPath, templateRow, wholeOf };
