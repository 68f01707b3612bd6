// Money taken at the counter, in cash, by card or otherwise: for one order awaiting payment (a pay-first store), or
// everything a table's tab owes (an eat-first store; the tab then closes). If the diner already paid in WeChat, the
// server says so (paid_with_wechat) and no money must be taken.
const counter = require('../../../../services/counter');
const { formatFen } = require('../../../../utils/money');
const { queryOf, once } = require('../../../utils/screens');

Page({
  data: {
    store: '', order: '', tab: '', table: '', number: '', methods: counter.COUNTER_METHODS, method: '', busy: '',
    error: '', errorCode: '', paid: null,
  },

  onLoad(query) {
    const { store, order = '', tab = '', table = '', number = '' } = queryOf(query);
    this.setData({ store, order, tab, table, number });
  },

  onMethod(event) {
    this.setData({ method: event.currentTarget.dataset.method, error: '', errorCode: '' });
  },

  onConfirm() {
    if (!this.data.method) {
      this.setData({ error: '请选择收款方式' });
      return undefined;
    }
    return once(this, 'pay', async () => {
      this.setData({ error: '', errorCode: '' });
      const { store, order, tab, method } = this.data;
      const label = counter.COUNTER_METHODS.find((m) => m.value === method).label;
      try {
        if (tab) {
          const payment = await counter.dispatchTabCounterPayment(store, tab, method, { quiet: true });
          this.setData({ paid: { amount: formatFen(payment.amount_fen), orders: payment.order_ids.length, label } });
        } else {
          const paidOrder = await counter.dispatchOrderCounterPayment(store, order, method, { quiet: true });
          this.setData({ paid: { amount: formatFen(paidOrder.total_fen), orders: 1, label } });
        }
      } catch (error) {
        this.setData({ error: error.message, errorCode: error.code });
      }
    });
  },

  onBack() {
    wx.navigateBack();
  },
});
