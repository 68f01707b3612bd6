// The diner's wallet at a brand: coupons (by state, claimed by code), points and their history (and coupons bought
// with them), the member level, and
// stored value (the balance, its history, the packages and topping up with WeChat Pay).
const api = require('./request');
const wechat = require('./wechat');
const loyalty = require('./loyalty');

const TOP_UP_CHECKS = 4;
const TOP_UP_CHECK_MS = 800;

function store(storeId) {
  return { store: storeId };
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** My coupons in `state` (available, used or expired): `{ items }`. */
function fetchCoupons(storeId, state, options = {}) {
  return api.request('walletCoupons', { ...options, params: store(storeId), query: { state } });
}

/** Claims the coupon of a claim code; answers the coupon now in my wallet. */
function dispatchClaim(storeId, code, options = {}) {
  return api.request('claimCoupon', { ...options, params: store(storeId), body: { code } });
}

/** My points: balance, the lots expiring soonest, and a page of history (`after` is the `next` of the page before). */
function fetchPoints(storeId, { after } = {}, options = {}) {
  return api.request('walletPoints', { ...options, params: store(storeId), query: { after } });
}

/** The coupons I may buy with points, cheapest first: `{ items }`, each with its terms, `points_price` and `left`. */
function fetchPointsOffers(storeId, options = {}) {
  return api.request('pointsOffers', { ...options, params: store(storeId) });
}

/**
 * Buys a coupon of template `templateId` for `pointsPrice` points (the price I was shown: the server refuses it if the
 * price changed since); answers the coupon now in my wallet. Keep `idempotencyKey` for every retry of one redemption:
 * the same key answers the same coupon and spends nothing more.
 */
function dispatchRedeem(storeId, { templateId, pointsPrice, idempotencyKey }, options = {}) {
  return api.request('redeemPoints', {
    ...options,
    params: store(storeId),
    body: { template_id: templateId, points_price: pointsPrice, idempotency_key: idempotencyKey },
  });
}

/** My level, its benefits, my spend over the last 12 months, the next level and every level. */
function fetchLevel(storeId, options = {}) {
  return api.request('walletLevel', { ...options, params: store(storeId) });
}

/** My stored value: balance (principal and bonus apart) and a page of its history. */
function fetchStoredValue(storeId, { after } = {}, options = {}) {
  return api.request('walletStoredValue', { ...options, params: store(storeId), query: { after } });
}

/** The top-up packages on sale ("充 500 送 50"). */
async function fetchPackages(storeId, options = {}) {
  return (await loyalty.fetchTopUpPackages(storeId, options)).filter((item) => item.active);
}

function fetchTopUp(storeId, topUpId, options = {}) {
  return api.request('topUpState', { ...options, params: { store: storeId, topUp: topUpId } });
}

/**
 * The arguments of wx.requestPayment in an answer that carries a WeChat payment: the payment-request shape of the
 * order's WeChat payment (`request_payment` beside the payment), or the arguments themselves.
 */
function requestPaymentOf(payment) {
  return payment.request_payment || payment;
}

/**
 * Tops up with package `packageId`: the server's payment, WeChat's payment sheet, then the top-up's state asked of the
 * server a few times (never the client callback alone). Answers the top-up as the server last saw it: `paid` once the
 * money came (`credited` once it is on the balance), `pending` while WeChat Pay has not said so yet. Rejects with
 * ApiError or the seam's payment_cancelled or payment_failed (those carry the `topUpId` to ask about).
 */
async function topUp(storeId, packageId) {
  const started = await api.request('topUp', { params: store(storeId), body: { package_id: packageId }, quiet: true });
  try {
    await wechat.requestPayment(requestPaymentOf(started.payment));
  } catch (error) {
    // WeChat may have taken the money although its callback failed: the diner can still ask about this top-up.
    error.topUpId = started.top_up_id;
    throw error;
  }
  return confirmTopUp(storeId, started.top_up_id);
}

/**
 * Whether to ask about the top-up again: WeChat Pay has not said it is paid, or it is paid but the balance has not been
 * credited yet (the server credits it just after, from the paid event).
 */
function unsettled(topUp) {
  return topUp.state === 'pending' || (topUp.state === 'paid' && topUp.credited === false);
}

/** Asks the server for the top-up's state until it is credited or closed, a few times; answers the last state. */
async function confirmTopUp(storeId, topUpId) {
  let state = await fetchTopUp(storeId, topUpId, { quiet: true });
  for (let check = 1; check < TOP_UP_CHECKS && unsettled(state); check += 1) {
    await wait(TOP_UP_CHECK_MS);
    state = await fetchTopUp(storeId, topUpId, { quiet: true });
  }
  return state;
}

module.exports = {
  fetchCoupons, dispatchClaim, fetchPoints, fetchPointsOffers, dispatchRedeem, fetchLevel, fetchStoredValue, fetchPackages, topUp, confirmTopUp,
};
