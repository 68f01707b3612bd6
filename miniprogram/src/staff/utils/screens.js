// Helpers every staff screen shares: addresses of the screens, and actions that a second tap cannot start twice.

/** The address of staff screen `screen` (such as 'kitchen/orders') with `query`, for wx.navigateTo. */
function screenUrl(screen, query = {}) {
  const pairs = Object.keys(query)
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${key}=${encodeURIComponent(String(query[key]))}`);
  return `/staff/pages/${screen}/index${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/** A page query's values, decoded once (WeChat hands them on as they were written in the address). */
function queryOf(query = {}) {
  const decoded = {};
  Object.keys(query).forEach((key) => {
    try {
      decoded[key] = decodeURIComponent(query[key]);
    } catch (e) {
      decoded[key] = query[key];
    }
  });
  return decoded;
}

/**
 * Runs `action` unless the action named `key` is still running on `page`: a second tap while the first is on its way
 * does nothing. `page.data.busy` names the running action, for buttons to show it.
 */
async function once(page, key, action) {
  if (!page.running) {
    page.running = new Set();
  }
  if (page.running.has(key)) {
    return undefined;
  }
  page.running.add(key);
  page.setData({ busy: key });
  try {
    return await action();
  } finally {
    page.running.delete(key);
    page.setData({ busy: page.running.size ? [...page.running][0] : '' });
  }
}

/** Today's business day (it runs 04:00 to 04:00) as YYYY-MM-DD, on the phone's clock. */
function businessDay(now = new Date()) {
  const day = new Date(now.getTime() - 4 * 3600 * 1000);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

module.exports = { screenUrl, queryOf, once, businessDay };
