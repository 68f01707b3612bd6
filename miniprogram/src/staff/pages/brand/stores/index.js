// The brand, for its franchise operator: every store with its code, a new store opened, its owner invited, and
// another operator invited (the server refuses all of it to anyone else).
const tenancy = require('../../../../services/tenancy');
const { modeName } = require('../../../../utils/labels');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

const MODES = [
  { value: 'pay_first', label: modeName('pay_first') },
  { value: 'eat_first', label: modeName('eat_first') },
];

Page(readOnShow({
  data: {
    tenant: '', loading: true, error: '', stores: [], modes: MODES,
    draft: { name: '', mode: 'pay_first' }, busy: '', problem: '', invite: null, inviteStore: '',
  },

  onLoad(query) {
    this.setData({ tenant: queryOf(query).tenant });
  },

  async read() {
    const { stores } = await tenancy.fetchTenantStores(this.data.tenant, { quiet: true });
    return { stores: stores.map((store) => this.shown(store)) };
  },

  shown(store) {
    return { id: store.id, name: store.name, code: store.code, modeName: modeName(store.ordering_mode) };
  },

  onName(event) {
    this.setData({ 'draft.name': event.detail.value });
  },

  onMode(event) {
    this.setData({ 'draft.mode': event.currentTarget.dataset.mode });
  },

  onCreate() {
    const name = this.data.draft.name.trim();
    if (!name) {
      this.setData({ problem: '请填写门店名称 / Enter the store\'s name' });
      return undefined;
    }
    return once(this, 'create', async () => {
      this.setData({ problem: '' });
      try {
        const store = await tenancy.dispatchCreateStore(this.data.tenant,
          { name, ordering_mode: this.data.draft.mode }, { quiet: true });
        this.setData({ stores: [...this.data.stores, this.shown(store)], draft: { name: '', mode: 'pay_first' } });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onInviteOwner(event) {
    const { id, name } = event.currentTarget.dataset;
    return this.invite({ role: 'owner', store_id: id }, name);
  },

  onInviteOperator() {
    return this.invite({ role: 'operator' }, '');
  },

  invite(body, storeName) {
    return once(this, 'invite', async () => {
      this.setData({ problem: '', invite: null });
      try {
        const invite = await tenancy.dispatchTenantInvite(this.data.tenant, body, { quiet: true });
        this.setData({ invite, inviteStore: storeName });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
}));
