// The diners' menu of a store.
const api = require('./request');

function fetchMenu(storeId, options = {}) {
  return api.request('menu', { ...options, params: { store: storeId } });
}

module.exports = { fetchMenu };
