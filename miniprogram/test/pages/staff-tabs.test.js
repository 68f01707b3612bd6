const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap } = require('../support/pages');
const { STORE_ID, TABLES, STORE_PATH } = require('../support/staff');

const TABS = 'staff/pages/kitchen/tabs/index';

test('the open tabs show by table, and each opens its counter payment', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/tabs`]: json(200, { tabs: [{ id: 'tab-1', table_id: 't-a1' }] }),
    [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }),
  }));
  const page = await openPage(TABS, { store: STORE_ID, role: 'staff' });

  expect(text(page, '.tab .table-name')).toBe('桌台 A1');
  await tap(page, '.pay');

  expect(phone.navigations).toEqual([
    { how: 'navigateTo', url: `/staff/pages/counter/pay/index?store=${STORE_ID}&tab=tab-1&table=A1` },
  ]);
});

test('no open tab says where tables come from; a problem shows its message', async () => {
  let down = true;
  phone.answer(backend({
    [`GET ${STORE_PATH}/tabs`]: () => (down ? problem(403, 'forbidden', '没有权限') : json(200, { tabs: [] })),
    [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }),
  }));
  const page = await openPage(TABS, { store: STORE_ID });
  expect(text(page, '.error')).toBe('没有权限');

  down = false;
  await tap(page, '.retry >>> .t-button');
  expect(exists(page, '.none')).toBe(true);
});
