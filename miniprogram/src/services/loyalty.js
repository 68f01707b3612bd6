// The owner's loyalty settings: coupon templates, top-up packages, member levels and the points earn rule.
const api = require('./request');

function store(storeId) {
  return { store: storeId };
}

async function fetchCouponTemplates(storeId, options = {}) {
  const { items } = await api.request('couponTemplates', { ...options, params: store(storeId) });
  return items;
}

function fetchCouponTemplate(storeId, templateId, options = {}) {
  return api.request('couponTemplate', { ...options, params: { store: storeId, template: templateId } });
}

/** A new template (the contract's CouponTemplate fields); answers it with its claim code when claimable. */
function dispatchCreateCouponTemplate(storeId, template, options = {}) {
  return api.request('createCouponTemplate', { ...options, params: store(storeId), body: template });
}

/** Changes a template (name, active, more stock…); answers it as it now is. */
function dispatchUpdateCouponTemplate(storeId, templateId, changes, options = {}) {
  return api.request('updateCouponTemplate', {
    ...options, params: { store: storeId, template: templateId }, body: changes,
  });
}

/** Gives members a coupon of the template each (within its stock and per-member limit): `{ issued, refused }`. */
function dispatchGrant(storeId, templateId, memberIds, options = {}) {
  return api.request('grantCoupons', {
    ...options, params: { store: storeId, template: templateId }, body: { member_ids: memberIds },
  });
}

/** Every top-up package, on sale or not. */
async function fetchTopUpPackages(storeId, options = {}) {
  const { items } = await api.request('topUpPackages', { ...options, params: store(storeId) });
  return items;
}

function dispatchCreateTopUpPackage(storeId, { name, priceFen, bonusFen }, options = {}) {
  return api.request('createTopUpPackage', {
    ...options, params: store(storeId), body: { name, price_fen: priceFen, bonus_fen: bonusFen },
  });
}

function dispatchUpdateTopUpPackage(storeId, packageId, changes, options = {}) {
  return api.request('updateTopUpPackage', { ...options, params: { store: storeId, package: packageId }, body: changes });
}

async function fetchLevels(storeId, options = {}) {
  const { items } = await api.request('loyaltyLevels', { ...options, params: store(storeId) });
  return items;
}

/** Replaces every level at once (rank 0 first with no spend, spend ascending); answers them as saved. */
async function dispatchLevels(storeId, levels, options = {}) {
  const { items } = await api.request('replaceLoyaltyLevels', { ...options, params: store(storeId), body: { items: levels } });
  return items;
}

function fetchEarnRule(storeId, options = {}) {
  return api.request('earnRule', { ...options, params: store(storeId) });
}

/** `{ points_per_yuan, expiry }`, expiry "end_of_next_year" or `{ days }`; answers the rule as saved. */
function dispatchEarnRule(storeId, rule, options = {}) {
  return api.request('replaceEarnRule', { ...options, params: store(storeId), body: rule });
}

/**
 * Gives a member back `amountFen` of their unspent principal (the bonus is forfeited in proportion); the same
 * `idempotencyKey` again answers the same hand-back. Answers the refund.
 */
function dispatchStoredValueRefund(storeId, memberId, { amountFen, idempotencyKey }, options = {}) {
  return api.request('refundStoredValue', {
    ...options,
    params: { store: storeId, member: memberId },
    body: { amount_fen: amountFen, idempotency_key: idempotencyKey },
  });
}

module.exports = {
  fetchCouponTemplates, fetchCouponTemplate, dispatchCreateCouponTemplate, dispatchUpdateCouponTemplate, dispatchGrant,
  fetchTopUpPackages, dispatchCreateTopUpPackage, dispatchUpdateTopUpPackage, fetchLevels, dispatchLevels,
  fetchEarnRule, dispatchEarnRule, dispatchStoredValueRefund,
};
