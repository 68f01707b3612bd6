// Orders as a diner's screens show them.
const { formatFen } = require('./money');

const STATUS_NAMES = {
  awaiting_payment: '待支付',
  placed: '已下单，等待厨房接单',
  accepted: '厨房制作中',
  served: '已上齐',
  rejected: '厨房未接单',
  cancelled: '已取消',
};

/** Orders in the kitchen's hands or served: what a table owes until a payment pays them. */
const OWED = ['placed', 'accepted', 'served'];

/**
 * What the order's payment state (the server's `payment`) adds to its status: 已支付, 待支付 for an order the kitchen
 * has and nobody paid yet (one awaiting payment already says so), 已退款 or 已部分退款 with what was given back; nothing
 * for an order that ended unpaid.
 */
function paymentLabel(order) {
  const payment = order.payment || { state: 'unpaid', refunded_fen: 0 };
  switch (payment.state) {
    case 'paid':
      return '已支付';
    case 'partially_refunded':
      return `已部分退款 ${formatFen(payment.refunded_fen)}`;
    case 'refunded':
      return '已退款';
    default:
      return OWED.includes(order.status) ? '待支付' : '';
  }
}

/** A line of what changed the price: "会员价 -¥3.00", "优惠券 满¥100减¥20 -¥20.00". */
function adjustmentView(adjustment, index) {
  return {
    key: `${adjustment.kind}-${adjustment.coupon_id || index}`,
    kind: adjustment.kind,
    label: adjustment.label,
    amount: `-${formatFen(Math.abs(adjustment.amount_fen))}`,
  };
}

function orderView(order) {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    statusName: STATUS_NAMES[order.status] || order.status,
    totalText: formatFen(order.total_fen),
    subtotalText: order.discount_fen ? formatFen(order.subtotal_fen) : '',
    adjustments: (order.adjustments || []).map(adjustmentView),
    endReason: order.end_reason || '',
    awaitingPayment: order.status === 'awaiting_payment',
    paid: !!order.paid,
    paymentState: (order.payment && order.payment.state) || 'unpaid',
    paymentLabel: paymentLabel(order),
    mayHurry: order.status === 'placed' || order.status === 'accepted',
    hurried: !!order.hurried_at,
    items: (order.items || []).map((item) => ({
      id: item.id,
      name: item.dish_name,
      choicesText: (item.choices || []).join('、'),
      quantity: item.quantity,
      served: !!item.served,
    })),
  };
}

/** Orders the kitchen rejected or somebody cancelled: nothing to bill. */
const ENDED = ['rejected', 'cancelled'];

/**
 * What the table's orders come to, in fen: every order the kitchen did not reject and nobody cancelled. The server's
 * own sum over all of them, as `due_fen` is: the tab's state lists only its latest orders. A server from before
 * `billed_fen` (an old instance during a deploy pushing a live state) lists them all instead, so their sum is exact.
 */
function billedFen(tab) {
  if (typeof tab.billed_fen === 'number') {
    return tab.billed_fen;
  }
  return tab.orders.filter((order) => !ENDED.includes(order.status)).reduce((sum, order) => sum + order.total_fen, 0);
}

/**
 * Whether a payment that failed may still have taken the money (WeChat's callback failed, or the answer was lost), so
 * that the diner should ask the server: not when they cancelled, nor when the server refused (a 4xx problem such as
 * nothing_to_pay or a balance too short), before any money moved.
 */
function mayHavePaid(error) {
  const refused = error.status >= 400 && error.status < 500;
  return !!error.code && error.code !== 'payment_cancelled' && !refused;
}

/** `orders` (oldest first, as the server lists them) as shown: newest first. */
function ordersView(orders) {
  return orders.slice().reverse().map(orderView);
}

module.exports = { ordersView, billedFen, adjustmentView, mayHavePaid };
