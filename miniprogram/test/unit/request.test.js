const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const api = require('../../src/services/request');
const ordering = require('../../src/services/ordering');

const TAB = { id: '11111111-1111-1111-1111-111111111111', store_id: '22222222-2222-2222-2222-222222222222', cart: { version: 3 } };
const SESSION = { token: 'kept-token-abcdefghijklmnopq', user: { id: 'u0' }, roles: [] };

function requestsTo(pathname) {
  return phone.requests.filter((r) => new URL(r.url).pathname === pathname);
}

test('a signed-in call sends the session token to the active environment and answers the body', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(backend({ 'GET /api/v1/me': json(200, { user: { id: 'u0' }, roles: [] }) }));

  const me = await api.request('me');

  expect(me.user.id).toBe('u0');
  expect(phone.requests[0].url).toBe('http://api.test/api/v1/me');
  expect(phone.requests[0].header.Authorization).toBe(`Bearer ${SESSION.token}`);
});

test('without a session the phone signs in first, through the simulator, and keeps the session', async () => {
  const answers = backend({ 'GET /api/v1/me': json(200, { user: { id: 'u1' }, roles: [] }) });
  phone.answer(answers);

  await api.request('me');

  expect(requestsTo('/sim/login-code')).toHaveLength(1);
  expect(requestsTo('/api/v1/auth/wechat')[0].data.code).toMatch(/^code-1-/);
  expect(requestsTo('/api/v1/me')[0].header.Authorization).toBe('Bearer token-1-abcdefghijklmnopqrstu');
  expect(api.token()).toBe('token-1-abcdefghijklmnopqrstu');
});

test('a 401 signs in again exactly once and retries the call with the new token', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  const answers = backend({
    'GET /api/v1/me': (request) => (request.header.Authorization === `Bearer ${SESSION.token}`
      ? problem(401, 'unauthorized', '请先登录') : json(200, { user: { id: 'u1' } })),
  });
  phone.answer(answers);

  const me = await api.request('me');

  expect(me.user.id).toBe('u1');
  expect(answers.signIns()).toBe(1);
  expect(requestsTo('/api/v1/me').map((r) => r.header.Authorization))
    .toEqual([`Bearer ${SESSION.token}`, 'Bearer token-1-abcdefghijklmnopqrstu']);
});

test('a second 401 after signing in again ends with "session expired", not a loop', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  const answers = backend({ 'GET /api/v1/me': problem(401, 'unauthorized', '请先登录') });
  phone.answer(answers);

  await expect(api.request('me')).rejects.toMatchObject({ code: 'session_expired', message: '登录已失效，请重新进入小程序' });

  expect(answers.signIns()).toBe(1);
  expect(requestsTo('/api/v1/me')).toHaveLength(2);
  expect(api.token()).toBeNull();
  expect(phone.toasts).toEqual(['登录已失效，请重新进入小程序']);
});

test('a problem shows its Chinese message to the person and rejects with its code and field', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(backend({
    'POST /api/v1/stores/22222222-2222-2222-2222-222222222222/tabs/11111111-1111-1111-1111-111111111111/cart':
      problem(409, 'dish_sold_out', '牛肉面已售罄', 'dish_id'),
  }));

  const added = ordering.dispatchAddCartLine(TAB, { dishId: 'd1' });

  await expect(added).rejects.toMatchObject({ status: 409, code: 'dish_sold_out', message: '牛肉面已售罄', field: 'dish_id' });
  expect(phone.toasts).toEqual(['牛肉面已售罄']);
});

test('a quiet call leaves showing the problem to its page', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(backend({ 'GET /api/v1/me': problem(503, 'service_unavailable', '服务繁忙，请稍后再试') }));

  await expect(api.request('me', { quiet: true })).rejects.toMatchObject({ code: 'service_unavailable' });
  expect(phone.toasts).toEqual([]);
});

test('an answer that is no problem body (a proxy error page) shows a plain sentence, never the raw text', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(() => ({ statusCode: 502, data: '<html><body>502 Bad Gateway nginx</body></html>' }));

  await expect(api.request('me')).rejects.toMatchObject({ status: 502, message: '服务暂时不可用，请稍后重试' });
  expect(phone.toasts).toEqual(['服务暂时不可用，请稍后重试']);
});

test('a submit carries an idempotency key, and its retry after a 401 carries the same one', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  const orders = '/api/v1/stores/22222222-2222-2222-2222-222222222222/tabs/11111111-1111-1111-1111-111111111111/orders';
  let calls = 0;
  phone.answer(backend({
    [`POST ${orders}`]: () => {
      calls += 1;
      return calls === 1 ? problem(401, 'unauthorized', '请先登录') : json(201, { id: 'o1', status: 'awaiting_payment' });
    },
  }));

  const order = await api.request('placeOrder', { params: { store: TAB.store_id, tab: TAB.id }, body: { head_count: 2 } });

  const keys = requestsTo(orders).map((r) => r.data.idempotency_key);
  expect(order.id).toBe('o1');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(requestsTo(orders)[0].data.head_count).toBe(2);
});

test('a key the page keeps for its submit is sent as is, so a second tap after a timeout gets the same order', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  const orders = '/api/v1/stores/22222222-2222-2222-2222-222222222222/tabs/11111111-1111-1111-1111-111111111111/orders';
  phone.answer(backend({ [`POST ${orders}`]: json(201, { id: 'o1' }) }));
  const key = api.newIdempotencyKey();

  await ordering.dispatchPlaceOrder(TAB, { headCount: 3, idempotencyKey: key });
  await ordering.dispatchPlaceOrder(TAB, { headCount: 3, idempotencyKey: key });

  expect(requestsTo(orders).map((r) => r.data.idempotency_key)).toEqual([key, key]);
});

test('a timeout rejects with a timeout message, and every call is bounded in time', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(() => {
    throw { errMsg: 'request:fail timeout' };
  });

  await expect(api.request('me')).rejects.toMatchObject({ code: 'timeout', message: '网络超时，请稍后重试' });
  expect(phone.requests[0].timeout).toBe(10000);
  expect(phone.toasts).toEqual(['网络超时，请稍后重试']);
});

test('a lost network says so', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(() => {
    throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
  });

  await expect(api.request('me')).rejects.toMatchObject({ code: 'network', message: '网络连接失败，请检查网络后重试' });
});

test('calls that fail together while signed out share one sign-in', async () => {
  const answers = backend({ 'GET /api/v1/me': json(200, { user: { id: 'u1' } }) });
  phone.answer(answers);

  await Promise.all([api.request('me'), api.request('me'), api.request('me')]);

  expect(answers.signIns()).toBe(1);
});

test('path parameters are encoded and a missing one is a programming error, not a request', async () => {
  expect(() => require('../../src/services/endpoints').pathOf('tab', { store: 'a/b' }))
    .toThrow('tab: missing path parameter tab');
  expect(require('../../src/services/endpoints').pathOf('tab', { store: 'a/b', tab: 't' }))
    .toBe('/api/v1/stores/a%2Fb/tabs/t');
});

test('a submit whose page gave no key still carries one', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  phone.answer(backend({
    'POST /api/v1/stores/22222222-2222-2222-2222-222222222222/tabs/11111111-1111-1111-1111-111111111111/orders': json(201, { id: 'o1' }),
  }));

  await ordering.dispatchPlaceOrder(TAB, { headCount: 2 });

  expect(phone.requests[0].data.idempotency_key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
});

test('two calls refused together with an old session sign in again once, not twice', async () => {
  wx.setStorageSync('tableloop.session', SESSION);
  let refusals = 0;
  const answers = backend({
    'GET /api/v1/me': (request) => {
      if (request.header.Authorization !== `Bearer ${SESSION.token}`) {
        return json(200, { user: { id: 'u1' } });
      }
      refusals += 1;
      // The second refusal arrives after the first call has already signed in again.
      const refused = problem(401, 'unauthorized', '请先登录');
      return refusals === 1 ? refused : new Promise((resolve) => setTimeout(() => resolve(refused), 30));
    },
  });
  phone.answer(answers);

  await Promise.all([api.request('me'), api.request('me')]);

  expect(refusals).toBe(2);
  expect(answers.signIns()).toBe(1);
});

test('the menu is kept with its ETag and asked for again with If-None-Match: unchanged, the kept copy answers', async () => {
  const menuPath = '/api/v1/stores/s1/menu';
  const menu = { store_id: 's1', version: 7, categories: [] };
  phone.answer(backend({
    [`GET ${menuPath}`]: (request) => (request.header['If-None-Match'] === '"menu-7"'
      ? { statusCode: 304, data: '', header: {} }
      : { statusCode: 200, data: menu, header: { ETag: '"menu-7"' } }),
  }));

  const first = await require('../../src/services/menu').fetchMenu('s1');
  const second = await require('../../src/services/menu').fetchMenu('s1');

  expect(second).toEqual(first);
  expect(requestsTo(menuPath).map((r) => r.header['If-None-Match'])).toEqual([undefined, '"menu-7"']);
});
