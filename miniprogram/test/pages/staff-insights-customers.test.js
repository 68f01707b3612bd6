const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');
const I = require('../support/insights');

const CUSTOMERS = 'staff/pages/insights/customers/index';
const MEMBER = 'staff/pages/insights/member/index';
const SEGMENTS = `${STORE_PATH}/insights/segments`;
const SLEEPING = `${SEGMENTS}/sleeping/members`;
const OWNER = { store: STORE_ID, role: 'owner' };

function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.replace(/\s+/g, ' ').trim());
}

function asked(path) {
  return phone.requests.filter((r) => new URL(r.url).pathname === path).map((r) => new URL(r.url).searchParams);
}

describe('顾客', () => {
  test('loading, then the five segments with their counts and definitions', async () => {
    const held = heldAnswer(json(200, { total_members: 107, segments: I.SEGMENTS }));
    phone.answer(backend({ [`GET ${SEGMENTS}`]: held }));
    const page = await openPage(CUSTOMERS, OWNER);
    expect(text(page, '.loading')).toBe('正在给顾客分群…');

    held.release();
    await settle();

    expect(text(page, '.total')).toBe('共 107 位会员');
    expect(texts(page, '.segment-label')).toEqual(['新顾客 New', '常客 Regular', '高价值 High value', '沉睡 Sleeping', '流失 Lost']);
    expect(texts(page, '.segment-count')).toEqual(['12 人', '40 人', '8 人', '42 人', '5 人']);
    expect(text(page, '.segment-sleeping .segment-definition')).toBe('45 到 365 天未到店 / no visit for 45 to 365 days');
  });

  test('a segment lists its members, masked, 加载更多 a page at a time; a member opens their history', async () => {
    phone.answer(backend({
      [`GET ${SEGMENTS}`]: json(200, { total_members: 107, segments: I.SEGMENTS }),
      [`GET ${SLEEPING}`]: (request, url) => (url.searchParams.get('after') === 'cursor-2'
        ? json(200, { items: [I.segmentMember(3)], next: null })
        : json(200, { items: [I.segmentMember(1), I.segmentMember(2)], next: 'cursor-2' })),
    }));
    const page = await openPage(CUSTOMERS, OWNER);

    await tap(page, '.segment-sleeping');

    expect(text(page, '.members-title')).toBe('沉睡');
    expect(texts(page, '.member-name')).toEqual(['张** 138****5678', '张* 未留手机号']);
    expect(text(page, '.member-figures')).toBe('4 次 · 共 ¥501.00 · 客单价 ¥120.00');
    expect(text(page, '.member-last')).toMatch(/^最近到店 2026-10-01$/);
    await tap(page, '.more >>> .t-button');

    expect(asked(SLEEPING).map((query) => [query.get('after'), query.get('limit')])).toEqual([[null, '20'], ['cursor-2', '20']]);
    expect(texts(page, '.member-name')).toHaveLength(3);
    expect(exists(page, '.more')).toBe(false);

    page.querySelectorAll('.member')[2].dispatchEvent('tap');
    await settle();
    expect(phone.navigations[0].url).toBe(`/staff/pages/insights/member/index?store=${STORE_ID}&role=owner&member=me000000-0000-4000-8000-000000000003`);
  });

  test('an empty segment says so; tapped again the list closes', async () => {
    phone.answer(backend({
      [`GET ${SEGMENTS}`]: json(200, { total_members: 107, segments: I.SEGMENTS }),
      [`GET ${SEGMENTS}/lost/members`]: json(200, { items: [], next: null }),
    }));
    const page = await openPage(CUSTOMERS, OWNER);

    await tap(page, '.segment-lost');
    expect(text(page, '.no-members')).toBe('这一群暂时没有顾客。');
    await tap(page, '.segment-lost');
    expect(exists(page, '.members-title')).toBe(false);
  });

  test('no members yet: told what the screen will show', async () => {
    phone.answer(backend({ [`GET ${SEGMENTS}`]: json(200, { total_members: 0, segments: I.SEGMENTS.map((s) => ({ ...s, count: 0 })) }) }));
    const page = await openPage(CUSTOMERS, OWNER);
    expect(exists(page, '.none')).toBe(true);
    expect(exists(page, '.segment')).toBe(false);
  });

  test('refusals show the server\'s words: the segments with a retry, the members with theirs, a later page under the list', async () => {
    let segmentsDown = true;
    let membersDown = true;
    phone.answer(backend({
      [`GET ${SEGMENTS}`]: () => (segmentsDown ? problem(403, 'forbidden', '只有店主和运营可以查看顾客') : json(200, { total_members: 107, segments: I.SEGMENTS })),
      [`GET ${SLEEPING}`]: (request, url) => {
        if (url.searchParams.get('after')) {
          return problem(400, 'cursor_invalid', '翻页已失效，请重新打开');
        }
        return membersDown ? problem(503, 'unavailable', '服务暂时不可用，请稍后再试') : json(200, { items: [I.segmentMember(1)], next: 'c2' });
      },
    }));
    const page = await openPage(CUSTOMERS, OWNER);
    expect(text(page, '.error')).toBe('只有店主和运营可以查看顾客');

    segmentsDown = false;
    await tap(page, '.retry >>> .t-button');
    await tap(page, '.segment-sleeping');
    expect(text(page, '.members-error')).toBe('服务暂时不可用，请稍后再试');

    membersDown = false;
    await tap(page, '.retry-members >>> .t-button');
    expect(texts(page, '.member-name')).toHaveLength(1);
    await tap(page, '.more >>> .t-button');
    expect(text(page, '.problem')).toBe('翻页已失效，请重新打开');
    expect(phone.toasts).toEqual([]);
  });
});

describe('a member\'s history', () => {
  const HISTORY = `${STORE_PATH}/members/me000000-0000-4000-8000-000000000001/history`;
  const QUERY = { ...OWNER, member: 'me000000-0000-4000-8000-000000000001' };

  test('who, the visits with their dishes, newest first, and the coupons', async () => {
    const held = heldAnswer(json(200, I.history()));
    phone.answer(backend({ [`GET ${HISTORY}`]: held }));
    const page = await openPage(MEMBER, QUERY);
    expect(text(page, '.loading')).toBe('正在读取顾客档案…');
    held.release();
    await settle();

    expect(text(page, '.member-name')).toBe('张*');
    expect(text(page, '.member-phone')).toBe('138****5678 · 2026-03-01 入会 · 金卡');
    expect(text(page, '.member-figures')).toBe('9 次 · 共 ¥1680.00 · 客单价 ¥186.67');
    expect(texts(page, '.visit-head')).toEqual(['2026-09-30 · 老街面馆 总店', '2026-09-02 · 老街面馆 二店 · 2 单']);
    expect(texts(page, '.visit-amount')).toEqual(['¥186.00', '¥210.00']);
    expect(texts(page, '.visit-dishes')).toEqual(['牛肉面 ×2、拍黄瓜 ×1', '牛肉面 ×3']);
    expect(texts(page, '.coupon-title')).toEqual(['回归礼券', '新客礼']);
    expect(texts(page, '.coupon')[0]).toContain('可用');
    expect(texts(page, '.coupon')[1]).toContain('已使用');
    expect(texts(page, '.coupon-line')).toEqual(['2026-12-01 获得 · 活动赠送 · 唤醒沉睡顾客', '2026-03-01 获得 · 门店赠送']);
  });

  test('a member with no visits and no coupons says so', async () => {
    phone.answer(backend({ [`GET ${HISTORY}`]: json(200, I.history({ visits: [], coupons: [] })) }));
    const page = await openPage(MEMBER, QUERY);
    expect(text(page, '.no-visits')).toBe('还没有到店记录。');
    expect(text(page, '.no-coupons')).toBe('没有优惠券。');
  });

  test('an unknown member shows the server\'s words and a retry', async () => {
    phone.answer(backend({ [`GET ${HISTORY}`]: problem(404, 'member_not_found', '会员不存在') }));
    const page = await openPage(MEMBER, QUERY);
    expect(text(page, '.error')).toBe('会员不存在');
    expect(exists(page, '.retry')).toBe(true);
  });
});
