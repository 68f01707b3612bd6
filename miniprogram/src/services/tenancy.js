// Stores and tables: what a scanned code names, and a store's details for its staff.
const api = require('./request');
const wechat = require('./wechat');

/** The store and table a scanned code names, with the scan's proof: `{ scene }` or `{ q }`. */
function fetchScan(code, options = {}) {
  return api.request('scan', { ...options, query: code.scene ? { scene: code.scene } : { q: code.q } });
}

function fetchStore(storeId, options = {}) {
  return api.request('store', { ...options, params: { store: storeId } });
}

function fetchTenantStores(tenantId, options = {}) {
  return api.request('tenantStores', { ...options, params: { tenant: tenantId } });
}

/** Opens a new store in the tenant (operators): `{ name, ordering_mode }`; the server sets its code. */
function dispatchCreateStore(tenantId, store, options = {}) {
  return api.request('createStore', { ...options, params: { tenant: tenantId }, body: store });
}

/** A one-time invite into the tenant: an operator (`{ role: 'operator' }`) or a store's owner (with `store_id`). */
function dispatchTenantInvite(tenantId, invite, options = {}) {
  return api.request('inviteToTenant', { ...options, params: { tenant: tenantId }, body: invite });
}

/**
 * The stores the signed-in user works at, each with the role held there: an operator's whole tenant, an owner's or
 * staff member's own store. Empty for a diner.
 */
async function fetchWorkplaces(roles, options = {}) {
  const found = new Map();
  for (const grant of roles) {
    if (grant.role === 'operator') {
      const { stores } = await fetchTenantStores(grant.tenant_id, options);
      stores.forEach((store) => found.set(store.id, { store, role: 'operator' }));
    }
  }
  for (const grant of roles) {
    if (grant.store_id && !found.has(grant.store_id)) {
      found.set(grant.store_id, { store: await fetchStore(grant.store_id, options), role: grant.role });
    }
  }
  return [...found.values()];
}

/** The query of a page opened from a table code: `scene` (a mini-program code) or `q` (a table link), or null. */
function tableCodeOf(query = {}) {
  if (query.scene) {
    return { scene: decodeURIComponent(query.scene) };
  }
  if (query.q) {
    return { q: decodeURIComponent(query.q) };
  }
  return null;
}

async function fetchTables(storeId, options = {}) {
  const { tables } = await api.request('tables', { ...options, params: { store: storeId } });
  return tables;
}

/** Downloads the printable sheet of the store's table codes (`wechat` codes or `link` QR codes) and opens it. */
async function openTableCodeSheet(storeId, kind = 'wechat', options = {}) {
  const file = await api.download('tableCodeSheet', { ...options, params: { store: storeId }, query: { kind } });
  await wechat.openDocument(file, 'pdf');
}

module.exports = {
  fetchScan, fetchStore, fetchTenantStores, fetchWorkplaces, tableCodeOf, fetchTables, openTableCodeSheet,
  dispatchCreateStore, dispatchTenantInvite,
};
