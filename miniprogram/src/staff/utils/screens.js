// Helpers every staff screen shares: addresses of the screens and the business day; the query, the once-only
// actions and reading on show are the diners' screens' too (utils/actions).
const { queryOf, once, readOnShow } = require('../../utils/actions');

/** The address of staff screen `screen` (such as 'kitchen/orders') with `query`, for wx.navigateTo. */
function screenUrl(screen, query = {}) {
  const pairs = Object.keys(query)
    .filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
    .map((key) => `${key}=${encodeURIComponent(String(query[key]))}`);
  return `/staff/pages/${screen}/index${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/** Today's business day (it runs 04:00 to 04:00) as YYYY-MM-DD, on the phone's clock. */
function businessDay(now = new Date()) {
  const day = new Date(now.getTime() - 4 * 3600 * 1000);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

module.exports = { screenUrl, queryOf, once, businessDay, readOnShow };
