// The owner's coupon templates: each with its value, validity, how many were issued and redeemed and the stock left to
// issue, its claim code (to copy and hand on) when diners may claim it; a new one, editing one, and turning one off
// (no more issued; coupons already issued stay valid) or on again.
const loyalty = require('../../../../services/loyalty');
const { templateRow } = require('../../../utils/loyalty');
const { screenUrl, queryOf, once, readOnShow } = require('../../../utils/screens');

Page(readOnShow({
  data: { store: '', role: '', loading: true, error: '', templates: [], busy: '' },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.setData({ store, role });
  },

  async read() {
    const templates = await loyalty.fetchCouponTemplates(this.data.store, { quiet: true });
    return { templates: templates.map((template) => templateRow(template, this.data.store)) };
  },

  onNew() {
    wx.navigateTo({ url: screenUrl('loyalty/coupon', { store: this.data.store, role: this.data.role }) });
  },

  onEdit(event) {
    wx.navigateTo({
      url: screenUrl('loyalty/coupon', { store: this.data.store, role: this.data.role, template: event.currentTarget.dataset.id }),
    });
  },

  onToggle(event) {
    const { id } = event.currentTarget.dataset;
    const shown = this.data.templates.find((template) => template.id === id);
    return once(this, `toggle-${id}`, async () => {
      try {
        const template = await loyalty.dispatchUpdateCouponTemplate(this.data.store, id, { active: !shown.active },
          { quiet: true });
        this.setData({
          templates: this.data.templates.map((row) => (row.id === id ? templateRow(template, this.data.store) : row)),
        });
        wx.showToast({ title: template.active ? '已启用' : '已停用', icon: 'none' });
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },

  onCopyClaim(event) {
    const { code, path } = event.currentTarget.dataset;
    wx.setClipboardData({ data: `优惠券兑换码 ${code}，在小程序 ${path} 领取` });
  },
}));
