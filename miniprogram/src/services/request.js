// The one way to the backend: base URL of the active environment, the session token, exactly one fresh sign-in and
// retry after a 401, idempotency keys on submits, timeouts, and errors as ApiError whose `message` is the Chinese
// sentence to show (the problem's own, or ours for a network failure) — never a raw error.
const config = require('../config/index');
const { endpointOf, pathOf } = require('./endpoints');
const wechat = require('./wechat');

const SESSION_KEY = 'tableloop.session';
const KEPT_PREFIX = 'tableloop.kept:';
const DEFAULT_TIMEOUT_MS = 10000;

const MESSAGES = {
  timeout: '网络超时，请稍后重试',
  network: '网络连接失败，请检查网络后重试',
  server: '服务暂时不可用，请稍后重试',
  session: '登录已失效，请重新进入小程序',
};

class ApiError extends Error {
  constructor({ status = 0, code, message, messageEn, field, requestId }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
    this.field = field;
    this.requestId = requestId;
  }
}

function session() {
  const stored = wx.getStorageSync(SESSION_KEY);
  return stored && stored.token ? stored : null;
}

function token() {
  const current = session();
  return current ? current.token : null;
}

function clearSession() {
  wx.removeStorageSync(SESSION_KEY);
}

/** A key for one submit: the same key on every retry makes the backend answer the first result again. */
function newIdempotencyKey() {
  const random = Math.random().toString(36).slice(2, 12);
  return `mp-${Date.now().toString(36)}-${random}`;
}

function queryString(query) {
  const pairs = Object.keys(query || {})
    .filter((key) => query[key] !== undefined && query[key] !== null)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(query[key]))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function send({ method, url, body, bearer, timeout, etag }) {
  const header = { Accept: 'application/json' };
  if (etag) {
    header['If-None-Match'] = etag;
  }
  if (body !== undefined) {
    header['Content-Type'] = 'application/json';
  }
  if (bearer) {
    header.Authorization = `Bearer ${bearer}`;
  }
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method,
      data: body,
      header,
      timeout,
      dataType: 'json',
      success: resolve,
      fail: (failure) => {
        const timedOut = /timeout/i.test((failure && failure.errMsg) || '');
        reject(new ApiError({ code: timedOut ? 'timeout' : 'network', message: timedOut ? MESSAGES.timeout : MESSAGES.network }));
      },
    });
  });
}

function parse(data) {
  if (typeof data === 'string' && data) {
    try {
      return JSON.parse(data);
    } catch (e) {
      return null;
    }
  }
  return data;
}

function headerOf(response, name) {
  const headers = response.header || {};
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key ? headers[key] : null;
}

/** The problem body's own words when it has them; a plain sentence for anything else (a proxy's HTML page, say). */
function problemOf(response) {
  const problem = parse(response.data);
  if (problem && typeof problem === 'object' && typeof problem.message === 'string' && problem.message) {
    return new ApiError({
      status: response.statusCode,
      code: problem.code || 'problem',
      message: problem.message,
      messageEn: problem.message_en,
      field: problem.field,
      requestId: problem.request_id,
    });
  }
  return new ApiError({ status: response.statusCode, code: 'server', message: MESSAGES.server });
}

let signingIn = null;

/** Signs in through WeChat (or the simulator) and keeps the session; concurrent callers share one sign-in. */
function signIn() {
  if (!signingIn) {
    signingIn = (async () => {
      let code;
      try {
        code = await wechat.login();
      } catch (e) {
        throw new ApiError({ code: 'session_expired', message: MESSAGES.session });
      }
      const response = await send({
        method: 'POST',
        url: config.environment().apiBaseUrl + pathOf('signIn'),
        body: { code },
        timeout: DEFAULT_TIMEOUT_MS,
      });
      if (response.statusCode !== 200) {
        throw problemOf(response);
      }
      const signedIn = parse(response.data);
      wx.setStorageSync(SESSION_KEY, { token: signedIn.token, user: signedIn.user, roles: signedIn.roles || [] });
      return session();
    })().finally(() => {
      signingIn = null;
    });
  }
  return signingIn;
}

function showError(error) {
  // Our own errors (ApiError, the WeChat seam's) carry a code and a sentence for people; anything else is a fault.
  const message = error && error.code && error.message ? error.message : MESSAGES.server;
  wx.showToast({ title: message, icon: 'none', duration: 2500 });
}

/**
 * Calls endpoint `name`. Options: params (path), query, body, timeout, quiet (the caller shows the error itself).
 * Resolves with the parsed body; rejects with ApiError.
 */
async function request(name, options = {}) {
  const endpoint = endpointOf(name);
  const { params, query, timeout = DEFAULT_TIMEOUT_MS, quiet = false } = options;
  let { body } = options;
  if (endpoint.idempotent && !(body && body.idempotency_key)) {
    body = { ...body, idempotency_key: newIdempotencyKey() };
  }
  const url = config.environment().apiBaseUrl + pathOf(name, params) + queryString(query);
  const kept = endpoint.revalidated ? wx.getStorageSync(KEPT_PREFIX + url) || null : null;
  try {
    let bearer = null;
    if (endpoint.auth) {
      bearer = token() || (await signIn()).token;
    }
    const etag = kept ? kept.etag : null;
    let response = await send({ method: endpoint.method, url, body, bearer, timeout, etag });
    if (response.statusCode === 401 && endpoint.auth) {
      // Another call may have signed in again meanwhile: use its session; otherwise ours is over, sign in again.
      if (token() === bearer) {
        clearSession();
      }
      bearer = token() || (await signIn()).token;
      response = await send({ method: endpoint.method, url, body, bearer, timeout, etag });
      if (response.statusCode === 401) {
        clearSession();
        throw new ApiError({ status: 401, code: 'session_expired', message: MESSAGES.session });
      }
    }
    if (response.statusCode === 304 && kept) {
      return kept.data;
    }
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const data = parse(response.data);
      const tag = endpoint.revalidated && headerOf(response, 'etag');
      if (tag) {
        wx.setStorageSync(KEPT_PREFIX + url, { etag: tag, data });
      }
      return data;
    }
    throw problemOf(response);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError({ code: 'client', message: MESSAGES.server });
    if (!quiet) {
      showError(failure);
    }
    throw failure;
  }
}

module.exports = {
  request, signIn, session, token, clearSession, showError, newIdempotencyKey, ApiError,
};
