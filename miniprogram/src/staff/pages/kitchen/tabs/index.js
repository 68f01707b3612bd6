// The tables with a tab open now: from here the money a table owes is taken at the counter.
const kitchen = require('../../../../services/kitchen');
const tenancy = require('../../../../services/tenancy');
const { screenUrl, queryOf } = require('../../../utils/screens');

Page({
  data: { store: '', role: '', loading: true, error: '', tabs: [] },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.setData({ store, role });
  },

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
      const [tabs, tables] = await Promise.all([
        kitchen.fetchOpenTabs(this.data.store, { quiet: true }),
        tenancy.fetchTables(this.data.store, { quiet: true }),
      ]);
      const byId = {};
      tables.forEach((table) => {
        byId[table.id] = table;
      });
      this.setData({
        loading: false,
        tabs: tabs.map((tab) => {
          const table = byId[tab.table_id] || {};
          return { id: tab.id, table: table.name || table.code || '', area: table.area || '' };
        }).sort((a, b) => a.table.localeCompare(b.table)),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onPay(event) {
    const { id, table } = event.currentTarget.dataset;
    wx.navigateTo({ url: screenUrl('counter/pay', { store: this.data.store, tab: id, table }) });
  },
});
