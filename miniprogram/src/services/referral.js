// 邀请有礼: my referral progress at a brand (friends who joined and paid, how many more for the reward), the share
// card's title and path (carrying my signed token), and the poster with the mini-program code to save or show.
const api = require('./request');

function store(storeId) {
  return { store: storeId };
}

function fetchReferral(storeId, options = {}) {
  return api.request('referral', { ...options, params: store(storeId) });
}

/** The poster as a picture on the phone (its temporary path). */
function downloadPoster(storeId, options = {}) {
  return api.download('referralPoster', { ...options, params: store(storeId) });
}

module.exports = { fetchReferral, downloadPoster };
