const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap } = require('../support/pages');

const PAGE = 'staff/pages/invite/accept/index';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';

test('opened from the invite\'s code, accepting signs in and takes the role', async () => {
  const answers = backend({ 'POST /api/v1/invites/accept': json(200, { role: 'staff', tenant_id: 't1', store_id: 's1' }) });
  phone.answer(answers);
  const page = await openPage(PAGE, { scene: encodeURIComponent(`i=${TOKEN}`) });

  await tap(page, '.accept >>> .t-button');

  const accept = phone.requests.find((r) => r.url.endsWith('/api/v1/invites/accept'));
  expect(accept.data).toEqual({ token: TOKEN });
  expect(answers.signIns()).toBe(1);
  expect(exists(page, '.done')).toBe(true);
  expect(text(page, '.done')).toContain('你现在是店员');
});

test('the invite\'s link works too', async () => {
  phone.answer(backend({ 'POST /api/v1/invites/accept': json(200, { role: 'owner' }) }));
  const page = await openPage(PAGE, { q: encodeURIComponent(`https://order.example.com/i/${TOKEN}`) });

  await tap(page, '.accept >>> .t-button');

  expect(text(page, '.done')).toContain('你现在是店主');
});

test('a used invite shows the server\'s message and a way home', async () => {
  phone.answer(backend({ 'POST /api/v1/invites/accept': problem(409, 'invite_used', '该邀请已被使用') }));
  const page = await openPage(PAGE, { token: TOKEN });

  await tap(page, '.accept >>> .t-button');
  expect(text(page, '.error')).toBe('该邀请已被使用');
  await tap(page, '.home >>> .t-button');

  expect(phone.navigations).toEqual([{ how: 'reLaunch', url: '/pages/table/scan/index' }]);
});

test('without a readable token there is nothing to accept', async () => {
  const page = await openPage(PAGE, { scene: 'i%3Dshort' });

  expect(exists(page, '.invalid')).toBe(true);
  expect(exists(page, '.accept')).toBe(false);
});
