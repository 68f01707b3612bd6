const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap } = require('../support/pages');
const { STORE_ID, STORE_PATH } = require('../support/staff');

const TABS = 'staff/pages/kitchen/tabs/index';

test('the open tabs show by table with what each owes, and each opens its counter payment', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/tabs`]: json(200, { tabs: [
      { id: 'tab-1', table_id: 't-a1', table_code: 'A1', table_name: 'A1', due_fen: 5600, awaiting_payment: [] },
    ] }),
  }));
  const page = await openPage(TABS, { store: STORE_ID, role: 'staff' });

  expect(text(page, '.tab .table-name')).toBe('桌台 A1');
  expect(text(page, '.tab .due')).toBe('待结 ¥56.00');
  await tap(page, '.pay');

  expect(phone.navigations).toEqual([
    { how: 'navigateTo', url: `/staff/pages/counter/pay/index?store=${STORE_ID}&tab=tab-1&table=A1` },
  ]);
});

test('a pay-first table owes nothing on its tab; its order awaiting payment is paid by number', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/tabs`]: json(200, { tabs: [{
      id: 'tab-2', table_id: 't-a2', table_code: 'A2', table_name: null, due_fen: 0,
      awaiting_payment: [{ order_id: 'order-7', number: 'A007', total_fen: 2800 }],
    }] }),
  }));
  const page = await openPage(TABS, { store: STORE_ID, role: 'staff' });

  expect(exists(page, '.tab .pay')).toBe(false);
  expect(text(page, '.awaiting-text')).toBe('A007 待支付 ¥28.00');
  await tap(page, '.pay-order');

  expect(phone.navigations).toEqual([{
    how: 'navigateTo',
    url: `/staff/pages/counter/pay/index?store=${STORE_ID}&order=order-7&number=A007&table=A2`,
  }]);
});

test('no open tab says where tables come from; a problem shows its message', async () => {
  let down = true;
  phone.answer(backend({
    [`GET ${STORE_PATH}/tabs`]: () => (down ? problem(403, 'forbidden', '没有权限') : json(200, { tabs: [] })),
  }));
  const page = await openPage(TABS, { store: STORE_ID });
  expect(text(page, '.error')).toBe('没有权限');

  down = false;
  await tap(page, '.retry >>> .t-button');
  expect(exists(page, '.none')).toBe(true);
});
