// Checkout: head count and notes, the price as the server quotes it (member price, level discount and the coupon
// chosen: the best one unless the diner picks another or none), then the order with that coupon. One submit holds one
// idempotency key until it succeeds, so a second tap or a retry after a lost answer gets the same order, never two.
// Where the store has subscribe-message templates ("菜做好了", "退款已到账"), the submit's tap also asks the diner
// whether WeChat may tell them (WeChat asks only from a tap), once per checkout; the answers are recorded with the order.
const api = require('../../../services/request');
const ordering = require('../../../services/ordering');
const subscriptions = require('../../../services/subscriptions');
const visits = require('../../../utils/visit');
const { cartView } = require('../../../utils/cart');
const { formatFen } = require('../../../utils/money');
const { couponView } = require('../../../utils/coupons');
const { adjustmentView } = require('../../../utils/orders');

const IN_PROGRESS_RETRY_MS = 1000;

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function quoteView(quote) {
  const offered = quote.coupons.map(({ coupon, usable, discount_fen: discount, reason }) => ({
    ...couponView(coupon),
    usable,
    discount: usable ? `-${formatFen(discount)}` : '',
    reason: usable ? '' : reason || '不满足使用条件',
    chosen: coupon.id === quote.chosen_coupon_id,
  }));
  const chosen = offered.find((coupon) => coupon.chosen);
  return {
    subtotal: formatFen(quote.subtotal_fen),
    adjustments: quote.adjustments.map(adjustmentView),
    total: formatFen(quote.total_fen),
    coupons: offered,
    usableCount: offered.filter((coupon) => coupon.usable).length,
    chosenId: quote.chosen_coupon_id || '',
    chosenText: chosen ? `${chosen.name}（${chosen.value}）` : '',
  };
}

Page({
  data: {
    state: 'loading', failure: {}, storeName: '', tableName: '', payFirst: true, cart: cartView(null, null),
    headCount: 2, notes: '', submitting: false, error: '', quote: null, picking: false, quoting: false,
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
      return;
    }
    await Promise.all([this.quote(this.coupon || 'best'), this.readTemplates()]);
  },

  /** The store's subscribe-message templates, read once before the tap that asks for them; none when unreadable. */
  async readTemplates() {
    if (this.templateIds) {
      return;
    }
    try {
      this.templateIds = await subscriptions.fetchTemplateIds(this.ids.store, { quiet: true });
    } catch (error) {
      this.templateIds = null;
    }
  },

  /**
   * Asks the server to price the cart with `coupon` ("best", "none" or a coupon id). Without a quote (the cart cannot
   * be priced, say) the page shows the cart's own total and the order is placed with the server's choice.
   */
  async quote(coupon) {
    this.setData({ quoting: true });
    try {
      const quote = await ordering.fetchCheckout(this.tab, coupon, { quiet: true });
      this.setData({ quoting: false, quote: quoteView(quote) });
    } catch (error) {
      if (error.status >= 400 && error.status < 500 && coupon !== 'best' && coupon !== 'none') {
        // The coupon picked is no longer to be had (used at another table, say): back to the server's best.
        this.coupon = undefined;
        await this.quote('best');
        return;
      }
      this.setData({ quoting: false, quote: null });
    }
  },

  onPickCoupon() {
    this.setData({ picking: !this.data.picking });
  },

  /**
   * Another coupon, or none: the price is quoted again. A key kept from a submit whose answer was lost stays: if that
   * order was placed after all, the server refuses the same key with another coupon instead of placing a second one.
   */
  async onCoupon(event) {
    const { id, usable } = event.currentTarget.dataset;
    if (this.submitting || usable === false) {
      return;
    }
    this.coupon = id || 'none';
    this.setData({ picking: false });
    await this.quote(this.coupon);
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
    if (this.submitting || this.data.quoting || this.data.cart.problem || this.data.cart.lines.length === 0) {
      return;
    }
    this.submitting = true;
    this.askSubscription();
    this.key = this.key || api.newIdempotencyKey();
    this.setData({ submitting: true, error: '' });
    try {
      const order = await this.place();
      this.key = null;
      await this.recordSubscription(order.id);
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

  /** Asks, in the submit's tap, for the templates the store has; once per checkout, whatever happens to the order. */
  askSubscription() {
    if (!this.subscribing && this.templateIds && this.templateIds.length) {
      this.subscribing = subscriptions.ask(this.templateIds).catch(() => ({}));
    }
  },

  /** Records what the diner answered, with the order placed; a failure to record costs only the message. */
  async recordSubscription(orderId) {
    if (!this.subscribing || this.recorded) {
      return;
    }
    this.recorded = true;
    try {
      await subscriptions.dispatchResults(this.ids.store, await this.subscribing, orderId, { quiet: true });
    } catch (error) {
      // Without the record the server sends no message: the diner was asked and the order stands.
    }
  },

  /** Places the order; while the same key's order is still being placed elsewhere, asks again. */
  async place() {
    const { quote } = this.data;
    const submit = {
      headCount: this.data.headCount,
      notes: this.data.notes.trim(),
      idempotencyKey: this.key,
      // The coupon the diner saw priced, or none; without a quote, the diner's last choice or the server's best.
      coupon: quote ? quote.chosenId || 'none' : this.coupon,
    };
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
