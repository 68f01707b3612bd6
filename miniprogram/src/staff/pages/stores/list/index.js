// The staff area's home: the stores the signed-in person works at, with their role there and the screens that role
// opens (the server still decides what each may do).
const identity = require('../../../../services/identity');
const tenancy = require('../../../../services/tenancy');
const { roleName, modeName } = require('../../../../utils/labels');
const { screenUrl, readOnShow } = require('../../../utils/screens');

const MANAGERS = ['owner', 'operator'];

/**
 * The screens of a store for `role`: everyone works the kitchen, tabs and stock, recruits and looks up members;
 * managers also tables, staff, money, who recruited whom, the loyalty settings (coupons, top-up packages, levels
 * and points), 营销 (campaigns), 经营分析 and 顾客; an operator also compares the tenant's stores (门店排行) and runs
 * the brand (opens stores, invites owners and operators). The tenant's screens get the tenant, and the insight
 * screens too, for an operator's view of all stores.
 */
const ENTRIES = [
  { screen: 'kitchen/orders', label: '后厨订单' },
  { screen: 'kitchen/tabs', label: '在座桌台 · 收款' },
  { screen: 'dishes/stock', label: '沽清与库存' },
  { screen: 'tables/codes', label: '桌台与桌码', managers: true },
  { screen: 'team/members', label: '员工与邀请', managers: true },
  { screen: 'settlement/day', label: '今日结算', managers: true },
  { screen: 'members/join-code', label: '我的会员码 · 今日招募' },
  { screen: 'members/list', label: '会员' },
  { screen: 'members/recruiters', label: '员工招募会员', managers: true },
  { screen: 'loyalty/coupons', label: '优惠券', managers: true },
  { screen: 'loyalty/packages', label: '储值套餐', managers: true },
  { screen: 'loyalty/levels', label: '会员等级与积分', managers: true },
  { screen: 'campaigns/home', label: '营销', managers: true, tenant: true },
  { screen: 'insights/dashboard', label: '经营分析', managers: true, tenant: true },
  { screen: 'insights/customers', label: '顾客', managers: true },
  { screen: 'insights/stores', label: '门店排行', operators: true, tenant: true },
  { screen: 'brand/stores', label: '品牌与门店', operators: true, tenant: true },
];

function entriesFor(store, role) {
  const operator = role === 'operator';
  return ENTRIES.filter((entry) => (!entry.managers || MANAGERS.includes(role)) && (!entry.operators || operator))
    .map((entry) => ({
      label: entry.label,
      url: screenUrl(entry.screen, { store: store.id, role, tenant: entry.tenant && operator ? store.tenant_id : null }),
    }));
}

Page(readOnShow({
  data: { loading: true, error: '', workplaces: [] },

  async read() {
    const me = await identity.fetchMe({ quiet: true });
    const workplaces = await tenancy.fetchWorkplaces(me.roles || [], { quiet: true });
    return {
      workplaces: workplaces.map(({ store, role }) => ({
        id: store.id,
        name: store.name,
        code: store.code,
        roleName: roleName(role),
        modeName: modeName(store.ordering_mode),
        open: !!store.open_now,
        entries: entriesFor(store, role),
      })),
    };
  },

  onEntry(event) {
    wx.navigateTo({ url: event.currentTarget.dataset.url });
  },

  /** Ends this phone's session (a shared till phone, say); the next person signs in as themselves. */
  async onSignOut() {
    try {
      await identity.dispatchSignOut();
    } finally {
      wx.reLaunch({ url: '/pages/table/scan/index' });
    }
  },
}));
