// The owner's campaigns: the cards computed from the store's own data (audience, offer, cost, preview), launching one
// with or without changes, the campaigns running and finished with their results, and pausing, resuming or stopping one.
const api = require('./request');

function store(storeId) {
  return { store: storeId };
}

/** The campaign cards, ranked by expected return. */
async function fetchCards(storeId, options = {}) {
  const { items } = await api.request('campaignCards', { ...options, params: store(storeId) });
  return items;
}

/** Every campaign of the store, running or not. */
async function fetchCampaigns(storeId, options = {}) {
  const { items } = await api.request('campaigns', { ...options, params: store(storeId) });
  return items;
}

function fetchCampaign(storeId, campaignId, options = {}) {
  return api.request('campaign', { ...options, params: { store: storeId, campaign: campaignId } });
}

/**
 * The offer as a launch takes it: the terms the owner may set. A card's offer also describes what the type decides
 * (per_member, valid_hours), which a launch does not take.
 */
function launchOffer(offer) {
  const sent = {};
  ['kind', 'threshold_fen', 'amount_off_fen', 'validity_days'].filter((key) => offer[key] !== undefined)
    .forEach((key) => {
      sent[key] = offer[key];
    });
  return sent;
}

/**
 * Launches a campaign of `type`; `offer`, `params`, `budgetFen` and `startsAt` change the card's defaults when given,
 * and `storeIds` (an operator's pick) names the stores whose members it reaches (left out: this store).
 * The same `idempotencyKey` again answers the campaign launched the first time, never a second one.
 */
function dispatchLaunch(storeId, {
  type, offer, params, budgetFen, startsAt, storeIds, idempotencyKey,
}, options = {}) {
  const body = { type, idempotency_key: idempotencyKey };
  const optional = {
    offer: offer && launchOffer(offer), params, budget_fen: budgetFen, starts_at: startsAt, store_ids: storeIds,
  };
  Object.keys(optional).filter((key) => optional[key] !== undefined && optional[key] !== null).forEach((key) => {
    body[key] = optional[key];
  });
  return api.request('launchCampaign', { ...options, params: store(storeId), body });
}

/** Pauses, resumes or stops a campaign (`action`); answers it as it now is. */
function dispatchAction(storeId, campaignId, action, options = {}) {
  const params = { store: storeId, campaign: campaignId };
  if (action === 'pause') {
    return api.request('pauseCampaign', { ...options, params });
  }
  if (action === 'resume') {
    return api.request('resumeCampaign', { ...options, params });
  }
  if (action === 'stop') {
    return api.request('stopCampaign', { ...options, params });
  }
  throw new Error(`unknown campaign action ${action}`);
}

/** The automatic expiry reminders: on or off, and how many members they reminded this week. */
function fetchExpiryReminders(storeId, options = {}) {
  return api.request('expiryReminders', { ...options, params: store(storeId) });
}

function dispatchExpiryReminders(storeId, active, options = {}) {
  return api.request('updateExpiryReminders', { ...options, params: store(storeId), body: { active } });
}

/** The referral programme's settings (邀请有礼): on or off, friends needed, the cap per sharer and both coupons. */
function fetchReferralSettings(storeId, options = {}) {
  return api.request('referralSettings', { ...options, params: store(storeId) });
}

function dispatchReferralSettings(storeId, settings, options = {}) {
  return api.request('updateReferralSettings', { ...options, params: store(storeId), body: settings });
}

module.exports = {
  fetchCards, fetchCampaigns, fetchCampaign, dispatchLaunch, dispatchAction, fetchExpiryReminders,
  dispatchExpiryReminders, fetchReferralSettings, dispatchReferralSettings,
};
