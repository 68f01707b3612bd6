// A small noodle house as its staff see it: the store, its tables, and orders in the kitchen's shapes.
const STORE_ID = '5a1e0000-0000-4000-8000-0000000000a1';
const STORE = {
  id: STORE_ID, tenant_id: '5a1e0000-0000-4000-8000-0000000000a0', code: 'ab12cd', name: '老街面馆 总店',
  time_zone: 'Asia/Shanghai', ordering_mode: 'pay_first', staff_may_refund: false, open_now: true,
};
const TABLES = [
  { id: 't-a1', store_id: STORE_ID, code: 'A1', name: 'A1', area: '大厅', seats: 4, active: true },
  { id: 't-a2', store_id: STORE_ID, code: 'A2', name: 'A2', area: null, seats: 2, active: false },
];
const STORE_PATH = `/api/v1/stores/${STORE_ID}`;

function order({ id = 'o-1', number = 'A001', status = 'placed', served = [false, false], hurried = null } = {}) {
  return {
    id, store_id: STORE_ID, tab_id: 'tab-1', table_id: 't-a1', number, status, head_count: 2, notes: '少辣',
    total_fen: 4000, placed_at: '2026-12-02T03:30:00Z', hurried_at: hurried, end_reason: null,
    items: [
      { id: `${id}-i1`, dish_id: 'd1', dish_name: '牛肉面', choices: ['特辣', '加蛋'], unit_price_fen: 3100, quantity: 1, added_by: 'u1', served: served[0] },
      { id: `${id}-i2`, dish_id: 'd2', dish_name: '拍黄瓜', choices: [], unit_price_fen: 900, quantity: 1, added_by: 'u1', served: served[1] },
    ],
  };
}

/** An answer that holds back until `release()`: to press a button again while the first press is on its way. */
function heldAnswer(response) {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const answer = () => released.then(() => response);
  answer.release = () => release();
  return answer;
}

module.exports = { STORE_ID, STORE, TABLES, STORE_PATH, order, heldAnswer };
