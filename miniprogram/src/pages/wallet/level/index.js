// 会员等级: my level and its benefits (member prices, a discount, points multiplied), my spend over the last 12 months,
// how far the next level is ("再消费 ¥X 升级为金卡"), and every level of the brand.
const wallet = require('../../../services/wallet');
const { levelView } = require('../../../utils/coupons');
const { queryOf, readOnShow } = require('../../../utils/actions');

Page(readOnShow({
  data: { loading: true, error: '', joinOffered: false, level: null },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      this.setData({ loading: false, level: levelView(await wallet.fetchLevel(this.store, { quiet: true })) });
    } catch (error) {
      this.setData({ loading: false, error: error.message, joinOffered: error.code === 'not_a_member' });
    }
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
}));
