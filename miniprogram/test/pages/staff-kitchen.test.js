const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE, TABLES, STORE_PATH, order, heldAnswer } = require('../support/staff');

const PAGE = 'staff/pages/kitchen/orders/index';
const QUERY = { store: STORE_ID, role: 'staff' };

function kitchenBackend(routes = {}, orders = [order()]) {
  return backend({
    [`GET ${STORE_PATH}`]: json(200, STORE),
    [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }),
    [`GET ${STORE_PATH}/orders`]: json(200, { orders }),
    ...routes,
  });
}

function feed() {
  return phone.sockets.find((socket) => socket.url.endsWith(`${STORE_PATH}/kitchen/live`));
}

test('the open orders show with their table, dishes and notes, and the feed says it is live', async () => {
  phone.answer(kitchenBackend());
  const page = await openPage(PAGE, QUERY);
  expect(text(page, '.feed-state')).toBe('连接已断开，正在重新连接…');
  feed().open();
  await settle();

  expect(text(page, '.feed-state')).toBe('实时接单中');
  expect(page.querySelectorAll('.order')).toHaveLength(1);
  expect(text(page, '.order .number')).toBe('A001');
  expect(text(page, '.order .table')).toBe('A1');
  expect(text(page, '.order .status')).toBe('新订单');
  expect(text(page, '.order')).toContain('牛肉面（特辣、加蛋） × 1');
  expect(text(page, '.order .notes')).toBe('备注：少辣');
  expect(text(page, '.order')).toContain('¥40.00');
  expect(exists(page, '.refund')).toBe(false); // staff, and the owner has not allowed staff refunds
});

test('a new order and a hurry arrive live', async () => {
  phone.answer(kitchenBackend({}, []));
  const page = await openPage(PAGE, QUERY);
  expect(exists(page, '.none')).toBe(true);

  feed().open();
  feed().receive({ type: 'order_placed', order: order({ id: 'o-2', number: 'A002' }) });
  await settle();
  expect(text(page, '.order .number')).toBe('A002');
  expect(exists(page, '.hurried')).toBe(false);

  feed().receive({ type: 'order_hurried', order: order({ id: 'o-2', number: 'A002', hurried: '2026-12-02T03:40:00Z' }) });
  await settle();
  expect(text(page, '.hurried')).toBe('催单');
});

test('accepting, then serving dish by dish: the answered order replaces the shown one', async () => {
  const accepted = order({ status: 'accepted' });
  const oneServed = order({ status: 'accepted', served: [true, false] });
  const allServed = order({ status: 'served', served: [true, true] });
  phone.answer(kitchenBackend({
    [`POST ${STORE_PATH}/orders/o-1/accept`]: json(200, accepted),
    [`POST ${STORE_PATH}/orders/o-1/items/o-1-i1/served`]: json(200, oneServed),
    [`POST ${STORE_PATH}/orders/o-1/items/o-1-i2/served`]: json(200, allServed),
  }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.accept');
  expect(text(page, '.order .status')).toBe('制作中');
  expect(page.querySelectorAll('.serve')).toHaveLength(2);
  expect(exists(page, '.start-reject')).toBe(false); // an accepted order is cooked, not rejected

  await tap(page, '.serve');
  expect(page.querySelectorAll('.serve')).toHaveLength(1);
  expect(text(page, '.dish-served')).toBe('已上');

  await tap(page, '.serve');
  expect(page.querySelectorAll('.order')).toHaveLength(0);
  expect(text(page, '.finished .status')).toBe('已上齐');
});

test('accept cannot be pressed twice while the first press is on its way', async () => {
  const held = heldAnswer(json(200, order({ status: 'accepted' })));
  phone.answer(kitchenBackend({ [`POST ${STORE_PATH}/orders/o-1/accept`]: held }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.accept');
  expect(text(page, '.accept')).toBe('正在接单…');
  await tap(page, '.accept');
  held.release();
  await settle();

  expect(phone.requests.filter((r) => r.url.endsWith('/accept'))).toHaveLength(1);
  expect(text(page, '.order .status')).toBe('制作中');
});

test('rejecting asks for a reason and sends it', async () => {
  phone.answer(kitchenBackend({
    [`POST ${STORE_PATH}/orders/o-1/reject`]: json(200, { ...order({ status: 'rejected' }), end_reason: '食材不足' }),
  }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.start-reject');
  await tap(page, '.confirm-reject');
  expect(phone.toasts).toEqual(['请填写拒单原因']);
  await tap(page, '.reason-pick');
  await tap(page, '.confirm-reject');

  const reject = phone.requests.find((r) => r.url.endsWith('/reject'));
  expect(reject.data).toEqual({ reason: '食材不足' });
  expect(page.querySelectorAll('.order')).toHaveLength(0);
  expect(text(page, '.finished')).toContain('已拒单');
  expect(text(page, '.finished')).toContain('食材不足');
});

test('a refused command shows the problem\'s message and leaves the order as it was', async () => {
  phone.answer(kitchenBackend({
    [`POST ${STORE_PATH}/orders/o-1/accept`]: problem(409, 'order_state_conflict', '订单已被拒绝，不能接单'),
  }));
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.accept');

  expect(phone.toasts).toEqual(['订单已被拒绝，不能接单']);
  expect(text(page, '.order .status')).toBe('新订单');
});

test('the ticket shows as text to copy to the printer', async () => {
  const ticket = '老街面馆 总店\n#A001  A1\n牛肉面 x1\n';
  phone.answer(kitchenBackend({ [`GET ${STORE_PATH}/orders/o-1/ticket`]: { statusCode: 200, data: ticket } }));
  jest.spyOn(wx, 'setClipboardData').mockImplementation(() => {});
  const page = await openPage(PAGE, QUERY);

  await tap(page, '.ticket-button');
  expect(phone.requests.find((r) => r.url.includes('/ticket')).url).toContain('paper=58');
  expect(text(page, '.ticket-text')).toContain('#A001 A1');
  await tap(page, '.copy-ticket >>> .t-button');

  expect(wx.setClipboardData).toHaveBeenCalledWith({ data: ticket });
});

test('an owner may refund, and after the feed was down the orders are read again', async () => {
  let orders = [order()];
  phone.answer(backend({
    [`GET ${STORE_PATH}`]: json(200, STORE),
    [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }),
    [`GET ${STORE_PATH}/orders`]: () => json(200, { orders }),
  }));
  const page = await openPage(PAGE, { store: STORE_ID, role: 'owner' });
  feed().open();
  await tap(page, '.refund');
  expect(phone.navigations[0].url).toBe(`/staff/pages/refunds/new/index?store=${STORE_ID}&role=owner&order=o-1&number=A001&total=4000`);

  orders = [order(), order({ id: 'o-3', number: 'A003' })];
  feed().drop();
  await new Promise((resolve) => setTimeout(resolve, 1100)); // the feed's first wait before reconnecting
  const again = phone.sockets[phone.sockets.length - 1];
  expect(again).not.toBe(phone.sockets[0]);
  again.open();
  await settle();

  expect(page.querySelectorAll('.order')).toHaveLength(2);
});

test('a store the person cannot see shows the problem and a retry', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}`]: problem(404, 'store_not_found', '找不到这家门店') }));
  const page = await openPage(PAGE, QUERY);

  expect(text(page, '.error')).toBe('找不到这家门店');
  expect(exists(page, '.retry')).toBe(true);
});
