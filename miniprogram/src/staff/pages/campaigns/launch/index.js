// A campaign card's launch with changes: the offer (threshold, amount off, validity days), the audience's
// parameters (the win-back's days since the last visit, the least average basket…), a budget and a start time. The
// launch keeps one idempotency key until it is answered: a retry after a lost answer launches the same campaign.
// An operator also picks the brand's stores whose members it reaches (this store to begin with); an owner's campaign
// reaches their store's members.
const api = require('../../../../services/request');
const campaigns = require('../../../../services/campaigns');
const tenancy = require('../../../../services/tenancy');
const { cardView, formOf, launchOf, campaignView } = require('../../../utils/campaigns');
const { queryOf, once } = require('../../../utils/screens');

Page({
  data: {
    store: '', role: '', tenant: '', type: '', loading: true, error: '', card: null, form: null, problem: '',
    launched: null, busy: '', today: '', stores: [],
  },

  onLoad(query) {
    const { store, role, tenant, type } = queryOf(query);
    this.setData({ store, role, tenant: tenant || '', type, today: new Date().toISOString().slice(0, 10) });
    this.load();
  },

  /** The stores an operator picks from: the tenant's, this one picked. */
  async loadStores() {
    if (this.data.role !== 'operator' || !this.data.tenant) {
      return;
    }
    const { stores } = await tenancy.fetchTenantStores(this.data.tenant, { quiet: true });
    this.setData({
      stores: stores.map((store) => ({ id: store.id, name: store.name, picked: store.id === this.data.store })),
    });
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      await this.loadStores();
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

  /** The stores ticked in the picker: `detail.value` is their ids. */
  onStores(event) {
    const picked = event.detail.value;
    this.setData({
      stores: this.data.stores.map((store) => ({ ...store, picked: picked.includes(store.id) })),
      problem: '',
    });
  },

  onClearStart() {
    this.setData({ 'form.startDate': '', 'form.startTime': '' });
  },

  onLaunch() {
    const { launch, problem } = launchOf(this.data.form, this.card);
    const storeIds = this.data.stores.filter((store) => store.picked).map((store) => store.id);
    if (problem || (this.data.stores.length && !storeIds.length)) {
      this.setData({ problem: problem || '请至少选择一家门店' });
      return undefined;
    }
    return once(this, 'launch', async () => {
      this.key = this.key || api.newIdempotencyKey();
      this.setData({ problem: '' });
      try {
        const campaign = await campaigns.dispatchLaunch(this.data.store, {
          ...launch, storeIds: storeIds.length ? storeIds : undefined, idempotencyKey: this.key,
        }, { quiet: true });
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
