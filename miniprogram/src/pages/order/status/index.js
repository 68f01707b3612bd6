// The table's orders, live: each order's state and which dishes are served, 催单, and paying an order that awaits
// payment (pay-first). Payment is locked against a second tap while one is under way, and the order's state always
// comes from the server afterwards, never from WeChat's callback alone.
const api = require('../../../services/request');
const ordering = require('../../../services/ordering');
const payment = require('../../../services/payment');
const membership = require('../../../services/membership');
const visits = require('../../../utils/visit');
const { ordersView } = require('../../../utils/orders');
const { tableMenuUrl } = require('../../../utils/routes');
const { withLiveTab } = require('../../../utils/live-tab');

Page(withLiveTab({
  data: {
    state: 'loading', failure: {}, storeName: '', tableName: '', payFirst: true, orders: [], offline: false,
    paying: false, confirming: false, membership: '',
  },

  onLoad(query) {
    this.ids = { store: query.store, tab: query.tab };
    this.payNow = query.pay === '1' ? query.order : null;
    this.visit = visits.visitOf(query.tab);
    if (this.visit) {
      this.setData({
        storeName: this.visit.store.name,
        tableName: this.visit.table.name,
        payFirst: this.visit.store.ordering_mode !== 'eat_first',
      });
    }
    this.loadAndPay();
  },

  /** Reads the tab; opened to pay, pays once it is shown. */
  async loadAndPay() {
    if (!(await this.load()) || !this.payNow) {
      return;
    }
    const orderId = this.payNow;
    this.payNow = null;
    await this.pay(orderId);
  },

  renderTab(tab) {
    const orders = ordersView(tab);
    if (orders.length && !this.data.membership) {
      this.offerMembership();
    }
    const waiting = orders.find((order) => order.id === this.payingOrder);
    this.setData({ orders, confirming: this.data.confirming && !!waiting && waiting.awaitingPayment });
  },

  onPay(event) {
    return this.pay(event.currentTarget.dataset.id);
  },

  /** Pays one order; while a payment is under way every other tap is ignored. */
  async pay(orderId) {
    if (this.paying) {
      return;
    }
    this.paying = true;
    this.payingOrder = orderId;
    this.setData({ paying: true, confirming: false });
    try {
      const order = await payment.payOrder(this.tab, orderId);
      this.confirmed(order);
    } catch (error) {
      api.showError(error);
      // WeChat may have taken the money although the callback failed: let the diner ask the server.
      this.setData({ confirming: error.code !== 'payment_cancelled' && error.code !== 'nothing_to_pay' && !!error.code });
    } finally {
      this.paying = false;
      this.setData({ paying: false });
    }
  },

  /** Shows the server's word on the paid order: paid once it left "awaiting payment". */
  confirmed(order) {
    const paid = order.status !== 'awaiting_payment';
    this.setData({ confirming: !paid });
    if (paid) {
      wx.showToast({ title: '支付成功', icon: 'success' });
    }
    this.reloadTab();
  },

  async onPaidCheck() {
    if (this.paying) {
      return;
    }
    this.paying = true;
    this.setData({ paying: true });
    try {
      this.confirmed(await payment.dispatchOrderPaymentCheck(this.tab, this.payingOrder, { quiet: true }));
    } catch (error) {
      api.showError(error);
    } finally {
      this.paying = false;
      this.setData({ paying: false });
    }
  },

  async onHurry(event) {
    try {
      await ordering.dispatchHurryOrder(this.tab, event.currentTarget.dataset.id, { quiet: true });
      wx.showToast({ title: '已催单，厨房会尽快上菜', icon: 'none' });
    } catch (error) {
      api.showError(error);
    }
  },

  /** After the first order: "成为会员" for a diner who is not one yet, their card for one who is. */
  async offerMembership() {
    if (this.askedMembership) {
      return;
    }
    this.askedMembership = true;
    try {
      const { member } = await membership.fetchMembership(this.ids.store, { quiet: true });
      this.setData({ membership: member ? 'member' : 'offer' });
    } catch (error) {
      // The offer is a courtesy: without an answer the page goes on without it, and asks again next time.
      this.askedMembership = false;
    }
  },

  onJoin() {
    const table = this.visit ? this.visit.table.id : '';
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.ids.store}${table ? `&table=${table}` : ''}` });
  },

  onCard() {
    wx.navigateTo({ url: `/pages/member/card/index?store=${this.ids.store}` });
  },

  onMenu() {
    if (this.visit) {
      wx.reLaunch({ url: tableMenuUrl(this.visit.code) });
    } else {
      wx.reLaunch({ url: '/pages/table/scan/index' });
    }
  },

  onBill() {
    wx.navigateTo({ url: `/pages/order/bill/index?store=${this.ids.store}&tab=${this.ids.tab}` });
  },
}));
