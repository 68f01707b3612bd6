// A campaign card's launch with changes: the offer (threshold, amount off, validity days), the audience's
// parameters (the win-back's days since the last visit, the least average basket…), a budget and a start time. The
// launch keeps one idempotency key until it is answered: a retry after a lost answer launches the same campaign.
const api = require('../../../../services/request');
const campaigns = require('../../../../services/campaigns');
const { cardView, formOf, launchOf, campaignView } = require('../../../utils/campaigns');
const { queryOf, once } = require('../../../utils/screens');

Page({
  data: {
    store: '', role: '', type: '', loading: true, error: '', card: null, form: null, problem: '', launched: null,
    busy: '', today: '',
  },

  onLoad(query) {
    const { store, role, type } = queryOf(query);
    this.setData({ store, role, type, today: new Date().toISOString().slice(0, 10) });
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const cards = await campaigns.fetchCards(this.data.store, { quiet: true });
      this.card = cards.find((card) => card.type === this.data.type);
      if (!this.card) {
        this.setData({ loading: false, error: '这个活动现在没有可推荐的方案，请返回营销页重新选择' });
        return;
      }
      this.setData({ loading: false, card: cardView(this.card), form: formOf(this.card) });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  /** A typed field: `data-field` names it. */
  onInput(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, problem: '' });
  },

  /** A typed audience parameter: `data-index` is its place in the form. */
  onParam(event) {
    this.setData({ [`form.params[${event.currentTarget.dataset.index}].value`]: event.detail.value, problem: '' });
  },

  onPick(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, problem: '' });
  },

  onClearStart() {
    this.setData({ 'form.startDate': '', 'form.startTime': '' });
  },

  onLaunch() {
    const { launch, problem } = launchOf(this.data.form, this.card);
    if (problem) {
      this.setData({ problem });
      return undefined;
    }
    return once(this, 'launch', async () => {
      this.key = this.key || api.newIdempotencyKey();
      this.setData({ problem: '' });
      try {
        const campaign = await campaigns.dispatchLaunch(this.data.store, { ...launch, idempotencyKey: this.key },
          { quiet: true });
        this.key = null;
        this.setData({ launched: campaignView(campaign) });
      } catch (error) {
        if (error.code !== 'network' && error.code !== 'timeout') {
          // Refused, not lost: what the owner changes next is a launch of its own.
          this.key = null;
        }
        this.setData({ problem: error.message });
      }
    });
  },

  onBack() {
    wx.navigateBack();
  },
});
