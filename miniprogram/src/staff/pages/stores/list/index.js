// The staff area's home: the stores the signed-in person works at, with their role there.
const identity = require('../../../../services/identity');
const tenancy = require('../../../../services/tenancy');
const { roleName, modeName } = require('../../../../utils/labels');


Page({
  data: { loading: true, error: '', workplaces: [] },

  onShow() {
    this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const me = await identity.fetchMe({ quiet: true });
      const workplaces = await tenancy.fetchWorkplaces(me.roles || [], { quiet: true });
      this.setData({
        loading: false,
        workplaces: workplaces.map(({ store, role }) => ({
          id: store.id,
          name: store.name,
          code: store.code,
          roleName: roleName(role),
          modeName: modeName(store.ordering_mode),
          open: !!store.open_now,
        })),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  /** Ends this phone's session (a shared till phone, say); the next person signs in as themselves. */
  async onSignOut() {
    try {
      await identity.dispatchSignOut();
    } finally {
      wx.reLaunch({ url: '/pages/table/scan/index' });
    }
  },
});
