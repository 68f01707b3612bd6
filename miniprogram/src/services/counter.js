// Money taken at the counter: an order awaiting payment (pay-first) or everything a tab owes (eat-first).
const api = require('./request');

/** The ways to pay at the counter the contract allows, as they read on screen. */
const COUNTER_METHODS = [
  { value: 'cash', label: '现金' },
  { value: 'card', label: '银行卡' },
  { value: 'other', label: '其他' },
];

/** Answers the order, now placed. A 409 paid_with_wechat means the diner already paid in WeChat: take no money. */
function dispatchOrderCounterPayment(storeId, orderId, method, options = {}) {
  return api.request('orderCounterPayment', { ...options, params: { store: storeId, order: orderId }, body: { method } });
}

/** Answers the payment (amount_fen, order_ids); the tab closes as paid. */
function dispatchTabCounterPayment(storeId, tabId, method, options = {}) {
  return api.request('tabCounterPayment', { ...options, params: { store: storeId, tab: tabId }, body: { method } });
}

module.exports = { COUNTER_METHODS, dispatchOrderCounterPayment, dispatchTabCounterPayment };
