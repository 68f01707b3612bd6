// 门店排行 (operators): the tenant's stores ranked by revenue for today, 7 or 30 days, with growth on the period
// before, repeat rate, average basket and campaign return; a figure below the brand's median is flagged
// "低于品牌中位数". A store opens its own 经营分析.
const insights = require('../../../../services/insights');
const { periodsView, onPeriod, rankingView } = require('../../../utils/insights');
const { screenUrl, queryOf, readOnShow } = require('../../../utils/screens');

Page(readOnShow({
  data: {
    store: '', role: '', tenant: '', period: '7d', periods: periodsView('7d'), loading: true, error: '', ranking: null,
  },

  onLoad(query) {
    const { store, role, tenant } = queryOf(query);
    this.setData({ store, role, tenant });
  },

  async read() {
    return { ranking: rankingView(await insights.fetchStoreRanking(this.data.tenant, this.data.period, { quiet: true })) };
  },

  onPeriod,

  onStore(event) {
    wx.navigateTo({
      url: screenUrl('insights/dashboard', { store: event.currentTarget.dataset.id, role: this.data.role, tenant: this.data.tenant }),
    });
  },
}));
