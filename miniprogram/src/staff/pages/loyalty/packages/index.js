// The owner's top-up packages ("充 500 送 50"): the list, a new one, and taking one off sale (balances already bought
// stay) or back on.
const loyalty = require('../../../../services/loyalty');
const { parseYuan } = require('../../../../utils/money');
const { packageView } = require('../../../../utils/coupons');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

const MAX_PRICE_FEN = 10000000; // ¥100,000: more is a typing slip, not a package

Page(readOnShow({
  data: { store: '', loading: true, error: '', packages: [], name: '', price: '', bonus: '', busy: '', problem: '' },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  async read() {
    return { packages: (await loyalty.fetchTopUpPackages(this.data.store, { quiet: true })).map(packageView) };
  },

  onInput(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail.value, problem: '' });
  },

  onCreate() {
    const name = this.data.name.trim();
    const priceFen = parseYuan(this.data.price);
    const bonusFen = this.data.bonus.trim() ? parseYuan(this.data.bonus) : 0;
    if (!name || name.length > 30) {
      this.setData({ problem: '请填写套餐名称（30 字以内）' });
      return undefined;
    }
    if (!priceFen || priceFen > MAX_PRICE_FEN) {
      this.setData({ problem: '充值金额请填 0.01 到 100000 元，例如 500' });
      return undefined;
    }
    if (bonusFen === null || bonusFen > priceFen) {
      this.setData({ problem: '赠送金额请填不超过充值金额的数，不赠送请留空' });
      return undefined;
    }
    return once(this, 'create', async () => {
      try {
        const created = await loyalty.dispatchCreateTopUpPackage(this.data.store, { name, priceFen, bonusFen }, { quiet: true });
        this.setData({ packages: [...this.data.packages, packageView(created)], name: '', price: '', bonus: '' });
        wx.showToast({ title: '已添加', icon: 'success' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onToggle(event) {
    const { id } = event.currentTarget.dataset;
    const shown = this.data.packages.find((item) => item.id === id);
    return once(this, `toggle-${id}`, async () => {
      try {
        const saved = await loyalty.dispatchUpdateTopUpPackage(this.data.store, id, { active: !shown.active }, { quiet: true });
        this.setData({ packages: this.data.packages.map((item) => (item.id === id ? packageView(saved) : item)) });
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },
}));
