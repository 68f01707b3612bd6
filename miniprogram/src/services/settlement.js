// A store's business day in money, for its owner.
const api = require('./request');

/** The settlement of business day `date` (YYYY-MM-DD, 04:00 to 04:00 in the store's time zone). */
function fetchSettlement(storeId, date, options = {}) {
  return api.request('settlement', { ...options, params: { store: storeId, date } });
}

module.exports = { fetchSettlement };
