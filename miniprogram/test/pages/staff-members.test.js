const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');

const JOIN_CODE = 'staff/pages/members/join-code/index';
const LIST = 'staff/pages/members/list/index';
const DETAIL = 'staff/pages/members/detail/index';
const RECRUITERS = 'staff/pages/members/recruiters/index';
const COOK = 'bbbbbbbb-0000-4000-8000-000000000002';
const GONE = 'cccccccc-0000-4000-8000-000000000003';

function member(n, overrides = {}) {
  return {
    id: `3e3e0000-0000-4000-8000-00000000c00${n}`, joined_at: `2026-12-0${n}T04:10:00Z`, joined_via: 'staff_code',
    marketing_consent: false, nickname: n === 1 ? '小林' : null, birthday: null, phone: n === 1 ? '138****8000' : null,
    stats: { visits: n, total_spend_fen: 2800 * n, average_basket_fen: 2800, favourite_dishes: [], stores_visited: [] },
    ...overrides,
  };
}

function to(method, path) {
  return phone.requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
}

describe('my join code', () => {
  test('shows today\'s recruits, the code, its picture (fetched with the session) and its path to copy', async () => {
    phone.answer(backend({
      [`GET ${STORE_PATH}/join-code`]: json(200, {
        code: 'k3m9x2p7qa', scene: 'j=k3m9x2p7qa', page: 'pages/member/join/index', path: 'pages/member/join/index?j=k3m9x2p7qa',
      }),
      [`GET ${STORE_PATH}/recruits/today`]: json(200, { count: 3, message: '你今天招募了 3 位新会员', message_en: '', recruits: [] }),
    }));
    jest.spyOn(wx, 'downloadFile').mockImplementation((options) => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/code.png' }));
    jest.spyOn(wx, 'setClipboardData').mockImplementation(() => {});
    const page = await openPage(JOIN_CODE, { store: STORE_ID });

    expect(text(page, '.recruits-message')).toBe('你今天招募了 3 位新会员');
    expect(text(page, '.code')).toBe('k3m9x2p7qa');
    expect(exists(page, '.code-image')).toBe(true);
    expect(page.data.image).toBe('wxfile://tmp/code.png');
    expect(wx.downloadFile.mock.calls[0][0].url).toBe(`http://api.test${STORE_PATH}/join-code.png`);
    expect(wx.downloadFile.mock.calls[0][0].header.Authorization).toMatch(/^Bearer /);
    await tap(page, '.copy-path >>> .t-button');
    expect(wx.setClipboardData).toHaveBeenCalledWith({ data: 'pages/member/join/index?j=k3m9x2p7qa' });
  });

  test('a refusal shows its message; a picture that fails leaves the code usable, with a retry', async () => {
    phone.answer(backend({ [`GET ${STORE_PATH}/join-code`]: problem(403, 'forbidden', '你不是本店员工') }));
    const refused = await openPage(JOIN_CODE, { store: STORE_ID });
    expect(text(refused, '.error')).toBe('你不是本店员工');

    phone.answer(backend({
      [`GET ${STORE_PATH}/join-code`]: json(200, { code: 'k3m9x2p7qa', path: 'p' }),
      [`GET ${STORE_PATH}/recruits/today`]: json(200, { count: 0, message: '你今天招募了 0 位新会员', recruits: [] }),
    }));
    jest.spyOn(wx, 'downloadFile').mockImplementation((options) => options.fail({ errMsg: 'downloadFile:fail' }));
    const page = await openPage(JOIN_CODE, { store: STORE_ID });
    expect(text(page, '.image-failed .error')).toBe('网络连接失败，请检查网络后重试');
    expect(text(page, '.code')).toBe('k3m9x2p7qa');
    expect(exists(page, '.retry-image')).toBe(true);
  });
});

describe('members', () => {
  test('the list shows masked phones, a page at a time, and opens a member', async () => {
    phone.answer(backend({
      [`GET ${STORE_PATH}/members`]: (request, url) => json(200, url.searchParams.get('after')
        ? { members: [member(2)], next: null }
        : { members: [member(1)], next: member(1).id }),
    }));
    const page = await openPage(LIST, { store: STORE_ID, role: 'owner' });

    expect(text(page, '.member-name')).toBe('小林');
    expect(text(page, '.member-phone')).toBe('138****8000 · 2026-12-01 入会');
    await tap(page, '.more >>> .t-button');
    expect(page.querySelectorAll('.member').map((m) => m.dom.textContent)[1]).toContain('会员 3e3e0000');
    expect(to('GET', `${STORE_PATH}/members`)[1].url).toContain(`after=${member(1).id}`);
    expect(exists(page, '.more')).toBe(false);

    page.querySelectorAll('.member')[0].dispatchEvent('tap');
    await settle();
    expect(phone.navigations[0].url).toBe(`/staff/pages/members/detail/index?store=${STORE_ID}&role=owner&member=${member(1).id}`);
  });

  test('searching by phone sends the number in the body, once; nothing found says so; a bad number is refused here', async () => {
    const held = heldAnswer(json(200, { members: [] }));
    phone.answer(backend({
      [`GET ${STORE_PATH}/members`]: json(200, { members: [member(1)], next: null }),
      [`POST ${STORE_PATH}/members/search`]: held,
    }));
    const page = await openPage(LIST, { store: STORE_ID, role: 'staff' });

    page.querySelector('.phone-input').dispatchEvent('input', { detail: { value: '138' } });
    await tap(page, '.search-button >>> .t-button');
    expect(text(page, '.problem')).toBe('请输入完整的手机号');

    page.querySelector('.phone-input').dispatchEvent('input', { detail: { value: '13800138000' } });
    await tap(page, '.search-button >>> .t-button');
    await tap(page, '.search-button >>> .t-button');
    held.release();
    await settle();

    const searches = to('POST', `${STORE_PATH}/members/search`);
    expect(searches).toHaveLength(1);
    expect(searches[0].data).toEqual({ phone: '13800138000' });
    expect(searches[0].url).not.toContain('13800138000');
    expect(exists(page, '.member')).toBe(false);
    expect(exists(page, '.none')).toBe(true);
  });

  test('a list that cannot be read shows the problem\'s message', async () => {
    phone.answer(backend({ [`GET ${STORE_PATH}/members`]: problem(403, 'forbidden', '你没有权限查看会员') }));
    const page = await openPage(LIST, { store: STORE_ID, role: 'staff' });
    expect(text(page, '.failed .error')).toBe('你没有权限查看会员');
  });
});

describe('a member\'s history', () => {
  const history = (accesses = []) => member(1, {
    visits: [{ store_id: STORE_ID, store_name: '老街面馆 总店', paid_at: '2026-12-01T04:00:00Z', amount_fen: 5600, refunded_fen: 800, dishes: [] }],
    consents: [{ purpose: 'membership', granted: true, notice_version: 1, recorded_at: '2026-12-01T04:10:00Z' },
      { purpose: 'marketing', granted: false, notice_version: 1, recorded_at: '2026-12-01T05:00:00Z' }],
    accesses,
  });

  test('shows the card, visits net of refunds, consents and accesses; staff cannot reveal the phone', async () => {
    phone.answer(backend({ [`GET ${STORE_PATH}/members/${member(1).id}`]: json(200, history()) }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'staff', member: member(1).id });

    expect(text(page, '.member-phone')).toBe('手机号 138****8000');
    expect(text(page, '.visit')).toContain('老街面馆 总店 · ¥48.00');
    expect(page.querySelectorAll('.consent').map((c) => c.dom.textContent.split(' · ')[1])).toEqual(['隐私政策同意', '营销消息撤回']);
    expect(exists(page, '.reveal')).toBe(false);
  });

  test('an owner reveals the whole number for a reason, once, and the reveal joins the history', async () => {
    const held = heldAnswer(json(200, { phone: '13800138000', country_code: '86' }));
    let revealed = false;
    phone.answer(backend({
      [`GET ${STORE_PATH}/members/${member(1).id}`]: () => json(200, history(revealed
        ? [{ actor_role: 'owner', action: 'phone_revealed', reason: '归还遗失的钱包', occurred_at: '2026-12-02T04:20:00Z' }] : [])),
      [`POST ${STORE_PATH}/members/${member(1).id}/phone-reveal`]: (request) => {
        revealed = true;
        return held(request);
      },
    }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });

    await tap(page, '.reveal-button >>> .t-button');
    expect(to('POST', `${STORE_PATH}/members/${member(1).id}/phone-reveal`)).toHaveLength(0);

    page.querySelector('.reason').dispatchEvent('input', { detail: { value: '归还遗失的钱包' } });
    await settle();
    await tap(page, '.reveal-button >>> .t-button');
    await tap(page, '.reveal-button >>> .t-button');
    held.release();
    await settle();

    const reveals = to('POST', `${STORE_PATH}/members/${member(1).id}/phone-reveal`);
    expect(reveals).toHaveLength(1);
    expect(reveals[0].data).toEqual({ reason: '归还遗失的钱包' });
    expect(text(page, '.member-phone')).toBe('手机号 13800138000');
    expect(text(page, '.access')).toContain('店主查看完整手机号：归还遗失的钱包');
  });

  test('a refused reveal shows the problem\'s message', async () => {
    phone.answer(backend({
      [`GET ${STORE_PATH}/members/${member(1).id}`]: json(200, history()),
      [`POST ${STORE_PATH}/members/${member(1).id}/phone-reveal`]: problem(403, 'forbidden', '只有店主可以查看完整手机号'),
    }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });
    page.querySelector('.reason').dispatchEvent('input', { detail: { value: '核对身份' } });
    await settle();
    await tap(page, '.reveal-button >>> .t-button');

    expect(text(page, '.problem')).toBe('只有店主可以查看完整手机号');
    expect(text(page, '.member-phone')).toBe('手机号 138****8000');
  });
});

describe('recruiters', () => {
  test('each recruiter with their recruits, who stayed, and what they spent since; someone who left is named so', async () => {
    phone.answer(backend({
      [`GET ${STORE_PATH}/recruiters`]: json(200, { recruiters: [
        { staff_user_id: COOK, recruits: 3, still_members: 2, spent_since_fen: 12800 },
        { staff_user_id: GONE, recruits: 1, still_members: 1, spent_since_fen: 0 },
      ] }),
      [`GET ${STORE_PATH}/staff`]: json(200, { staff: [{ user_id: COOK, role: 'staff', since: '2026-11-20T02:00:00Z' }] }),
    }));
    const page = await openPage(RECRUITERS, { store: STORE_ID });

    expect(page.querySelectorAll('.recruiter-who').map((n) => n.dom.textContent)).toEqual(['店员 bbbbbbbb', '前员工 cccccccc']);
    expect(text(page, '.recruiter-numbers')).toBe('招募 3 位 · 仍是会员 2 位 · 入会后消费 ¥128.00');
  });

  test('none yet says how recruiting works; a refusal shows its message', async () => {
    phone.answer(backend({
      [`GET ${STORE_PATH}/recruiters`]: json(200, { recruiters: [] }),
      [`GET ${STORE_PATH}/staff`]: json(200, { staff: [] }),
    }));
    const empty = await openPage(RECRUITERS, { store: STORE_ID });
    expect(exists(empty, '.none')).toBe(true);

    phone.answer(backend({ [`GET ${STORE_PATH}/recruiters`]: problem(403, 'forbidden', '只有店主可以查看') }));
    const refused = await openPage(RECRUITERS, { store: STORE_ID });
    expect(text(refused, '.error')).toBe('只有店主可以查看');
  });
});

describe('giving a member a coupon', () => {
  const L = require('../support/loyalty');
  const TEMPLATES = `${STORE_PATH}/coupon-templates`;
  const GRANTS = `${TEMPLATES}/${L.template().id}/grants`;

  function owned(routes = {}) {
    return backend({
      [`GET ${STORE_PATH}/members/${member(1).id}`]: json(200, member(1)),
      [`GET ${TEMPLATES}`]: json(200, { items: [L.template(), L.template({ id: 'off', name: '停用的券', active: false })] }),
      ...routes,
    });
  }

  test('an owner picks an active template, confirms, and the member gets one coupon however often tapped', async () => {
    const held = heldAnswer(json(200, { issued: 1, refused: [] }));
    phone.answer(owned({ [`POST ${GRANTS}`]: held }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });
    expect(to('GET', TEMPLATES)).toHaveLength(0);

    await tap(page, '.offer-coupons');
    expect(page.querySelectorAll('.grant-template').map((n) => n.dom.textContent)).toEqual(['新客满减券 · 满¥100减¥20']);

    phone.modalAnswer = false;
    await tap(page, '.grant-template');
    expect(phone.modals[0].content).toBe('送给这位会员一张「新客满减券」（满¥100减¥20）？');
    expect(to('POST', GRANTS)).toHaveLength(0);

    phone.modalAnswer = true;
    await tap(page, '.grant-template');
    await tap(page, '.grant-template');
    held.release();
    await settle();

    expect(to('POST', GRANTS).map((r) => r.data)).toEqual([{ member_ids: [member(1).id] }]);
    expect(text(page, '.granted')).toBe('已赠送「新客满减券」');
  });

  test('a grant the server refuses says why; staff are not offered it at all', async () => {
    phone.answer(owned({ [`POST ${GRANTS}`]: json(200, { issued: 0, refused: [{ member_id: member(1).id, message: '已达每人限领数' }] }) }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });
    await tap(page, '.offer-coupons');
    await tap(page, '.grant-template');
    expect(text(page, '.problem')).toBe('没有赠出：已达每人限领数');
    expect(exists(page, '.granted')).toBe(false);

    phone.answer(owned());
    const staffView = await openPage(DETAIL, { store: STORE_ID, role: 'staff', member: member(1).id });
    expect(exists(staffView, '.grant')).toBe(false);
  });

  test('no active template: the owner is told where to make one', async () => {
    phone.answer(owned({ [`GET ${TEMPLATES}`]: json(200, { items: [] }) }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });

    await tap(page, '.offer-coupons');

    expect(text(page, '.no-templates')).toBe('没有发放中的优惠券，请先在「优惠券」中新建或启用。');
  });
});

describe('giving back stored value', () => {
  const REFUNDS = `${STORE_PATH}/members/${member(1).id}/stored-value-refunds`;

  function owned(routes = {}) {
    return backend({ [`GET ${STORE_PATH}/members/${member(1).id}`]: json(200, member(1)), ...routes });
  }

  test('an owner gives back an amount of principal after confirming, once however often tapped', async () => {
    const held = heldAnswer(json(201, { id: 'r1', amount_fen: 10050 }));
    phone.answer(owned({ [`POST ${REFUNDS}`]: held }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });

    await tap(page, '.refund-button >>> .t-button');
    expect(text(page, '.problem')).toBe('请填写退还金额，例如 100');

    page.querySelector('.refund-amount').dispatchEvent('input', { detail: { value: '100.5' } });
    phone.modalAnswer = false;
    await tap(page, '.refund-button >>> .t-button');
    expect(phone.modals[0].content).toBe('退还这位会员储值本金 ¥100.50？赠送金额按比例作废。');
    expect(to('POST', REFUNDS)).toHaveLength(0);

    phone.modalAnswer = true;
    await tap(page, '.refund-button >>> .t-button');
    await tap(page, '.refund-button >>> .t-button');
    held.release();
    await settle();

    expect(to('POST', REFUNDS).map((r) => r.data)).toEqual([{ amount_fen: 10050, idempotency_key: expect.any(String) }]);
    expect(text(page, '.refunded')).toBe('已退还储值本金 ¥100.50');
  });

  test('more than the unspent principal is refused in the server\'s words; staff are not offered it', async () => {
    phone.answer(owned({ [`POST ${REFUNDS}`]: problem(409, 'over_refund', '超过可退的储值本金（¥50.00）') }));
    const page = await openPage(DETAIL, { store: STORE_ID, role: 'owner', member: member(1).id });
    page.querySelector('.refund-amount').dispatchEvent('input', { detail: { value: '80' } });
    await tap(page, '.refund-button >>> .t-button');

    expect(text(page, '.problem')).toBe('超过可退的储值本金（¥50.00）');
    expect(exists(page, '.refunded')).toBe(false);
    await tap(page, '.refund-button >>> .t-button');
    const [first, again] = to('POST', REFUNDS).map((r) => r.data.idempotency_key);
    expect(again).toBe(first);
    page.querySelector('.refund-amount').dispatchEvent('input', { detail: { value: '50' } });
    await tap(page, '.refund-button >>> .t-button');
    expect(to('POST', REFUNDS)[2].data).toEqual({ amount_fen: 5000, idempotency_key: expect.any(String) });
    expect(to('POST', REFUNDS)[2].data.idempotency_key).not.toBe(first);

    phone.answer(owned());
    const staffView = await openPage(DETAIL, { store: STORE_ID, role: 'staff', member: member(1).id });
    expect(exists(staffView, '.stored-value-refund')).toBe(false);
  });
});
