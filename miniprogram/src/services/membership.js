// Members: the diner's membership of a brand (join with consent, the card, marketing consent, my data, leaving),
// staff join codes and recruits, and the owner's view of the members (phones masked; a reveal needs a reason).
const api = require('./request');

function store(storeId) {
  return { store: storeId };
}

/** The privacy notice in force and my card (`member` null before joining), in one call. */
function fetchMembership(storeId, options = {}) {
  return api.request('membership', { ...options, params: store(storeId) });
}

/**
 * Joins with consent to the notice version read. `marketing` is a consent of its own; the rest is optional:
 * nickname, birthday (YYYY-MM-DD), phoneCode (WeChat's phone button), tableId, staffCode (a staff member's join code),
 * referralToken (the signed token of the member whose share card or poster brought me).
 */
function dispatchJoin(storeId, {
  noticeVersion, marketing = false, nickname, birthday, phoneCode, tableId, staffCode, referralToken,
}, options = {}) {
  const body = { consent: true, notice_version: noticeVersion, marketing: !!marketing };
  const optional = {
    nickname, birthday, phone_code: phoneCode, table_id: tableId, staff_code: staffCode, referral_token: referralToken,
  };
  Object.keys(optional).filter((key) => optional[key]).forEach((key) => {
    body[key] = optional[key];
  });
  return api.request('joinMembership', { ...options, params: store(storeId), body });
}

/** Changes nickname, birthday or phone (a new phone code); answers the card. */
function dispatchUpdate(storeId, changes, options = {}) {
  return api.request('updateMembership', { ...options, params: store(storeId), body: changes });
}

/** Grants or withdraws consent to marketing messages; answers `{ marketing }` as it now is. */
function dispatchMarketing(storeId, marketing, options = {}) {
  return api.request('marketingConsent', { ...options, params: store(storeId), body: { marketing } });
}

/** Everything held about me, as the JSON the export downloads. */
function fetchMyData(storeId, options = {}) {
  return api.request('myDataExport', { ...options, params: store(storeId) });
}

/** The same export as a file on the phone (its temporary path), to send on or keep. */
function downloadMyData(storeId, options = {}) {
  return api.download('myDataExport', { ...options, params: store(storeId) });
}

/** Leaves: my personal data is erased and every session of mine ends, this one too. */
async function dispatchLeave(storeId, options = {}) {
  await api.request('leaveMembership', { ...options, params: store(storeId) });
  api.clearSession();
}

/** The store a staff join code belongs to (public). */
function fetchJoinCode(code, options = {}) {
  return api.request('joinCode', { ...options, params: { code } });
}

/** The store and the referral token behind a member's poster code (public). */
function fetchReferralCode(code, options = {}) {
  return api.request('referralCode', { ...options, params: { code } });
}

function fetchMyJoinCode(storeId, options = {}) {
  return api.request('myJoinCode', { ...options, params: store(storeId) });
}

/** My join code as a mini-program code picture (a temporary file path). */
function downloadMyJoinCodeImage(storeId, options = {}) {
  return api.download('myJoinCodeImage', { ...options, params: store(storeId) });
}

function fetchMyRecruitsToday(storeId, options = {}) {
  return api.request('myRecruitsToday', { ...options, params: store(storeId) });
}

async function fetchRecruiters(storeId, options = {}) {
  const { recruiters } = await api.request('recruiters', { ...options, params: store(storeId) });
  return recruiters;
}

/** A page of members, newest first: `{ members, next }`; pass `next` as `after` for the page after. */
function fetchMembers(storeId, { after, limit = 20 } = {}, options = {}) {
  return api.request('members', { ...options, params: store(storeId), query: { after, limit } });
}

/** The members who gave this phone number (sent in the body, never in an address). */
async function searchByPhone(storeId, phone, options = {}) {
  const { members } = await api.request('searchMembers', { ...options, params: store(storeId), body: { phone } });
  return members;
}

function fetchMember(storeId, memberId, options = {}) {
  return api.request('member', { ...options, params: { store: storeId, member: memberId } });
}

/** The member's whole phone number, for `reason` (written to the audit log with who asked). */
function dispatchRevealPhone(storeId, memberId, reason, options = {}) {
  return api.request('revealMemberPhone', { ...options, params: { store: storeId, member: memberId }, body: { reason } });
}

module.exports = {
  fetchMembership, dispatchJoin, dispatchUpdate, dispatchMarketing, fetchMyData, downloadMyData, dispatchLeave,
  fetchJoinCode, fetchReferralCode, fetchMyJoinCode, downloadMyJoinCodeImage, fetchMyRecruitsToday, fetchRecruiters,
  fetchMembers, searchByPhone, fetchMember, dispatchRevealPhone,
};
