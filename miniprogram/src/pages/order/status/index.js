// The table's orders, live: each order's state, its price adjustments and which dishes are served, 催单, and paying an
// order that awaits payment (pay-first) with WeChat Pay or from the stored-value balance (with WeChat Pay for the rest
// when it falls short). Payment is locked against a second tap while one is under way, and the order's state always
// comes from the server afterwards, never from WeChat's callback alone. The tab's state lists only its latest orders:
// older ones are listed on request, and one of them may be paid here too.
const api = require('../../../services/request');
const ordering = require('../../../services/ordering');
const payment = require('../../../services/payment');
const membership = require('../../../services/membership');
const wallet = require('../../../services/wallet');
const visits = require('../../../utils/visit');
const { ordersView, mayHavePaid } = require('../../../utils/orders');
const { formatFen } = require('../../../utils/money');
const { tableMenuUrl } = require('../../../utils/routes');
const { withLiveTab } = require('../../../utils/live-tab');
const { withEarlierOrders } = require('../../../utils/earlier-orders');

function awaitsPayment(order) {
  return order.status === 'awaiting_payment';
}

Page(withLiveTab(withEarlierOrders({
  data: {
    state: 'loading', failure: {}, storeName: '', tableName: '', payFirst: true, orders: [], offline: false,
    paying: false, confirming: false, membership: '', balance: '',
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

  /**
   * Reads the tab; opened to pay, pays once it is shown: with WeChat Pay at once, unless the diner has a balance to
   * choose from, when the order's pay buttons offer both.
   */
  async loadAndPay() {
    if (!(await this.load())) {
      return;
    }
    await this.readBalance();
    const orderId = this.payNow;
    this.payNow = null;
    if (orderId && !(this.balanceFen > 0)) {
      await this.pay(orderId);
    }
  },

  /** The stored-value balance, when an order shown awaits payment; none (0) for a diner without one or not a member. */
  async readBalance() {
    this.balanceFen = 0;
    if (this.tabOrders().some(awaitsPayment)) {
      this.balanceAsked = true;
      try {
        this.balanceFen = (await wallet.fetchStoredValue(this.ids.store, {}, { quiet: true })).balance_fen;
      } catch (error) {
        // Without a balance to read, WeChat Pay is the way to pay.
      }
    }
    this.setData({ balance: this.balanceFen > 0 ? formatFen(this.balanceFen) : '' });
    this.renderTab(this.tab);
  },

  renderTab() {
    const shown = this.tabOrders();
    // The first order to await payment may be shown after the balance was looked at on load (an earlier order read on
    // request): the balance is read for it then, unless it was asked for already.
    if (this.balanceFen !== undefined && !this.balanceAsked && shown.some(awaitsPayment)) {
      this.readBalance();
    }
    const totals = {};
    shown.forEach((order) => {
      totals[order.id] = order.total_fen;
    });
    // From the balance: the whole order when it covers it, otherwise the balance and WeChat Pay for the rest.
    const orders = ordersView(shown).map((order) => ({
      ...order,
      storedValue: !order.awaitingPayment || !(this.balanceFen > 0) ? ''
        : (this.balanceFen >= totals[order.id] ? 'whole' : 'part'),
    }));
    if (orders.length && !this.data.membership) {
      this.offerMembership();
    }
    const waiting = orders.find((order) => order.id === this.payingOrder);
    this.setData({ orders, confirming: this.data.confirming && !!waiting && waiting.awaitingPayment });
  },

  onPay(event) {
    return this.pay(event.currentTarget.dataset.id);
  },

  onStoredValue(event) {
    const { id, part } = event.currentTarget.dataset;
    return this.pay(id, () => payment.payOrderWithStoredValue(this.tab, id, { wechatForRest: !!part }));
  },

  /** Pays one order (WeChat Pay unless `settle` says otherwise); while a payment is under way other taps are ignored. */
  async pay(orderId, settle = () => payment.payOrder(this.tab, orderId)) {
    if (this.paying) {
      return;
    }
    this.paying = true;
    this.payingOrder = orderId;
    this.setData({ paying: true, confirming: false });
    try {
      const order = await settle();
      this.confirmed(order);
    } catch (error) {
      api.showError(error);
      this.setData({ confirming: mayHavePaid(error) });
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
    this.reloadTab().then(() => (this.balanceFen > 0 ? this.readBalance() : undefined));
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
})));
