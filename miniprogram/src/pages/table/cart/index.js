// The table's shared cart: every line with who added it, changed by anyone at the table and shown to all, live.
// A change made on a cart someone else just changed is refused (stale_cart): the page shows the fresh cart and says
// so, and the diner decides again.
const api = require('../../../services/request');
const ordering = require('../../../services/ordering');
const visits = require('../../../utils/visit');
const { cartView } = require('../../../utils/cart');
const { tableMenuUrl } = require('../../../utils/routes');
const { withLiveTab } = require('../../../utils/live-tab');

function myUserId() {
  const session = api.session();
  return session && session.user ? session.user.id : null;
}

Page(withLiveTab({
  data: { state: 'loading', failure: {}, storeName: '', tableName: '', cart: cartView(null, null), offline: false, busy: false },

  onLoad(query) {
    this.ids = { store: query.store, tab: query.tab };
    this.visit = visits.visitOf(query.tab);
    if (this.visit) {
      this.setData({ storeName: this.visit.store.name, tableName: this.visit.table.name });
    }
    this.load();
  },

  renderTab(tab) {
    this.setData({ cart: cartView(tab, myUserId()) });
  },

  async onQuantity(event) {
    const { id, quantity } = event.currentTarget.dataset;
    if (this.data.busy) {
      return;
    }
    this.setData({ busy: true });
    try {
      const changed = Number(quantity) > 0
        ? await ordering.dispatchUpdateCartLine(this.tab, id, Number(quantity), { quiet: true })
        : await ordering.dispatchRemoveCartLine(this.tab, id, { quiet: true });
      this.showTab(changed);
    } catch (error) {
      api.showError(error);
      if (error.code === 'stale_cart' || error.code === 'cart_line_not_found') {
        await this.reloadTab();
      }
    } finally {
      this.setData({ busy: false });
    }
  },

  onCheckout() {
    wx.navigateTo({ url: `/pages/order/checkout/index?store=${this.ids.store}&tab=${this.ids.tab}` });
  },

  onMenu() {
    if (this.visit) {
      wx.redirectTo({ url: tableMenuUrl(this.visit.code) });
    } else {
      wx.navigateBack();
    }
  },
}));
