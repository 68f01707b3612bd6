// Every backend operation the mini-program calls, in one table: the request module accepts only these names, and a
// test checks each path and method against the backend's OpenAPI contract.
//
// auth: needs a signed-in session (Authorization: Bearer). idempotent: the body carries `idempotency_key`, which the
// request module adds and keeps for every retry of the same submit. text: the answer is plain text, not JSON.
// revalidated: the answer is kept with its ETag and asked for again with If-None-Match; a 304 answers the kept copy.
const ENDPOINTS = {
  signIn: { method: 'POST', path: '/api/v1/auth/wechat', auth: false },
  signOut: { method: 'POST', path: '/api/v1/auth/sign-out', auth: true },
  me: { method: 'GET', path: '/api/v1/me', auth: true },
  acceptInvite: { method: 'POST', path: '/api/v1/invites/accept', auth: true },

  scan: { method: 'GET', path: '/api/v1/scan', auth: false },
  store: { method: 'GET', path: '/api/v1/stores/{store}', auth: true },
  tenantStores: { method: 'GET', path: '/api/v1/tenants/{tenant}/stores', auth: true },
  createStore: { method: 'POST', path: '/api/v1/tenants/{tenant}/stores', auth: true },
  inviteToTenant: { method: 'POST', path: '/api/v1/tenants/{tenant}/invites', auth: true },

  menu: { method: 'GET', path: '/api/v1/stores/{store}/menu', auth: false, revalidated: true },

  openTab: { method: 'POST', path: '/api/v1/stores/{store}/tables/{table}/tab', auth: true },
  tab: { method: 'GET', path: '/api/v1/stores/{store}/tabs/{tab}', auth: true },
  addCartLine: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/cart', auth: true },
  updateCartLine: { method: 'PATCH', path: '/api/v1/stores/{store}/tabs/{tab}/cart/{line}', auth: true },
  removeCartLine: { method: 'DELETE', path: '/api/v1/stores/{store}/tabs/{tab}/cart/{line}', auth: true },
  listTabOrders: { method: 'GET', path: '/api/v1/stores/{store}/tabs/{tab}/orders', auth: true },
  placeOrder: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/orders', auth: true, idempotent: true },
  hurryOrder: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/orders/{order}/hurry', auth: true },
  tabLive: { method: 'GET', path: '/api/v1/stores/{store}/tabs/{tab}/live', auth: true, socket: true },
  kitchenLive: { method: 'GET', path: '/api/v1/stores/{store}/kitchen/live', auth: true, socket: true },

  payOrder: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/orders/{order}/wechat-payment', auth: true },
  checkOrderPayment: {
    method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/orders/{order}/payment-check', auth: true,
  },
  payTab: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/wechat-payment', auth: true },
  checkTabPayment: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/payment-check', auth: true },

  // Staff and owners (the staff subpackage).
  kitchenOrders: { method: 'GET', path: '/api/v1/stores/{store}/orders', auth: true },
  openTabs: { method: 'GET', path: '/api/v1/stores/{store}/tabs', auth: true },
  acceptOrder: { method: 'POST', path: '/api/v1/stores/{store}/orders/{order}/accept', auth: true },
  rejectOrder: { method: 'POST', path: '/api/v1/stores/{store}/orders/{order}/reject', auth: true },
  serveOrderItem: { method: 'POST', path: '/api/v1/stores/{store}/orders/{order}/items/{item}/served', auth: true },
  orderTicket: { method: 'GET', path: '/api/v1/stores/{store}/orders/{order}/ticket', auth: true, text: true },
  managedDishes: { method: 'GET', path: '/api/v1/stores/{store}/menu/dishes', auth: true },
  setDishSoldOut: { method: 'PUT', path: '/api/v1/stores/{store}/menu/dishes/{dish}/sold-out', auth: true },
  setDishStock: { method: 'PUT', path: '/api/v1/stores/{store}/menu/dishes/{dish}/stock', auth: true },
  orderCounterPayment: { method: 'POST', path: '/api/v1/stores/{store}/orders/{order}/counter-payment', auth: true },
  tabCounterPayment: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/counter-payment', auth: true },
  refundOrder: { method: 'POST', path: '/api/v1/stores/{store}/orders/{order}/refunds', auth: true, idempotent: true },
  tables: { method: 'GET', path: '/api/v1/stores/{store}/tables', auth: true },
  tableCodeSheet: { method: 'GET', path: '/api/v1/stores/{store}/table-codes.pdf', auth: true },
  inviteToStore: { method: 'POST', path: '/api/v1/stores/{store}/invites', auth: true },
  staffList: { method: 'GET', path: '/api/v1/stores/{store}/staff', auth: true },
  removeStaff: { method: 'DELETE', path: '/api/v1/stores/{store}/staff/{user}', auth: true },
  settlement: { method: 'GET', path: '/api/v1/stores/{store}/settlements/{date}', auth: true },

  // Members: the diner's own membership and privacy rights, staff join codes and recruits, the owner's member screens.
  membership: { method: 'GET', path: '/api/v1/stores/{store}/membership', auth: true },
  joinMembership: { method: 'POST', path: '/api/v1/stores/{store}/membership', auth: true },
  updateMembership: { method: 'PATCH', path: '/api/v1/stores/{store}/membership', auth: true },
  leaveMembership: { method: 'DELETE', path: '/api/v1/stores/{store}/membership', auth: true },
  marketingConsent: { method: 'PUT', path: '/api/v1/stores/{store}/membership/marketing', auth: true },
  myDataExport: { method: 'GET', path: '/api/v1/stores/{store}/membership/export', auth: true },
  joinCode: { method: 'GET', path: '/api/v1/join-codes/{code}', auth: false },
  referralCode: { method: 'GET', path: '/api/v1/referral-codes/{code}', auth: false },
  myJoinCode: { method: 'GET', path: '/api/v1/stores/{store}/join-code', auth: true },
  myJoinCodeImage: { method: 'GET', path: '/api/v1/stores/{store}/join-code.png', auth: true },
  myRecruitsToday: { method: 'GET', path: '/api/v1/stores/{store}/recruits/today', auth: true },
  recruiters: { method: 'GET', path: '/api/v1/stores/{store}/recruiters', auth: true },
  members: { method: 'GET', path: '/api/v1/stores/{store}/members', auth: true },
  searchMembers: { method: 'POST', path: '/api/v1/stores/{store}/members/search', auth: true },
  member: { method: 'GET', path: '/api/v1/stores/{store}/members/{member}', auth: true },
  revealMemberPhone: { method: 'POST', path: '/api/v1/stores/{store}/members/{member}/phone-reveal', auth: true },

  // Loyalty: the diner's wallet (coupons, points, level, stored value), the checkout's price with coupons, paying from
  // the balance, and the owner's coupon templates, top-up packages, levels and earn rule.
  walletCoupons: { method: 'GET', path: '/api/v1/stores/{store}/wallet/coupons', auth: true },
  claimCoupon: { method: 'POST', path: '/api/v1/stores/{store}/coupon-claims', auth: true },
  walletPoints: { method: 'GET', path: '/api/v1/stores/{store}/wallet/points', auth: true },
  pointsOffers: { method: 'GET', path: '/api/v1/stores/{store}/wallet/points/offers', auth: true },
  redeemPoints: {
    method: 'POST', path: '/api/v1/stores/{store}/wallet/points/redemptions', auth: true, idempotent: true,
  },
  walletLevel: { method: 'GET', path: '/api/v1/stores/{store}/wallet/level', auth: true },
  walletStoredValue: { method: 'GET', path: '/api/v1/stores/{store}/wallet/stored-value', auth: true },
  topUp: { method: 'POST', path: '/api/v1/stores/{store}/wallet/top-ups', auth: true },
  topUpState: { method: 'GET', path: '/api/v1/stores/{store}/wallet/top-ups/{topUp}', auth: true },
  checkoutQuote: { method: 'GET', path: '/api/v1/stores/{store}/tabs/{tab}/checkout', auth: true },
  payOrderWithStoredValue: {
    method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/orders/{order}/stored-value-payment', auth: true,
  },
  payTabWithStoredValue: { method: 'POST', path: '/api/v1/stores/{store}/tabs/{tab}/stored-value-payment', auth: true },
  topUpPackages: { method: 'GET', path: '/api/v1/stores/{store}/top-up-packages', auth: true },
  createTopUpPackage: { method: 'POST', path: '/api/v1/stores/{store}/top-up-packages', auth: true },
  updateTopUpPackage: { method: 'PATCH', path: '/api/v1/stores/{store}/top-up-packages/{package}', auth: true },
  couponTemplates: { method: 'GET', path: '/api/v1/stores/{store}/coupon-templates', auth: true },
  createCouponTemplate: { method: 'POST', path: '/api/v1/stores/{store}/coupon-templates', auth: true },
  couponTemplate: { method: 'GET', path: '/api/v1/stores/{store}/coupon-templates/{template}', auth: true },
  updateCouponTemplate: { method: 'PATCH', path: '/api/v1/stores/{store}/coupon-templates/{template}', auth: true },
  grantCoupons: { method: 'POST', path: '/api/v1/stores/{store}/coupon-templates/{template}/grants', auth: true },
  loyaltyLevels: { method: 'GET', path: '/api/v1/stores/{store}/loyalty/levels', auth: true },
  replaceLoyaltyLevels: { method: 'PUT', path: '/api/v1/stores/{store}/loyalty/levels', auth: true },
  earnRule: { method: 'GET', path: '/api/v1/stores/{store}/loyalty/earn-rule', auth: true },
  replaceEarnRule: { method: 'PUT', path: '/api/v1/stores/{store}/loyalty/earn-rule', auth: true },
  refundStoredValue: {
    method: 'POST', path: '/api/v1/stores/{store}/members/{member}/stored-value-refunds', auth: true, idempotent: true,
  },

  // Campaigns: the owner's campaign cards, launching one (the key kept for every retry), pausing, resuming and stopping
  // it and its results; the diner's message box and the banner at the next scan; referral (邀请有礼) and the one-time
  // subscribe messages a diner asks for with an order.
  campaignCards: { method: 'GET', path: '/api/v1/stores/{store}/campaign-cards', auth: true },
  campaigns: { method: 'GET', path: '/api/v1/stores/{store}/campaigns', auth: true },
  launchCampaign: { method: 'POST', path: '/api/v1/stores/{store}/campaigns', auth: true, idempotent: true },
  campaign: { method: 'GET', path: '/api/v1/stores/{store}/campaigns/{campaign}', auth: true },
  pauseCampaign: { method: 'POST', path: '/api/v1/stores/{store}/campaigns/{campaign}/pause', auth: true },
  resumeCampaign: { method: 'POST', path: '/api/v1/stores/{store}/campaigns/{campaign}/resume', auth: true },
  stopCampaign: { method: 'POST', path: '/api/v1/stores/{store}/campaigns/{campaign}/stop', auth: true },
  expiryReminders: { method: 'GET', path: '/api/v1/stores/{store}/expiry-reminders', auth: true },
  updateExpiryReminders: { method: 'PUT', path: '/api/v1/stores/{store}/expiry-reminders', auth: true },
  referralSettings: { method: 'GET', path: '/api/v1/stores/{store}/referral-settings', auth: true },
  updateReferralSettings: { method: 'PUT', path: '/api/v1/stores/{store}/referral-settings', auth: true },
  messages: { method: 'GET', path: '/api/v1/stores/{store}/messages', auth: true },
  readMessage: { method: 'POST', path: '/api/v1/stores/{store}/messages/{message}/read', auth: true },
  messageBanner: { method: 'GET', path: '/api/v1/stores/{store}/messages/banner', auth: true },
  referral: { method: 'GET', path: '/api/v1/stores/{store}/referral', auth: true },
  referralPoster: { method: 'GET', path: '/api/v1/stores/{store}/referral/poster.png', auth: true },
  subscribeTemplates: { method: 'GET', path: '/api/v1/stores/{store}/subscribe-templates', auth: true },
  recordSubscriptions: { method: 'POST', path: '/api/v1/stores/{store}/subscriptions', auth: true },

  // Insights: a store's or the whole tenant's dashboard for a period, why the store's revenue moved, the operator's
  // stores ranked, the customer segments and their members, a member's history, the suggested campaigns; and for a
  // signed-in diner the dishes they usually order and those often ordered together.
  storeDashboard: { method: 'GET', path: '/api/v1/stores/{store}/insights/dashboard', auth: true },
  tenantDashboard: { method: 'GET', path: '/api/v1/tenants/{tenant}/insights/dashboard', auth: true },
  revenueExplanation: { method: 'GET', path: '/api/v1/stores/{store}/insights/explanation', auth: true },
  storeRanking: { method: 'GET', path: '/api/v1/tenants/{tenant}/insights/stores', auth: true },
  customerSegments: { method: 'GET', path: '/api/v1/stores/{store}/insights/segments', auth: true },
  segmentMembers: { method: 'GET', path: '/api/v1/stores/{store}/insights/segments/{segment}/members', auth: true },
  memberHistory: { method: 'GET', path: '/api/v1/stores/{store}/members/{member}/history', auth: true },
  suggestedCampaigns: { method: 'GET', path: '/api/v1/stores/{store}/insights/suggestions', auth: true },
  menuSuggestions: { method: 'GET', path: '/api/v1/stores/{store}/menu/suggestions', auth: true },
};

/** The path of endpoint `name` with its {placeholders} filled from `params` (each encoded). */
function pathOf(name, params = {}) {
  const endpoint = endpointOf(name);
  return endpoint.path.replace(/\{(\w+)\}/g, (whole, key) => {
    const value = params[key];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${name}: missing path parameter ${key}`);
    }
    return encodeURIComponent(String(value));
  });
}

function endpointOf(name) {
  const endpoint = ENDPOINTS[name];
  if (!endpoint) {
    throw new Error(`unknown endpoint ${name}`);
  }
  return endpoint;
}

module.exports = { ENDPOINTS, endpointOf, pathOf };
