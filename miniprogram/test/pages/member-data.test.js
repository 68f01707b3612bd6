const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { heldAnswer } = require('../support/staff');
const { STORE, SESSION } = require('../support/restaurant');
const { MEMBERSHIP_PATH, member } = require('../support/members');

const PAGE = 'pages/member/data/index';
const EXPORT = {
  member: member({ phone: '13800138000' }), openid: 'o-abc', exported_at: '2026-12-02T04:30:00Z',
  consents: [{ purpose: 'membership', granted: true, notice_version: 2, recorded_at: '2026-12-02T04:10:00Z' }],
  visits: [], orders: [], accesses: [],
};

function deletes() {
  return phone.requests.filter((r) => r.method === 'DELETE' && new URL(r.url).pathname === MEMBERSHIP_PATH);
}

function myData(routes = {}) {
  return backend({ [`GET ${MEMBERSHIP_PATH}/export`]: json(200, EXPORT), ...routes });
}

test('everything held about me is shown whole, to copy or send on as a file', async () => {
  phone.answer(myData());
  jest.spyOn(wx, 'setClipboardData').mockImplementation(() => {});
  jest.spyOn(wx, 'downloadFile').mockImplementation((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/export.json' }));
  // Not in the simulated wx: WeChat's own, sending the file to a chat.
  wx.shareFileMessage = jest.fn((options) => options.success());
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.exported')).toContain('"phone": "13800138000"');
  expect(text(page, '.exported')).toContain('"openid": "o-abc"');
  await tap(page, '.copy >>> .t-button');
  expect(wx.setClipboardData).toHaveBeenCalledWith({ data: JSON.stringify(EXPORT, null, 2) });

  await tap(page, '.download >>> .t-button');
  expect(wx.downloadFile.mock.calls[0][0].url).toBe(`http://api.test${MEMBERSHIP_PATH}/export`);
  expect(wx.shareFileMessage.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/export.json', fileName: '我的会员数据.json' });
});

test('leaving asks first: no leaves nothing changed', async () => {
  phone.answer(myData({ [`DELETE ${MEMBERSHIP_PATH}`]: { statusCode: 204, data: '' } }));
  wx.setStorageSync('tableloop.session', SESSION);
  const page = await openPage(PAGE, { store: STORE.id });

  phone.modalAnswer = false;
  await tap(page, '.leave >>> .t-button');

  expect(phone.modals[0].title).toBe('注销会员');
  expect(phone.modals[0].content).toContain('无法恢复');
  expect(deletes()).toHaveLength(0);
  expect(wx.getStorageSync('tableloop.session')).toEqual(SESSION);
});

test('leaving, confirmed, erases once however often it is tapped, ends the session and starts over', async () => {
  const held = heldAnswer({ statusCode: 204, data: '' });
  phone.answer(myData({ [`DELETE ${MEMBERSHIP_PATH}`]: held }));
  wx.setStorageSync('tableloop.session', SESSION);
  const page = await openPage(PAGE, { store: STORE.id });

  await tap(page, '.leave >>> .t-button');
  await tap(page, '.leave >>> .t-button');
  held.release();
  await settle();

  expect(phone.modals).toHaveLength(1);
  expect(deletes()).toHaveLength(1);
  expect(wx.getStorageSync('tableloop.session')).toBe('');
  expect(phone.navigations).toEqual([{ how: 'reLaunch', url: '/pages/table/scan/index' }]);
});

test('a refused leave and a failed export show the problem\'s message', async () => {
  phone.answer(myData({ [`DELETE ${MEMBERSHIP_PATH}`]: problem(404, 'not_a_member', '你还不是会员') }));
  const page = await openPage(PAGE, { store: STORE.id });
  await tap(page, '.leave >>> .t-button');
  expect(text(page, '.problem')).toBe('你还不是会员');
  expect(phone.navigations).toEqual([]);

  phone.answer(backend({ [`GET ${MEMBERSHIP_PATH}/export`]: problem(404, 'not_a_member', '你还不是会员') }));
  const failed = await openPage(PAGE, { store: STORE.id });
  expect(text(failed, '.failed-message')).toBe('你还不是会员');
  expect(exists(failed, '.leave')).toBe(false);
});
