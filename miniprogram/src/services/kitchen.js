// What the kitchen and the floor staff do with a store's orders: the live feed, accept, reject, serve item by item,
// the ticket, and which tables have a tab open.
const api = require('./request');
const live = require('./live');

function orderParams(storeId, orderId) {
  return { store: storeId, order: orderId };
}

/** The orders the kitchen works on now (placed and accepted), oldest first. */
async function fetchKitchenOrders(storeId, options = {}) {
  const { orders } = await api.request('kitchenOrders', { ...options, params: { store: storeId } });
  return orders;
}

/** The store's open tabs: `{ id, table_id }` each. */
async function fetchOpenTabs(storeId, options = {}) {
  const { tabs } = await api.request('openTabs', { ...options, params: { store: storeId } });
  return tabs;
}

function dispatchAcceptOrder(storeId, orderId, options = {}) {
  return api.request('acceptOrder', { ...options, params: orderParams(storeId, orderId) });
}

function dispatchRejectOrder(storeId, orderId, reason, options = {}) {
  return api.request('rejectOrder', { ...options, params: orderParams(storeId, orderId), body: { reason } });
}

/** One dish reached the table; answers the order (served once all its dishes are). */
function dispatchServeItem(storeId, orderId, itemId, options = {}) {
  return api.request('serveOrderItem', { ...options, params: { ...orderParams(storeId, orderId), item: itemId } });
}

/** The kitchen ticket as plain text for a 58 mm (default) or 80 mm receipt printer. */
function fetchTicket(storeId, orderId, paper = 58, options = {}) {
  return api.request('orderTicket', { ...options, params: orderParams(storeId, orderId), query: { paper } });
}

/**
 * The store's kitchen feed: `onOrders(list)` with the open orders on connecting, `onOrder(type, order)` for every
 * new (order_placed), changed (order_updated) or hurried (order_hurried) order after.
 */
function watchKitchen(storeId, { onOrders, onOrder, onResync, onStatus }) {
  return live.openFeed('kitchenLive', { store: storeId }, {
    onMessage: (message) => {
      if (message.type === 'orders' && Array.isArray(message.orders)) {
        onOrders(message.orders);
      } else if (message.order) {
        onOrder(message.type, message.order);
      }
    },
    onResync,
    onStatus,
  });
}

module.exports = {
  fetchKitchenOrders, fetchOpenTabs, dispatchAcceptOrder, dispatchRejectOrder, dispatchServeItem, fetchTicket,
  watchKitchen,
};
