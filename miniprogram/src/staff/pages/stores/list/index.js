// The staff area's home: the stores the signed-in person works at, with their role there.
const identity = require('../../../../services/identity');
const tenancy = require('../../../../services/tenancy');
const { roleName } = require('../../../../utils/roles');

const MODE_NAMES = { pay_first: '先付后吃', eat_first: '先吃后付' };

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
          roleName: roleName(role),
          modeName: MODE_NAMES[store.ordering_mode] || '',
          open: !!store.open_now,
        })),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },
});
