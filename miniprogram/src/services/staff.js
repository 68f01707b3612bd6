// Who works at a store: the list, invites and removal (owners and operators).
const api = require('./request');

async function fetchStaff(storeId, options = {}) {
  const { staff } = await api.request('staffList', { ...options, params: { store: storeId } });
  return staff;
}

/** A new invite (its token and link are shown this once). */
function dispatchInvite(storeId, role, options = {}) {
  return api.request('inviteToStore', { ...options, params: { store: storeId }, body: { role } });
}

/** Removes someone's roles at the store; they are signed out everywhere at once. */
function dispatchRemoveStaff(storeId, userId, options = {}) {
  return api.request('removeStaff', { ...options, params: { store: storeId, user: userId } });
}

module.exports = { fetchStaff, dispatchInvite, dispatchRemoveStaff };
