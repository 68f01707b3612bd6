// Answers for the test phone's wx.request: a tiny router over method + path, recording nothing itself.
function json(statusCode, data) {
  return { statusCode, data, header: { 'Content-Type': 'application/json' } };
}

function problem(statusCode, code, message, field) {
  return {
    statusCode,
    data: { status: statusCode, code, message, message_en: code, field, request_id: 'req-test' },
    header: { 'Content-Type': 'application/problem+json' },
  };
}

/**
 * `routes` maps "METHOD /path" (no host, no query) to a response or a function of the request. The simulator's
 * sign-in and the backend's sign-in are answered unless the test routes them itself.
 */
function backend(routes) {
  let signIns = 0;
  const all = {
    'POST /sim/login-code': () => json(200, { code: `code-${signIns + 1}-abcdefghijklmnop` }),
    'POST /api/v1/auth/wechat': () => {
      signIns += 1;
      return json(200, { token: `token-${signIns}-abcdefghijklmnopqrstu`, expires_in: 604800, user: { id: 'u1' }, roles: [] });
    },
    ...routes,
  };
  const handler = (request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const route = all[key];
    if (!route) {
      return json(404, { status: 404, code: 'not_found', message: '未找到', message_en: 'Not found' });
    }
    return typeof route === 'function' ? route(request, url) : route;
  };
  handler.signIns = () => signIns;
  return handler;
}

module.exports = { backend, json, problem };
