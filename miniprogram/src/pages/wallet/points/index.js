// 我的积分: the balance, the points expiring soonest, and the history (earned, spent, clawed back on a refund,
// expired), a page at a time.
const wallet = require('../../../services/wallet');
const { pointsLineView } = require('../../../utils/coupons');
const { day } = require('../../../utils/members');
const { queryOf, once } = require('../../../utils/actions');

function expiringView(lot) {
  return { key: `${lot.expires_at}-${lot.points}`, text: `${lot.points} 积分将于 ${day(lot.expires_at)} 过期` };
}

Page({
  data: { loading: true, error: '', joinOffered: false, balance: 0, expiring: [], history: [], next: null, busy: '', problem: '' },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  onShow() {
    return this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '', problem: '' });
    try {
      const points = await wallet.fetchPoints(this.store, {}, { quiet: true });
      this.setData({
        loading: false,
        balance: points.balance,
        expiring: (points.expiring || []).map(expiringView),
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

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
});
