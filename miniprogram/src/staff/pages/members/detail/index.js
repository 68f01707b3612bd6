// A member's history for staff: the card (phone masked), recent visits, the consent ledger and every access to the
// data. Owners may reveal the whole number, for a reason written to the audit log with who asked, give the member a
// coupon of an active template, and give back unspent stored-value principal.
const membership = require('../../../../services/membership');
const loyalty = require('../../../../services/loyalty');
const { newIdempotencyKey } = require('../../../../services/request');
const { cardView, historyView } = require('../../../../utils/members');
const { valueText } = require('../../../../utils/coupons');
const { formatFen, parseYuan } = require('../../../../utils/money');
const { queryOf, once } = require('../../../utils/screens');

const MANAGERS = ['owner', 'operator'];

Page({
  data: {
    store: '', member: '', mayReveal: false, mayGrant: false, loading: true, error: '', card: null, history: null, reason: '',
    revealed: '', busy: '', problem: '', templates: null, granted: '',
    refundAmount: '', refunded: '',
  },

  onLoad(query) {
    const { store, role, member } = queryOf(query);
    this.setData({ store, member, mayReveal: MANAGERS.includes(role), mayGrant: MANAGERS.includes(role) });
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const member = await membership.fetchMember(this.data.store, this.data.member, { quiet: true });
      this.setData({ loading: false, card: cardView(member), history: historyView(member) });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onReason(event) {
    this.setData({ reason: event.detail.value });
  },

  onReveal() {
    const reason = this.data.reason.trim();
    if (reason.length < 2) {
      this.setData({ problem: '请写明查看完整手机号的原因（至少 2 个字）' });
      return undefined;
    }
    return once(this, 'reveal', async () => {
      this.setData({ problem: '' });
      try {
        const { phone, country_code: country } = await membership.dispatchRevealPhone(this.data.store, this.data.member,
          reason, { quiet: true });
        this.setData({ revealed: country && country !== '86' ? `+${country} ${phone}` : phone, reason: '' });
        // The reveal is now in the member's access history.
        const member = await membership.fetchMember(this.data.store, this.data.member, { quiet: true });
        this.setData({ history: historyView(member) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  /** The active templates to give from, read when the owner asks to give one. */
  onOfferCoupons() {
    return once(this, 'templates', async () => {
      this.setData({ problem: '', granted: '' });
      try {
        const templates = await loyalty.fetchCouponTemplates(this.data.store, { quiet: true });
        this.setData({
          templates: templates.filter((template) => template.active)
            .map((template) => ({ id: template.id, name: template.name, value: valueText(template) })),
        });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onGrant(event) {
    const { id } = event.currentTarget.dataset;
    const template = this.data.templates.find((shown) => shown.id === id);
    return once(this, 'grant', async () => {
      const confirmed = await new Promise((resolve) => {
        wx.showModal({
          title: '赠送优惠券',
          content: `送给这位会员一张「${template.name}」（${template.value}）？`,
          confirmText: '赠送',
          success: (answer) => resolve(!!answer.confirm),
          fail: () => resolve(false),
        });
      });
      if (!confirmed) {
        return;
      }
      this.setData({ problem: '', granted: '' });
      try {
        const { issued, refused = [] } = await loyalty.dispatchGrant(this.data.store, id, [this.data.member], { quiet: true });
        const why = refused[0] && (refused[0].message || refused[0].reason);
        this.setData(issued
          ? { granted: `已赠送「${template.name}」`, templates: null }
          : { problem: `没有赠出${why ? `：${why}` : '（库存不足或已达每人限领数）'}` });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onRefundAmount(event) {
    this.pendingKey = null;
    this.setData({ refundAmount: event.detail.value, refunded: '' });
  },

  /** Unspent principal handed back to the member, after a plain confirmation; the server refuses more than is left. */
  onRefundStoredValue() {
    const amountFen = parseYuan(this.data.refundAmount);
    if (!amountFen) {
      this.setData({ problem: '请填写退还金额，例如 100' });
      return undefined;
    }
    return once(this, 'refund', async () => {
      const confirmed = await new Promise((resolve) => {
        wx.showModal({
          title: '退还储值',
          content: `退还这位会员储值本金 ${formatFen(amountFen)}？赠送金额按比例作废。`,
          confirmText: '退还',
          success: (answer) => resolve(!!answer.confirm),
          fail: () => resolve(false),
        });
      });
      if (!confirmed) {
        return;
      }
      this.setData({ problem: '' });
      // The same key for every retry of this amount: a retry after a lost answer hands back nothing more.
      this.pendingKey = this.pendingKey || newIdempotencyKey();
      try {
        await loyalty.dispatchStoredValueRefund(this.data.store, this.data.member,
          { amountFen, idempotencyKey: this.pendingKey }, { quiet: true });
        this.pendingKey = null;
        this.setData({ refunded: `已退还储值本金 ${formatFen(amountFen)}`, refundAmount: '' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
});
