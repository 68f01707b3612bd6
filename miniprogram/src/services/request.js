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

/** A request that never got an answer: timed out, or no network. */
function transportFailure(failure) {
  const timedOut = /timeout/i.test((failure && failure.errMsg) || '');
  return new ApiError({ code: timedOut ? 'timeout' : 'network', message: timedOut ? MESSAGES.timeout : MESSAGES.network });
}

function send({ method, url, body, bearer, timeout, text = false, etag = null }) {
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
      dataType: text ? 'text' : 'json',
      success: resolve,
      fail: (failure) => reject(transportFailure(failure)),
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

/** Runs `attempt(bearer)` with the session an endpoint needs, signing in again and retrying once after a 401. */
async function withSession(endpoint, attempt) {
  let bearer = null;
  if (endpoint.auth) {
    bearer = token() || (await signIn()).token;
  }
  let response = await attempt(bearer);
  if (response.statusCode === 401 && endpoint.auth) {
    // Another call may have signed in again meanwhile: use its session; otherwise ours is over, sign in again.
    if (token() === bearer) {
      clearSession();
    }
    bearer = token() || (await signIn()).token;
    response = await attempt(bearer);
    if (response.statusCode === 401) {
      clearSession();
      throw new ApiError({ status: 401, code: 'session_expired', message: MESSAGES.session });
    }
  }
  return response;
}

/** The error to hand on (and show, unless the caller shows it itself): always an ApiError. */
function failed(error, quiet) {
  const failure = error instanceof ApiError ? error : new ApiError({ code: 'client', message: MESSAGES.server });
  if (!quiet) {
    showError(failure);
  }
  return failure;
}

/**
 * Calls endpoint `name`. Options: params (path), query, body, timeout, quiet (the caller shows the error itself).
 * Resolves with the parsed body (the text itself for a `text` endpoint); rejects with ApiError.
 */
async function request(name, options = {}) {
  const endpoint = endpointOf(name);
  const { params, query, timeout = DEFAULT_TIMEOUT_MS, quiet = false } = options;
  let { body } = options;
  if (endpoint.idempotent && !(body && body.idempotency_key)) {
    body = { ...body, idempotency_key: newIdempotencyKey() };
  }
  const url = config.environment().apiBaseUrl + pathOf(name, params) + queryString(query);
  // A revalidated answer is kept with its ETag; a 304 answers the kept copy.
  const kept = endpoint.revalidated ? wx.getStorageSync(KEPT_PREFIX + url) || null : null;
  try {
    const response = await withSession(endpoint, (bearer) => send({
      method: endpoint.method, url, body, bearer, timeout, text: !!endpoint.text, etag: kept ? kept.etag : null,
    }));
    if (response.statusCode === 304 && kept) {
      return kept.data;
    }
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (endpoint.text) {
        return String(response.data);
      }
      const data = parse(response.data);
      const tag = endpoint.revalidated && headerOf(response, 'etag');
      if (tag) {
        wx.setStorageSync(KEPT_PREFIX + url, { etag: tag, data });
      }
      return data;
    }
    throw problemOf(response);
  } catch (error) {
    throw failed(error, quiet);
  }
}

function fetchFile({ url, bearer, timeout }) {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      header: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      timeout,
      success: resolve,
      fail: (failure) => reject(transportFailure(failure)),
    });
  });
}

/** A refused download's problem, read from the file it was written to. */
function downloadProblem(response) {
  let data = '';
  try {
    data = wx.getFileSystemManager().readFileSync(response.tempFilePath, 'utf8');
  } catch (e) {
    // nothing readable: the plain sentence below
  }
  return problemOf({ statusCode: response.statusCode, data });
}

/**
 * Downloads endpoint `name` (a PDF, say) to a temporary file, with the session as for any call. Options: params,
 * query, timeout, quiet. Resolves with the file's temporary path; rejects with ApiError.
 */
async function download(name, options = {}) {
  const endpoint = endpointOf(name);
  const { params, query, timeout = DEFAULT_TIMEOUT_MS * 3, quiet = false } = options;
  const url = config.environment().apiBaseUrl + pathOf(name, params) + queryString(query);
  try {
    const response = await withSession(endpoint, (bearer) => fetchFile({ url, bearer, timeout }));
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return response.tempFilePath;
    }
    throw downloadProblem(response);
  } catch (error) {
    throw failed(error, quiet);
  }
}

module.exports = {
  request, download, signIn, session, token, clearSession, showError, newIdempotencyKey, ApiError, MESSAGES,
};
