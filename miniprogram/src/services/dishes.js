// The store's dishes as its staff manage them: sold out and today's stock.
const api = require('./request');

function dishParams(storeId, dishId) {
  return { store: storeId, dish: dishId };
}

/** Every dish of the store, hidden ones included, with today's stock. */
async function fetchManagedDishes(storeId, options = {}) {
  const { dishes } = await api.request('managedDishes', { ...options, params: { store: storeId } });
  return dishes;
}

function dispatchSoldOut(storeId, dishId, soldOut, options = {}) {
  return api.request('setDishSoldOut', { ...options, params: dishParams(storeId, dishId), body: { sold_out: soldOut } });
}

/** `stock` holds `today_stock` and/or `daily_stock`: a number of portions, or null for unlimited. */
function dispatchStock(storeId, dishId, stock, options = {}) {
  return api.request('setDishStock', { ...options, params: dishParams(storeId, dishId), body: stock });
}

module.exports = { fetchManagedDishes, dispatchSoldOut, dispatchStock };
