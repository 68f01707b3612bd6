// Paying with WeChat Pay: the server signs the payment, WeChat takes the money, and the server says whether it came.
const api = require('./request');
const wechat = require('./wechat');

function orderParams(tab, orderId) {
  return { store: tab.store_id, tab: tab.id, order: orderId };
}

/** The payment of an order awaiting payment (pay-first), with the parameters for wx.requestPayment. */
function dispatchOrderPayment(tab, orderId, options = {}) {
  return api.request('payOrder', { ...options, params: orderParams(tab, orderId) });
}

/** "I have paid": the server asks WeChat Pay and answers the order as it now stands. */
function dispatchOrderPaymentCheck(tab, orderId, options = {}) {
  return api.request('checkOrderPayment', { ...options, params: orderParams(tab, orderId) });
}

/** The payment of everything an eat-first tab still owes. */
function dispatchTabPayment(tab, options = {}) {
  return api.request('payTab', { ...options, params: { store: tab.store_id, tab: tab.id } });
}

function dispatchTabPaymentCheck(tab, options = {}) {
  return api.request('checkTabPayment', { ...options, params: { store: tab.store_id, tab: tab.id } });
}

/**
 * Pays an order: the server's payment, WeChat's payment sheet, then the order's state from the server (never the
 * client callback alone). Answers the order; rejects with ApiError or the seam's payment_cancelled.
 */
async function payOrder(tab, orderId) {
  const payment = await dispatchOrderPayment(tab, orderId, { quiet: true });
  await wechat.requestPayment(payment.request_payment);
  return dispatchOrderPaymentCheck(tab, orderId, { quiet: true });
}

/** Pays what an eat-first tab owes, then answers the tab as the server sees it. */
async function payTab(tab) {
  const payment = await dispatchTabPayment(tab, { quiet: true });
  await wechat.requestPayment(payment.request_payment);
  return dispatchTabPaymentCheck(tab, { quiet: true });
}

/**
 * Pays an order from the stored-value balance. With `wechatForRest` the whole balance goes to it and WeChat Pay takes
 * the rest (its payment sheet, then the order's state from the server); without, a balance that falls short is a 409
 * problem and nothing is taken. Answers the order as the server then sees it.
 */
async function payOrderWithStoredValue(tab, orderId, { wechatForRest = false } = {}) {
  const paid = await api.request('payOrderWithStoredValue', {
    params: orderParams(tab, orderId), body: { wechat_for_rest: wechatForRest }, quiet: true,
  });
  if (paid.request_payment) {
    await wechat.requestPayment(paid.request_payment);
  }
  return dispatchOrderPaymentCheck(tab, orderId, { quiet: true });
}

/** Pays what an eat-first tab owes from the balance (with WeChat Pay for the rest if asked); answers the tab. */
async function payTabWithStoredValue(tab, { wechatForRest = false } = {}) {
  const paid = await api.request('payTabWithStoredValue', {
    params: { store: tab.store_id, tab: tab.id }, body: { wechat_for_rest: wechatForRest }, quiet: true,
  });
  if (paid.request_payment) {
    await wechat.requestPayment(paid.request_payment);
  }
  return dispatchTabPaymentCheck(tab, { quiet: true });
}

module.exports = {
  dispatchOrderPaymentCheck, dispatchTabPaymentCheck, payOrder, payTab, payOrderWithStoredValue, payTabWithStoredValue,
};
