const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap } = require('../support/pages');
const { STORE } = require('../support/restaurant');
const C = require('../support/campaigns');

const PAGE = 'pages/member/referral/index';
const REFERRAL = `${C.STORE_PATH}/referral`;

function posters(answer) {
  jest.spyOn(wx, 'downloadFile').mockImplementation((options) => answer(options));
}

test('my progress ("还差 2 位好友"), my friends and whether each has had a first order, and the poster', async () => {
  phone.answer(backend({ [`GET ${REFERRAL}`]: json(200, C.referral()) }));
  posters((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' }));
  jest.spyOn(wx, 'previewImage').mockImplementation(() => {});
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.progress-text')).toBe('还差 2 位好友');
  expect(text(page, '.counts')).toBe('已成功邀请 3 / 5 位（好友入会并完成首单算成功）');
  expect(page.querySelectorAll('.friend').map((n) => n.dom.textContent)).toEqual([
    '王*2026-11-20 入会已完成首单', '李**2026-11-28 入会待完成首单',
  ]);
  expect(page.querySelectorAll('.friend-state.paid')).toHaveLength(1);
  expect(wx.downloadFile.mock.calls[0][0].url).toBe(`http://api.test${REFERRAL}/poster.png`);
  expect(wx.downloadFile.mock.calls[0][0].header.Authorization).toMatch(/^Bearer /);
  expect(page.instance.data.poster).toBe('wxfile://tmp/poster.png');
  expect(exists(page, '.poster')).toBe(true);

  await tap(page, '.poster');
  expect(wx.previewImage).toHaveBeenCalledWith({ urls: ['wxfile://tmp/poster.png'] });
});

test('the share card is the server\'s title and the path carrying my signed token', async () => {
  phone.answer(backend({ [`GET ${REFERRAL}`]: json(200, C.referral()) }));
  posters((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(page.instance.onShareAppMessage()).toEqual({
    title: '小林请你吃面：入会领新客礼券',
    path: `pages/member/join/index?store=${STORE.id}&ref=rf.eyJtIjoiMTIzIn0.c2ln`,
  });
  expect(exists(page, '.share')).toBe(true);
});

test('the reward once earned says so; no friends yet: the empty state', async () => {
  phone.answer(backend({ [`GET ${REFERRAL}`]: json(200, C.referral({ successful: 5, remaining: 0, rewarded: true, friends: [] })) }));
  posters((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.progress-text')).toBe('邀请奖励已发放到你的优惠券');
  expect(exists(page, '.friends .none')).toBe(true);
});

test('a poster that cannot be made leaves the share card usable, with a retry', async () => {
  phone.answer(backend({ [`GET ${REFERRAL}`]: json(200, C.referral()) }));
  posters((options) => options.fail({ errMsg: 'downloadFile:fail' }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.poster-failed .failed-message')).toBe('网络连接失败，请检查网络后重试');
  expect(exists(page, '.share')).toBe(true);

  posters((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' }));
  await tap(page, '.retry-poster >>> .t-button');
  expect(exists(page, '.poster')).toBe(true);
});

test('not a member: the server\'s words, and no poster asked for', async () => {
  phone.answer(backend({ [`GET ${REFERRAL}`]: problem(403, 'not_a_member', '成为会员后即可邀请好友') }));
  posters((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' }));
  const page = await openPage(PAGE, { store: STORE.id });

  expect(text(page, '.failed-message')).toBe('成为会员后即可邀请好友');
  expect(wx.downloadFile).not.toHaveBeenCalled();
});
