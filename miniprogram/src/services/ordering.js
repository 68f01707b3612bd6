// The table's tab: its shared cart, its orders and its live feed.
const api = require('./request');
const live = require('./live');

function tabParams(tab) {
  return { store: tab.store_id, tab: tab.id };
}

/** Opens the table's tab, or joins the open one, with the scan's proof. */
function dispatchOpenTab(storeId, tableId, scanToken, options = {}) {
  return api.request('openTab', {
    ...options, params: { store: storeId, table: tableId }, body: scanToken ? { scan_token: scanToken } : {},
  });
}

function fetchTab(storeId, tabId, options = {}) {
  return api.request('tab', { ...options, params: { store: storeId, tab: tabId } });
}

/**
 * The tab's orders placed just before order `before` (its latest without it), at most `limit` of them, oldest first:
 * `{ orders, more }`, `more` saying whether older ones exist. The tab's own state carries only its latest orders.
 */
function fetchTabOrders(tab, { before, limit } = {}, options = {}) {
  return api.request('listTabOrders', { ...options, params: tabParams(tab), query: { before, limit } });
}

/** Adds a dish with its choices; `cartVersion` is the version last seen (a 409 stale_cart when someone changed it). */
function dispatchAddCartLine(tab, { dishId, choiceIds = [], quantity = 1 }, options = {}) {
  return api.request('addCartLine', {
    ...options,
    params: tabParams(tab),
    body: { dish_id: dishId, choice_ids: choiceIds, quantity, cart_version: tab.cart.version },
  });
}

function dispatchUpdateCartLine(tab, lineId, quantity, options = {}) {
  return api.request('updateCartLine', {
    ...options, params: { ...tabParams(tab), line: lineId }, body: { quantity, cart_version: tab.cart.version },
  });
}

function dispatchRemoveCartLine(tab, lineId, options = {}) {
  return api.request('removeCartLine', {
    ...options, params: { ...tabParams(tab), line: lineId }, query: { cart_version: tab.cart.version },
  });
}

/**
 * Turns the cart into an order. Keep `idempotencyKey` for retries of this submit (same key, same order). `coupon` is
 * the coupon chosen at checkout: a coupon id, "none", or left out for the server's best.
 */
function dispatchPlaceOrder(tab, { headCount, notes, idempotencyKey, coupon }, options = {}) {
  const body = { head_count: headCount, idempotency_key: idempotencyKey };
  if (notes) {
    body.notes = notes;
  }
  if (coupon) {
    body.coupon = coupon;
  }
  return api.request('placeOrder', { ...options, params: tabParams(tab), body });
}

/**
 * The cart's price as the order would be placed now: subtotal, adjustments (member price, level discount, coupon),
 * total, and my coupons each with whether it is usable here. `coupon`: "best", "none" or a coupon id.
 */
function fetchCheckout(tab, coupon = 'best', options = {}) {
  return api.request('checkoutQuote', { ...options, params: tabParams(tab), query: { coupon } });
}

function dispatchHurryOrder(tab, orderId, options = {}) {
  return api.request('hurryOrder', { ...options, params: { ...tabParams(tab), order: orderId } });
}

/** The table's live feed: `onTab(state)` for every change anyone at the table makes. */
function watchTab(tab, { onTab, onResync, onStatus }) {
  return live.openFeed('tabLive', tabParams(tab), {
    onMessage: (message) => {
      if (message.type === 'tab' && message.tab) {
        onTab(message.tab);
      }
    },
    onResync,
    onStatus,
  });
}

module.exports = {
  dispatchOpenTab, fetchTab, fetchTabOrders, dispatchAddCartLine, dispatchUpdateCartLine, dispatchRemoveCartLine,
  dispatchPlaceOrder, fetchCheckout, dispatchHurryOrder, watchTab,
};
