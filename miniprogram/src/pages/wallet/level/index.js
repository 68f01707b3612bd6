// 会员等级: my level and its benefits (member prices, a discount, points multiplied), my spend over the last 12 months,
// how far the next level is ("再消费 ¥X 升级为金卡"), and every level of the brand.
const wallet = require('../../../services/wallet');
const { formatFen, formatFenShort } = require('../../../utils/money');
const { benefitsText } = require('../../../utils/coupons');
const { queryOf } = require('../../../utils/actions');

/** How far along to the next level, in whole percent (0-100) of its spend. */
function progressOf(spendFen, next) {
  if (!next) {
    return 100;
  }
  if (next.min_spend_fen <= 0) {
    return 0;
  }
  return Math.min(100, Math.floor((spendFen * 100) / next.min_spend_fen));
}

function view(answer) {
  const { level, next_level: next } = answer;
  return {
    name: level.name,
    rank: level.rank,
    benefits: benefitsText(level),
    spend: formatFen(answer.spend_12m_fen),
    progress: progressOf(answer.spend_12m_fen, next),
    nextText: next ? `再消费 ${formatFenShort(next.spend_needed_fen)} 升级为${next.name}` : '你已是最高等级',
    levels: answer.levels.map((item) => ({
      rank: item.rank,
      name: item.name,
      threshold: item.min_spend_fen ? `近12个月消费满 ${formatFenShort(item.min_spend_fen)}` : '入会即享',
      benefits: benefitsText(item),
      mine: item.rank === level.rank,
    })),
  };
}

Page({
  data: { loading: true, error: '', joinOffered: false, level: null },

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
    this.setData({ loading: true, error: '' });
    try {
      this.setData({ loading: false, level: view(await wallet.fetchLevel(this.store, { quiet: true })) });
    } catch (error) {
      this.setData({ loading: false, error: error.message, joinOffered: error.code === 'not_a_member' });
    }
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
});
