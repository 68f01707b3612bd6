// The tab's bill, each order with its price adjustments. In an eat-first store the table pays here at the end of the
// meal, with WeChat Pay or the stored-value balance (with WeChat Pay for the rest when it falls short; locked against a
// second tap, confirmed by the server) or at the counter, where staff take the money and the tab closes: the page
// hears it live. The tab's state lists only its latest orders: older ones are listed on request, and the sums are the
// server's, over all of them.
const api = require('../../../services/request');
const payment = require('../../../services/payment');
const wallet = require('../../../services/wallet');
const visits = require('../../../utils/visit');
const { formatFen } = require('../../../utils/money');
const { ordersView, billedFen, mayHavePaid } = require('../../../utils/orders');
const { withLiveTab } = require('../../../utils/live-tab');
const { withEarlierOrders } = require('../../../utils/earlier-orders');

Page(withLiveTab(withEarlierOrders({
  data: {
    state: 'loading', failure: {}, storeName: '', tableName: '', payAtEnd: false, orders: [], billed: 0,
    billedText: formatFen(0), due: 0, dueText: formatFen(0), closed: false, atCounter: false, paying: false, confirming: false, offline: false,
    balance: 0, balanceText: '', paidText: '', refundedText: '',
  },

  onLoad(query) {
    this.ids = { store: query.store, tab: query.tab };
    const visit = visits.visitOf(query.tab);
    if (visit) {
      this.setData({
        storeName: visit.store.name, tableName: visit.table.name, payAtEnd: visit.store.ordering_mode === 'eat_first',
      });
    }
    this.loadWithBalance();
  },

  async loadWithBalance() {
    if (await this.load()) {
      await this.readBalance();
    }
  },

  /** The stored-value balance, when this table pays here and owes something; none (0) without one. */
  async readBalance() {
    let balance = 0;
    if (this.data.payAtEnd && this.data.due > 0) {
      try {
        balance = (await wallet.fetchStoredValue(this.ids.store, {}, { quiet: true })).balance_fen;
      } catch (error) {
        // Without a balance to read, WeChat Pay and the counter are the ways to pay.
      }
    }
    this.setData({ balance, balanceText: formatFen(balance) });
  },

  renderTab(tab) {
    const billed = billedFen(tab);
    const due = tab.due_fen || 0;
    const closed = tab.status === 'closed';
    this.setData({
      orders: ordersView(this.tabOrders()),
      billed,
      billedText: formatFen(billed),
      due,
      dueText: formatFen(due),
      paidText: tab.paid_fen ? formatFen(tab.paid_fen) : '',
      refundedText: tab.refunded_fen ? formatFen(tab.refunded_fen) : '',
      closed,
      confirming: this.data.confirming && !closed,
    });
  },

  onPay() {
    return this.pay(() => payment.payTab(this.tab));
  },

  /** From the balance: all of what is owed when it covers it, otherwise the balance and WeChat Pay for the rest. */
  onStoredValue() {
    const wechatForRest = this.data.balance < this.data.due;
    return this.pay(() => payment.payTabWithStoredValue(this.tab, { wechatForRest }));
  },

  /** Pays what the tab owes; while a payment is under way every other tap is ignored. */
  async pay(settle) {
    if (this.paying) {
      return;
    }
    this.paying = true;
    this.setData({ paying: true, confirming: false });
    try {
      const tab = await settle();
      this.showTab(tab);
      this.setData({ confirming: tab.status !== 'closed' });
    } catch (error) {
      api.showError(error);
      this.setData({ confirming: mayHavePaid(error) });
    } finally {
      this.paying = false;
      this.setData({ paying: false });
    }
  },

  async onPaidCheck() {
    if (this.paying) {
      return;
    }
    this.paying = true;
    this.setData({ paying: true });
    try {
      const tab = await payment.dispatchTabPaymentCheck(this.tab, { quiet: true });
      this.showTab(tab);
      this.setData({ confirming: tab.status !== 'closed' });
    } catch (error) {
      api.showError(error);
    } finally {
      this.paying = false;
      this.setData({ paying: false });
    }
  },

  onCounter() {
    this.setData({ atCounter: true });
  },
})));
