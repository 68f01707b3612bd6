// A small noodle house as the backend describes it: its scan, its menu and its table's tab.
const { json, problem } = require('./backend');
const STORE = {
  id: '5a1e0000-0000-4000-8000-000000000001', tenant_id: '5a1e0000-0000-4000-8000-0000000000f0', code: '12',
  name: '老街面馆', ordering_mode: 'pay_first', open_now: true,
};
const TABLE = { id: '5a1e0000-0000-4000-8000-000000000002', store_id: STORE.id, code: 'A3', name: 'A3', active: true };
const ME = 'u-me';
const FRIEND = 'u-friend';

const NOODLES = {
  id: 'd-noodles', name: '牛肉面', price_fen: 2800, member_price_fen: 2500, tags: ['招牌', '辣'], sold_out: false,
  available_now: true, image_url: 'https://img.example.com/noodles.jpg',
  option_groups: [
    { id: 'g-spice', name: '辣度', required: true, min_choices: 1, max_choices: 1, choices: [
      { id: 'c-mild', name: '微辣', price_delta_fen: 0 },
      { id: 'c-hot', name: '特辣', price_delta_fen: 0 },
    ] },
    { id: 'g-extra', name: '加料', required: false, min_choices: 0, max_choices: 2, choices: [
      { id: 'c-egg', name: '加蛋', price_delta_fen: 300 },
      { id: 'c-beef', name: '加牛肉', price_delta_fen: 800 },
      { id: 'c-tofu', name: '加豆腐', price_delta_fen: 200 },
    ] },
  ],
};
const CUCUMBER = { id: 'd-cucumber', name: '拍黄瓜', price_fen: 1200, sold_out: false, available_now: true };
const COLA = { id: 'd-cola', name: '可乐', price_fen: 500, sold_out: true, available_now: true };

const MENU = {
  store_id: STORE.id, version: 7, categories: [
    { id: 'cat-noodles', name: '面', dishes: [NOODLES] },
    { id: 'cat-sides', name: '小菜饮料', dishes: [CUCUMBER, COLA] },
  ],
};

function line(id, dish, quantity, addedBy, choices = [], unit = dish.price_fen) {
  return {
    id, dish_id: dish.id, choice_ids: [], quantity, added_by: addedBy, dish_name: dish.name, choices,
    unit_price_fen: unit, line_total_fen: unit * quantity,
  };
}

const OWED = ['placed', 'accepted', 'served'];
const ENDED = ['rejected', 'cancelled'];
/** How many of its latest orders a tab's state lists. */
const LATEST = 20;

/**
 * A tab as the server answers it, `orders` being all of its orders (oldest first): the totals count them all, and it
 * lists the latest 20. A closed tab was paid, so its orders are too and it owes nothing.
 */
function tab({ version = 0, lines = [], orders = [], status = 'open' } = {}) {
  const settled = orders.map((o) => (status === 'closed' && OWED.includes(o.status) && !o.paid
    ? { ...o, paid: true, payment: payment('paid', o.total_fen) } : o));
  return {
    id: '5a1e0000-0000-4000-8000-000000000003', store_id: STORE.id, table_id: TABLE.id, status,
    cart: { version, lines, total_fen: lines.reduce((sum, l) => sum + l.line_total_fen, 0) },
    due_fen: settled.filter((o) => !o.paid && OWED.includes(o.status)).reduce((sum, o) => sum + o.total_fen, 0),
    paid_fen: settled.reduce((sum, o) => sum + o.payment.paid_fen, 0),
    refunded_fen: settled.reduce((sum, o) => sum + o.payment.refunded_fen, 0),
    billed_fen: settled.filter((o) => !ENDED.includes(o.status)).reduce((sum, o) => sum + o.total_fen, 0),
    orders_count: settled.length,
    orders: settled.slice(-LATEST),
  };
}

/**
 * The answer of listTabOrders over `orders` (all of the tab's, oldest first) to a request to `url`: the `limit`
 * orders (20 unless said) just before order `before`, or the latest without it; 404 order_not_found for an order not
 * of the tab.
 */
function ordersPage(orders, url) {
  const before = url.searchParams.get('before');
  const end = before ? orders.findIndex((o) => o.id === before) : orders.length;
  if (end < 0) {
    return problem(404, 'order_not_found', '找不到这个订单');
  }
  const start = Math.max(0, end - Number(url.searchParams.get('limit') || LATEST));
  return json(200, { orders: orders.slice(start, end), more: start > 0 });
}

/** An order's payment state as the server sends it: unpaid, paid (by WeChat), or refunded in part or whole. */
function payment(state, totalFen, refundedFen = 0) {
  const paid = state !== 'unpaid' && state !== 'pending';
  return {
    state,
    method: paid ? 'wechat' : null,
    paid_at: paid ? '2026-12-02T04:05:00Z' : null,
    paid_fen: paid ? totalFen : 0,
    refunded_fen: refundedFen,
  };
}

const SCAN = { store: STORE, table: TABLE, scan_token: '1700000000.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', scan_token_expires_in: 600 };
const TAB_PATH = `/api/v1/stores/${STORE.id}/tabs/5a1e0000-0000-4000-8000-000000000003`;
const SESSION = { token: 'my-session-token-abcdefghij', user: { id: ME }, roles: [] };

module.exports = {
  STORE, TABLE, ME, FRIEND, NOODLES, CUCUMBER, COLA, MENU, SCAN, TAB_PATH, SESSION, line, tab, ordersPage,
};

function order({
  id = 'o1', number = 'A001', status = 'awaiting_payment', total = 5200, items, hurriedAt = null, paid = false,
  paymentState = paid ? 'paid' : 'unpaid', refunded = 0,
} = {}) {
  return {
    id, store_id: STORE.id, tab_id: '5a1e0000-0000-4000-8000-000000000003', table_id: TABLE.id, number, status,
    head_count: 2, notes: null, total_fen: total, placed_at: '2026-12-02T04:00:00Z', hurried_at: hurriedAt, end_reason: null,
    paid,
    payment: payment(paymentState, total, refunded),
    items: items || [
      { id: 'i1', dish_id: NOODLES.id, dish_name: '牛肉面', choices: ['特辣'], unit_price_fen: 2800, quantity: 1, added_by: ME, served: false },
      { id: 'i2', dish_id: CUCUMBER.id, dish_name: '拍黄瓜', choices: [], unit_price_fen: 1200, quantity: 2, added_by: FRIEND, served: false },
    ],
  };
}

/** `count` orders of one tab, oldest first: o1 (A001) to o`count`, each ¥10.00, and as `fields` say. */
function orders(count, fields = {}) {
  return Array.from({ length: count }, (_, i) => order({
    id: `o${i + 1}`, number: `A${String(i + 1).padStart(3, '0')}`, total: 1000, ...fields,
  }));
}

const PAYMENT = {
  payment: { id: 'p1', order_id: 'o1', out_trade_no: 'TL1', method: 'wechat', amount_fen: 5200, status: 'pending' },
  request_payment: { timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx-prepay-1', signType: 'RSA', paySign: 'sig' },
};

/** This phone sat down at the table by scanning it (what the menu page remembers). */
function seated(mode = 'pay_first') {
  wx.setStorageSync('tableloop.session', SESSION);
  wx.setStorageSync('tableloop.visit', {
    code: { scene: 's=12&t=A3' }, store: { ...STORE, ordering_mode: mode }, table: { id: TABLE.id, name: 'A3' },
    tab: { id: tab().id, store_id: STORE.id },
  });
  return { store: STORE.id, tab: tab().id };
}

module.exports.order = order;
module.exports.orders = orders;
module.exports.PAYMENT = PAYMENT;
module.exports.seated = seated;
