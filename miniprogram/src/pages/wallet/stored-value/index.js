// 储值: the balance (principal and bonus apart), topping up with a package ("充 500 送 50") through WeChat Pay — the
// top-up's state confirmed by the server, never by WeChat's callback alone — and the balance's history, a page at a
// time.
const api = require('../../../services/request');
const wallet = require('../../../services/wallet');
const { formatFen } = require('../../../utils/money');
const { balanceLineView, packageView } = require('../../../utils/coupons');
const { mayHavePaid } = require('../../../utils/orders');
const { queryOf, once, readOnShow } = require('../../../utils/actions');

Page(readOnShow({
  data: {
    loading: true, error: '', joinOffered: false, balance: '', principal: '', bonus: '', packages: [], history: [],
    next: null, busy: '', problem: '', confirming: false,
  },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  async load() {
    this.setData({ loading: this.data.balance === '', error: '' });
    try {
      const [value, packages] = await Promise.all([
        wallet.fetchStoredValue(this.store, {}, { quiet: true }),
        wallet.fetchPackages(this.store, { quiet: true }),
      ]);
      this.setData({ loading: false, packages: packages.map(packageView), ...this.valueView(value) });
    } catch (error) {
      this.setData({ loading: false, error: error.message, joinOffered: error.code === 'not_a_member' });
    }
  },

  valueView(value) {
    return {
      balance: formatFen(value.balance_fen),
      principal: formatFen(value.principal_fen),
      bonus: formatFen(value.bonus_fen),
      history: value.history.items.map(balanceLineView),
      next: value.history.next || null,
    };
  },

  onMore() {
    return once(this, 'more', async () => {
      try {
        const { history } = await wallet.fetchStoredValue(this.store, { after: this.data.next }, { quiet: true });
        this.setData({ history: [...this.data.history, ...history.items.map(balanceLineView)], next: history.next || null });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  /** Tops up with the package tapped; a second tap while one top-up is under way does nothing. */
  onTopUp(event) {
    const { id } = event.currentTarget.dataset;
    return once(this, 'top-up', async () => {
      this.setData({ problem: '', confirming: false });
      try {
        const topUp = await wallet.topUp(this.store, id);
        this.topUpId = topUp.id;
        await this.settled(topUp);
      } catch (error) {
        this.topUpId = error.topUpId;
        if (error.code === 'payment_cancelled') {
          api.showError(error);
        } else {
          this.setData({ problem: error.message, confirming: !!error.topUpId && mayHavePaid(error) });
        }
      }
    });
  },

  /** "I have paid": the server asks WeChat Pay about the top-up again. */
  onPaidCheck() {
    return once(this, 'top-up', async () => {
      try {
        await this.settled(await wallet.confirmTopUp(this.store, this.topUpId));
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  async settled(topUp) {
    if (topUp.state === 'paid') {
      this.setData({ confirming: false });
      // Paid but not on the balance yet: the money is safe, and the balance read now may not show it.
      wx.showToast(topUp.credited === false ? { title: '已支付，余额稍后到账', icon: 'none' } : { title: '充值成功', icon: 'success' });
      await this.load();
    } else if (topUp.state === 'closed') {
      this.setData({ confirming: false, problem: '这笔充值已关闭，没有扣款' });
    } else {
      this.setData({ confirming: true });
    }
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
}));
