const { phone } = require('../support/phone');
const { openPage, text, tap } = require('../support/pages');

const PAGE = 'pages/table/scan/index';

test('scanning a table\'s mini-program code opens that table\'s menu', async () => {
  jest.spyOn(wx, 'scanCode').mockImplementation((o) => o.success({ path: 'pages/table/menu/index?scene=s%3D12%26t%3DA3' }));
  const page = await openPage(PAGE);

  await tap(page, '.scan-button >>> .t-button');

  expect(phone.navigations).toEqual([{ how: 'navigateTo', url: '/pages/table/menu/index?scene=s%3D12%26t%3DA3' }]);
});

test('a code that is no table code says so and opens nothing', async () => {
  jest.spyOn(wx, 'scanCode').mockImplementation((o) => o.success({ result: 'hello world' }));
  const page = await openPage(PAGE);

  await tap(page, '.scan-button >>> .t-button');

  expect(text(page, '.error')).toBe('这不是本店的桌台码，请扫描桌上的二维码');
  expect(phone.navigations).toEqual([]);
});

test('staff find their way to the staff area', async () => {
  const page = await openPage(PAGE);

  await tap(page, '.staff-link');

  expect(phone.navigations).toEqual([{ how: 'navigateTo', url: '/staff/pages/stores/list/index' }]);
});
