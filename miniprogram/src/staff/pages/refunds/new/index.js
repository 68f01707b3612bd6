// A refund of a paid order: how much (never more than was paid; the server says what is left) and why. Owners and
// operators always may; staff only where the owner turned on staff_may_refund. WeChat payments go back to WeChat
// Pay (processing until it confirms), money taken at the counter is handed back there.
const tenancy = require('../../../../services/tenancy');
const refunds = require('../../../../services/refunds');
const { newIdempotencyKey } = require('../../../../services/request');
const { formatFen, parseYuan } = require('../../../../utils/money');
const { queryOf, once } = require('../../../utils/screens');

const REASONS = ['菜品问题', '上错菜', '顾客取消', '多收了钱'];
const STATUS_NAMES = { processing: '退款处理中', succeeded: '已退款', failed: '退款失败' };
const WAYS = { wechat: '原路退回顾客的微信', cash: '请当面退还现金', card: '请在刷卡机上退款', other: '请按收款方式退还' };

Page({
  data: {
    store: '', role: '', order: '', number: '', total: '', loading: true, error: '', allowed: false, amount: '',
    reason: '', reasons: REASONS, busy: '', problem: '', refund: null,
  },

  onLoad(query) {
    const { store, role, order, number = '', total } = queryOf(query);
    const totalFen = Number(total);
    const known = Number.isSafeInteger(totalFen) && totalFen > 0;
    this.setData({
      store, role, order, number, total: known ? formatFen(totalFen) : '', amount: known ? formatFen(totalFen).slice(1) : '',
    });
  },

  onShow() {
    if (!this.data.refund) {
      this.load();
    }
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const store = await tenancy.fetchStore(this.data.store, { quiet: true });
      this.setData({ loading: false, allowed: refunds.mayRefund(this.data.role, store) });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  // A changed amount or reason is another refund: it gets a key of its own.
  onAmountInput(event) {
    this.pendingKey = null;
    this.setData({ amount: event.detail.value, problem: '' });
  },

  onReasonInput(event) {
    this.pendingKey = null;
    this.setData({ reason: event.detail.value, problem: '' });
  },

  onPickReason(event) {
    this.pendingKey = null;
    this.setData({ reason: event.currentTarget.dataset.reason, problem: '' });
  },

  onSubmit() {
    const amountFen = parseYuan(this.data.amount);
    const reason = this.data.reason.trim();
    if (!amountFen) {
      this.setData({ problem: '请填写退款金额，例如 12.50' });
      return undefined;
    }
    if (!reason) {
      this.setData({ problem: '请填写退款原因' });
      return undefined;
    }
    // The same key for every retry of this refund: a retry after a lost answer gets the same refund back.
    this.pendingKey = this.pendingKey || newIdempotencyKey();
    return once(this, 'refund', async () => {
      this.setData({ problem: '' });
      try {
        const refund = await refunds.dispatchRefund(this.data.store, this.data.order,
          { amountFen, reason, idempotencyKey: this.pendingKey }, { quiet: true });
        this.pendingKey = null;
        this.setData({
          refund: {
            amount: formatFen(refund.amount_fen),
            status: refund.status,
            statusName: STATUS_NAMES[refund.status] || refund.status,
            way: WAYS[refund.method] || '',
          },
        });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onBack() {
    wx.navigateBack();
  },
});
