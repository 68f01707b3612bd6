// 经营分析: a store's figures for today, 7 or 30 days (an operator may switch to all the tenant's stores): revenue,
// orders, average basket and covers, each with what it counts; why revenue moved against the period before; revenue
// by day, bills by hour, the ways of payment, the dishes sold most, new and returning diners, members each staff
// member recruited, refunds and the campaigns' results; and the best campaigns the data suggests, one tap from launch.
const insights = require('../../../../services/insights');
const {
  periodsView, onPeriod, dashboardView, explanationView, suggestionsView,
} = require('../../../utils/insights');
const { screenUrl, queryOf, readOnShow } = require('../../../utils/screens');

/** A part of the screen that may fail alone: its answer, or the sentence saying why it is missing. */
function apart(promise) {
  return promise.then((value) => ({ value, error: '' }), (error) => ({ value: null, error: error.message }));
}

Page(readOnShow({
  data: {
    store: '', role: '', tenant: '', operator: false, period: '7d', periods: periodsView('7d'), whole: false,
    loading: true, error: '', dashboard: null, tip: '', tipText: '', explanation: null, explanationError: '',
    suggestions: [], suggestionsError: '',
  },

  onLoad(query) {
    const { store, role, tenant } = queryOf(query);
    this.setData({ store, role, tenant: tenant || '', operator: role === 'operator' && !!tenant });
  },

  async read() {
    const { store, tenant, period, whole } = this.data;
    // All stores: the tenant's dashboard; why revenue moved and what to launch are a store's own.
    const [dashboard, explanation, suggestions] = await Promise.all([
      insights.fetchDashboard(whole ? { tenant, period } : { store, period }, { quiet: true }),
      whole ? null : apart(insights.fetchExplanation(store, period, { quiet: true })),
      whole ? null : apart(insights.fetchSuggestions(store, { quiet: true })),
    ]);
    return {
      dashboard: dashboardView(dashboard),
      tip: '',
      tipText: '',
      explanation: explanation && explanation.value ? explanationView(explanation.value) : null,
      explanationError: explanation ? explanation.error : '',
      suggestions: suggestions && suggestions.value ? suggestionsView(suggestions.value) : [],
      suggestionsError: suggestions ? suggestions.error : '',
    };
  },

  onPeriod,

  /** 本店 or 全部门店 (an operator's): `data-whole` says which. */
  onScope(event) {
    const whole = event.currentTarget.dataset.whole === 'yes';
    if (whole === this.data.whole) {
      return undefined;
    }
    this.setData({ whole });
    return this.load();
  },

  /** A tile tapped shows what its figure counts; tapped again, hides it. */
  onTile(event) {
    const { key } = event.currentTarget.dataset;
    const tile = this.data.dashboard.tiles.find((candidate) => candidate.key === key);
    const open = this.data.tip !== key;
    this.setData({ tip: open ? key : '', tipText: open && tile ? `${tile.label}：${tile.definition || '暂无说明'}` : '' });
  },

  onCampaign(event) {
    wx.navigateTo({
      url: screenUrl('campaigns/detail', { store: this.data.store, role: this.data.role, campaign: event.currentTarget.dataset.id }),
    });
  },

  /** 一键发起: the suggested card opens in the launch form, as 营销 opens a card, to confirm its terms and cost. */
  onLaunch(event) {
    wx.navigateTo({
      url: screenUrl('campaigns/launch', { store: this.data.store, role: this.data.role, type: event.currentTarget.dataset.type }),
    });
  },

  onAllCampaigns() {
    wx.navigateTo({ url: screenUrl('campaigns/home', { store: this.data.store, role: this.data.role }) });
  },
}));
