// 我的积分: the balance, the points expiring soonest, coupons to buy with points (积分兑换), and the history (earned,
// spent, clawed back on a refund, expired), a page at a time.
const wallet = require('../../../services/wallet');
const { newIdempotencyKey } = require('../../../services/request');
const { offerView, pointsLineView } = require('../../../utils/coupons');
const { day } = require('../../../utils/members');
const { queryOf, once, readOnShow } = require('../../../utils/actions');

function expiringView(lot) {
  return { key: `${lot.expires_at}-${lot.points}`, text: `${lot.points} 积分将于 ${day(lot.expires_at)} 过期` };
}

function confirmed(title, content, confirmText) {
  return new Promise((resolve) => {
    wx.showModal({
      title, content, confirmText, success: (answer) => resolve(!!answer.confirm), fail: () => resolve(false),
    });
  });
}

Page(readOnShow({
  data: {
    loading: true, error: '', joinOffered: false, balance: 0, expiring: [], offers: [], history: [], next: null,
    busy: '', problem: '', redeeming: '', redeemed: '', redeemProblem: '',
  },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  async load() {
    this.setData({ loading: true, error: '', problem: '' });
    try {
      const [points, offers] = await Promise.all([
        wallet.fetchPoints(this.store, {}, { quiet: true }),
        wallet.fetchPointsOffers(this.store, { quiet: true }),
      ]);
      this.setData({
        loading: false,
        balance: points.balance,
        expiring: (points.expiring || []).map(expiringView),
        offers: offers.items.map((offer) => offerView(offer, points.balance)),
        history: points.history.items.map(pointsLineView),
        next: points.history.next || null,
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message, joinOffered: error.code === 'not_a_member' });
    }
  },

  onMore() {
    return once(this, 'more', async () => {
      try {
        const { history } = await wallet.fetchPoints(this.store, { after: this.data.next }, { quiet: true });
        this.setData({ history: [...this.data.history, ...history.items.map(pointsLineView)], next: history.next || null });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  /** Buys the offer tapped with points, once confirmed; the new balance and history come from the server after. */
  onRedeem(event) {
    const offer = this.data.offers.find((shown) => shown.id === event.currentTarget.dataset.id);
    if (!offer) {
      return undefined;
    }
    return once(this, 'redeem', async () => {
      if (!await confirmed('积分兑换', `用 ${offer.price} 积分兑换「${offer.name}」（${offer.value}）？`, '兑换')) {
        return;
      }
      // The same key for every retry of this offer: a retry after a lost answer gets the same coupon, spending nothing
      // more. Another offer is another redemption, with a key of its own.
      if (this.pendingOffer !== offer.id) {
        this.pendingOffer = offer.id;
        this.pendingKey = newIdempotencyKey();
      }
      this.setData({ redeeming: offer.id, redeemed: '', redeemProblem: '' });
      try {
        await wallet.dispatchRedeem(this.store,
          { templateId: offer.id, pointsPrice: offer.price, idempotencyKey: this.pendingKey }, { quiet: true });
        this.pendingOffer = null;
        this.pendingKey = null;
        await this.load();
        this.setData({ redeeming: '', redeemed: `「${offer.name}」已放入券包，剩余 ${this.data.balance} 积分` });
      } catch (error) {
        this.setData({ redeeming: '', redeemProblem: error.message });
        if (error.status === 409) {
          // The server refused it (stock gone, price changed, points short): show the offers as they are now.
          await this.refreshOffers();
        }
      }
    });
  },

  async refreshOffers() {
    try {
      const offers = await wallet.fetchPointsOffers(this.store, { quiet: true });
      this.setData({ offers: offers.items.map((offer) => offerView(offer, this.data.balance)) });
    } catch (error) {
      // The refusal shown is what matters; the list stays as it was.
    }
  },

  onCoupons() {
    wx.navigateTo({ url: `/pages/wallet/coupons/index?store=${this.store}` });
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
}));
