// Checkout: head count and notes, the total as the server prices it, then the order. One submit holds one
// idempotency key until it succeeds, so a second tap or a retry after a lost answer gets the same order, never two.
const api = require('../../../services/request');
const ordering = require('../../../services/ordering');
const visits = require('../../../utils/visit');
const { cartView } = require('../../../utils/cart');

const IN_PROGRESS_RETRY_MS = 1000;

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

Page({
  data: {
    state: 'loading', failure: {}, storeName: '', tableName: '', payFirst: true, cart: cartView(null, null),
    headCount: 2, notes: '', submitting: false, error: '',
  },

  onLoad(query) {
    this.ids = { store: query.store, tab: query.tab };
    const visit = visits.visitOf(query.tab);
    if (visit) {
      this.setData({
        storeName: visit.store.name, tableName: visit.table.name, payFirst: visit.store.ordering_mode !== 'eat_first',
      });
    }
    this.load();
  },

  async load() {
    this.setData({ state: 'loading' });
    try {
      this.tab = await ordering.fetchTab(this.ids.store, this.ids.tab, { quiet: true });
      const session = api.session();
      this.setData({ state: 'ready', cart: cartView(this.tab, session && session.user ? session.user.id : null) });
    } catch (error) {
      this.setData({ state: 'failed', failure: { message: error.message } });
    }
  },

  onFewer() {
    this.setData({ headCount: Math.max(1, this.data.headCount - 1) });
  },

  onMore() {
    this.setData({ headCount: Math.min(99, this.data.headCount + 1) });
  },

  onNotes(event) {
    this.setData({ notes: event.detail.value });
  },

  async onSubmit() {
    if (this.submitting || this.data.cart.problem || this.data.cart.lines.length === 0) {
      return;
    }
    this.submitting = true;
    this.key = this.key || api.newIdempotencyKey();
    this.setData({ submitting: true, error: '' });
    try {
      const order = await this.place();
      this.key = null;
      const pay = order.status === 'awaiting_payment' ? '&pay=1' : '';
      wx.redirectTo({ url: `/pages/order/status/index?store=${this.ids.store}&tab=${this.ids.tab}&order=${order.id}${pay}` });
    } catch (error) {
      this.submitting = false;
      this.setData({ submitting: false, error: error.message });
      if (error.code !== 'network' && error.code !== 'timeout') {
        // The cart or the store changed (sold out, closed, cart emptied by the table): keep nothing of this submit.
        this.key = null;
        this.load();
      }
    }
  },

  /** Places the order; while the same key's order is still being placed elsewhere, asks again. */
  async place() {
    const submit = { headCount: this.data.headCount, notes: this.data.notes.trim(), idempotencyKey: this.key };
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await ordering.dispatchPlaceOrder(this.tab, submit, { quiet: true });
      } catch (error) {
        if (error.code !== 'order_in_progress' || attempt >= 5) {
          throw error;
        }
        await wait(IN_PROGRESS_RETRY_MS);
      }
    }
  },
});
