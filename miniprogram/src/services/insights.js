// Insights for owners and operators: a store's or the whole tenant's dashboard for a period (today, 7 or 30 days),
// why the store's revenue moved against the period before, the operator's stores ranked, the customer segments and
// their members a page at a time, a member's history, and the campaigns the store's data suggests.
const api = require('./request');

/** The dashboard of `store`, or of every store of `tenant` when a tenant is given; `period` is today, 7d or 30d. */
function fetchDashboard({ store, tenant, period }, options = {}) {
  const query = { period };
  if (tenant) {
    return api.request('tenantDashboard', { ...options, params: { tenant }, query });
  }
  return api.request('storeDashboard', { ...options, params: { store }, query });
}

/** The store's revenue against the period before, split into its parts, in sentences. */
function fetchExplanation(storeId, period, options = {}) {
  return api.request('revenueExplanation', { ...options, params: { store: storeId }, query: { period } });
}

/** The tenant's stores ranked by revenue, with the brand's medians. */
function fetchStoreRanking(tenantId, period, options = {}) {
  return api.request('storeRanking', { ...options, params: { tenant: tenantId }, query: { period } });
}

/** The five customer segments, with their counts and definitions. */
function fetchSegments(storeId, options = {}) {
  return api.request('customerSegments', { ...options, params: { store: storeId } });
}

/** A page of a segment's members (phones masked); `next` is the cursor of the page after, null after the last. */
function fetchSegmentMembers(storeId, segment, { after, limit = 20 } = {}, options = {}) {
  return api.request('segmentMembers', {
    ...options, params: { store: storeId, segment }, query: { after, limit },
  });
}

/** A member's visits with their dishes and coupons (the server records that it was looked at). */
function fetchMemberHistory(storeId, memberId, options = {}) {
  return api.request('memberHistory', { ...options, params: { store: storeId, member: memberId } });
}

/** The campaign cards the store's data suggests, ranked by expected return, each with its reason. */
async function fetchSuggestions(storeId, options = {}) {
  const { items } = await api.request('suggestedCampaigns', { ...options, params: { store: storeId } });
  return items;
}

module.exports = {
  fetchDashboard, fetchExplanation, fetchStoreRanking, fetchSegments, fetchSegmentMembers, fetchMemberHistory,
  fetchSuggestions,
};
