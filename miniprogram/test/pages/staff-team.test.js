const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH, heldAnswer } = require('../support/staff');

const PAGE = 'staff/pages/team/members/index';
const OWNER = 'aaaaaaaa-0000-4000-8000-000000000001';
const COOK = 'bbbbbbbb-0000-4000-8000-000000000002';
const INVITE = {
  id: 'inv1', role: 'staff', tenant_id: 't1', store_id: STORE_ID, token: 'AbCdEfGhIjKlMnOpQrStUv',
  expires_at: '2026-12-05T04:00:00Z', link: 'https://order.example.com/i/AbCdEfGhIjKlMnOpQrStUv',
};

function team(routes = {}) {
  return backend({
    'POST /api/v1/auth/wechat': json(200, { token: 'owner-token-abcdefghijklmnop', user: { id: OWNER }, roles: [] }),
    [`GET ${STORE_PATH}/staff`]: json(200, { staff: [
      { user_id: OWNER, role: 'owner', since: '2026-11-01T02:00:00Z' },
      { user_id: COOK, role: 'staff', since: '2026-11-20T02:00:00Z' },
    ] }),
    ...routes,
  });
}

test('the owner sees who works here, and can remove others but not themself', async () => {
  phone.answer(team());
  const page = await openPage(PAGE, { store: STORE_ID, role: 'owner' });

  const members = page.querySelectorAll('.member');
  expect(members).toHaveLength(2);
  expect(text(page, '.member')).toContain('店主（我）');
  expect(text(page, '.member')).toContain('2026-11-01 加入');
  expect(page.querySelectorAll('.remove')).toHaveLength(1);
  expect(exists(page, '.invite-owner')).toBe(false); // owners invite staff only
});

test('inviting makes a link to hand on, shown with its expiry', async () => {
  phone.answer(team({ [`POST ${STORE_PATH}/invites`]: json(201, INVITE) }));
  jest.spyOn(wx, 'setClipboardData').mockImplementation(() => {});
  const page = await openPage(PAGE, { store: STORE_ID, role: 'owner' });

  await tap(page, '.invite-staff >>> .t-button');

  expect(phone.requests.find((r) => r.url.endsWith('/invites')).data).toEqual({ role: 'staff' });
  expect(text(page, '.new-invite >>> .invite-what')).toContain('店员邀请，2026-12-05 前有效');
  expect(text(page, '.new-invite >>> .invite-link')).toBe(INVITE.link);
  await tap(page, '.new-invite >>> .copy-invite >>> .t-button');
  expect(wx.setClipboardData).toHaveBeenCalledWith({ data: INVITE.link });
});

test('removing asks first; no means nothing is removed, yes removes once', async () => {
  const held = heldAnswer({ statusCode: 204, data: '' });
  phone.answer(team({ [`DELETE ${STORE_PATH}/staff/${COOK}`]: held }));
  const page = await openPage(PAGE, { store: STORE_ID, role: 'owner' });

  phone.modalAnswer = false;
  await tap(page, '.remove');
  expect(phone.modals[0].content).toContain('bbbbbbbb');
  expect(phone.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);

  phone.modalAnswer = true;
  await tap(page, '.remove');
  await tap(page, '.remove');
  held.release();
  await settle();

  expect(phone.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  expect(page.querySelectorAll('.member')).toHaveLength(1);
});

test('a refused invite shows the problem\'s message', async () => {
  phone.answer(team({ [`POST ${STORE_PATH}/invites`]: problem(403, 'forbidden', '你没有权限邀请员工') }));
  const page = await openPage(PAGE, { store: STORE_ID, role: 'operator' });
  expect(exists(page, '.invite-owner')).toBe(true);

  await tap(page, '.invite-staff >>> .t-button');

  expect(text(page, '.problem')).toBe('你没有权限邀请员工');
  expect(exists(page, '.new-invite')).toBe(false);
});
