// The diner's message box at a brand: campaign messages (with the coupon that came with one), how many are unread,
// marking one read, and the latest unread campaign message for the banner at the next scan.
const api = require('./request');

function store(storeId) {
  return { store: storeId };
}

/** My messages, newest first, and how many are unread: `{ items, unread }`. */
function fetchMessages(storeId, options = {}) {
  return api.request('messages', { ...options, params: store(storeId) });
}

function dispatchRead(storeId, messageId, options = {}) {
  return api.request('readMessage', { ...options, params: { store: storeId, message: messageId } });
}

/** The latest unread campaign message, or null when there is none (the server answers 204 without a body). */
async function fetchBanner(storeId, options = {}) {
  const answer = await api.request('messageBanner', { ...options, params: store(storeId) });
  return answer && answer.message ? answer.message : null;
}

module.exports = { fetchMessages, dispatchRead, fetchBanner };
