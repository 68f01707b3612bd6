// The diners' menu of a store, and what the signed-in diner usually orders there and what goes together.
const api = require('./request');

function fetchMenu(storeId, options = {}) {
  return api.request('menu', { ...options, params: { store: storeId } });
}

/** `usual`: my most ordered dishes ("你常点"); `together`: per dish, the dishes most often in the same order. */
function fetchMenuSuggestions(storeId, options = {}) {
  return api.request('menuSuggestions', { ...options, params: { store: storeId } });
}

module.exports = { fetchMenu, fetchMenuSuggestions };
