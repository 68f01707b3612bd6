// The tables with a tab open now: from here the money a table owes is taken at the counter.
const kitchen = require('../../../../services/kitchen');
const { formatFen } = require('../../../../utils/money');
const { screenUrl, queryOf, readOnShow } = require('../../../utils/screens');

Page(readOnShow({
  data: { store: '', role: '', loading: true, error: '', tabs: [] },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.setData({ store, role });
  },

  async read() {
    const tabs = await kitchen.fetchOpenTabs(this.data.store, { quiet: true });
    return {
      tabs: tabs.map((tab) => ({
        id: tab.id,
        table: tab.table_name || tab.table_code || '',
        dueFen: tab.due_fen,
        dueText: formatFen(tab.due_fen),
        awaiting: (tab.awaiting_payment || []).map((order) => ({
          id: order.order_id, number: order.number, totalText: formatFen(order.total_fen),
        })),
      })).sort((a, b) => a.table.localeCompare(b.table)),
    };
  },

  onPay(event) {
    const { id, table } = event.currentTarget.dataset;
    wx.navigateTo({ url: screenUrl('counter/pay', { store: this.data.store, tab: id, table }) });
  },

  /** A pay-first table's order, paid at the counter by its number. */
  onPayOrder(event) {
    const { order, number, table } = event.currentTarget.dataset;
    wx.navigateTo({ url: screenUrl('counter/pay', { store: this.data.store, order, number, table }) });
  },
}));
