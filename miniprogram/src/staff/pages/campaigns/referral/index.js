// 邀请有礼's settings, opened from its card on 营销: whether the programme runs, how many friends who join and pay earn
// the sharer's reward, how many friends of one sharer count at most, and the two coupons (the friend's welcome coupon,
// the sharer's reward), picked from the brand's coupon templates.
const campaigns = require('../../../../services/campaigns');
const loyalty = require('../../../../services/loyalty');
const { wholeOf } = require('../../../utils/loyalty');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

const NO_COUPON = '不发券';

/** The choices a coupon picker offers: no coupon, then each template by name. */
function choicesOf(templates) {
  return [{ id: null, name: NO_COUPON }, ...templates.map((template) => ({ id: template.id, name: template.name }))];
}

function indexOf(choices, id) {
  const found = choices.findIndex((choice) => choice.id === id);
  return found < 0 ? 0 : found;
}

Page(readOnShow({
  data: {
    store: '', loading: true, error: '', busy: '', problem: '',
    active: true, needed: '', cap: '', choices: [], names: [], friend: 0, sharer: 0,
  },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  async read() {
    const [settings, templates] = await Promise.all([
      campaigns.fetchReferralSettings(this.data.store, { quiet: true }),
      loyalty.fetchCouponTemplates(this.data.store, { quiet: true }),
    ]);
    const choices = choicesOf(templates);
    return {
      active: settings.active, needed: String(settings.needed), cap: String(settings.cap_per_sharer), choices,
      names: choices.map((choice) => choice.name), friend: indexOf(choices, settings.friend_template_id),
      sharer: indexOf(choices, settings.sharer_template_id), problem: '',
    };
  },

  onActive() {
    this.setData({ active: !this.data.active, problem: '' });
  },

  onInput(event) {
    this.setData({ [event.currentTarget.dataset.field]: event.detail.value, problem: '' });
  },

  onCoupon(event) {
    this.setData({ [event.currentTarget.dataset.field]: Number(event.detail.value), problem: '' });
  },

  onSave() {
    const needed = wholeOf(this.data.needed, 1, 100);
    if (!needed) {
      this.setData({ problem: '邀请几位好友得奖励：请填 1 到 100 的整数' });
      return undefined;
    }
    const cap = wholeOf(this.data.cap, 1, 1000);
    if (!cap || cap < needed) {
      this.setData({ problem: '每人最多计入的好友数：请填不少于奖励所需人数、不超过 1000 的整数' });
      return undefined;
    }
    const { choices } = this.data;
    return once(this, 'save', async () => {
      try {
        await campaigns.dispatchReferralSettings(this.data.store, {
          active: this.data.active, needed, cap_per_sharer: cap,
          friend_template_id: choices[this.data.friend].id, sharer_template_id: choices[this.data.sharer].id,
        }, { quiet: true });
        wx.showToast({ title: '邀请有礼已保存', icon: 'success' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
}));
