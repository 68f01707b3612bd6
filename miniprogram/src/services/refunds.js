// Giving money of a paid order back (to WeChat Pay for a WeChat payment, at the counter for money taken there).
const api = require('./request');

/** Keep `idempotencyKey` for every retry of one refund: the same key answers the same refund, never a second one. */
function dispatchRefund(storeId, orderId, { amountFen, reason, idempotencyKey }, options = {}) {
  return api.request('refundOrder', {
    ...options,
    params: { store: storeId, order: orderId },
    body: { amount_fen: amountFen, reason, idempotency_key: idempotencyKey },
  });
}

/** Whether someone with `role` may refund at `store`: owners and operators always, staff where the owner allows it. */
function mayRefund(role, store) {
  return role === 'owner' || role === 'operator' || (role === 'staff' && !!store.staff_may_refund);
}

module.exports = { dispatchRefund, mayRefund };
