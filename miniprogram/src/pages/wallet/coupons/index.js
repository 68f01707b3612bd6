// 我的优惠券: my coupons by state (可用 / 已使用 / 已过期), each with its value, scope and validity, and claiming one by
// its code — typed in, or carried by the link or mini-program code that opened the page (`code=<code>`, or the scene
// `c=<code>`), which is claimed once, as the page opens, with the result shown.
const wallet = require('../../../services/wallet');
const { couponView } = require('../../../utils/coupons');
const { queryOf, once } = require('../../../utils/actions');

const STATES = [
  { value: 'available', label: '可用' },
  { value: 'used', label: '已使用' },
  { value: 'expired', label: '已过期' },
];
const CODE = /^[A-Za-z0-9]{4,16}$/;

/** The claim code a page query carries, in `code` or in a mini-program code's scene `c=<code>`. */
function claimCodeOf(query) {
  if (query.code) {
    return query.code;
  }
  const scene = /(?:^|&)c=([^&]+)/.exec(query.scene || '');
  return scene ? scene[1] : '';
}

Page({
  data: {
    states: STATES, state: 'available', loading: true, error: '', coupons: [], code: '', busy: '', problem: '',
    joinOffered: false, claimed: null,
  },

  onLoad(query) {
    const decoded = queryOf(query);
    this.store = decoded.store;
    this.linkCode = claimCodeOf(decoded);
  },

  async onShow() {
    if (!this.store) {
      // A code without its store (a scene alone) cannot be claimed anywhere: the store's own link names both.
      this.setData({ loading: false, error: '没有找到门店，请从门店的领取链接重新打开' });
      return undefined;
    }
    if (this.linkCode) {
      // A link's code is claimed once: coming back to the page does not claim it again.
      const code = this.linkCode;
      this.linkCode = '';
      await this.claim(code);
    }
    return this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const { items } = await wallet.fetchCoupons(this.store, this.data.state, { quiet: true });
      this.setData({ loading: false, coupons: items.map(couponView) });
    } catch (error) {
      this.setData({ loading: false, error: error.message, joinOffered: error.code === 'not_a_member' });
    }
  },

  onState(event) {
    this.setData({ state: event.currentTarget.dataset.state, coupons: [] });
    return this.load();
  },

  onCode(event) {
    this.setData({ code: event.detail.value });
  },

  onClaim() {
    const code = this.data.code.trim();
    if (!CODE.test(code)) {
      this.setData({ problem: '请输入优惠券兑换码' });
      return undefined;
    }
    return this.claim(code).then((claimed) => (claimed && this.data.state === 'available' ? this.load() : undefined));
  },

  /** Claims the coupon of `code`; shows what came of it and answers whether it is now mine. */
  claim(code) {
    return once(this, 'claim', async () => {
      this.setData({ problem: '', claimed: null, joinOffered: false });
      try {
        const coupon = await wallet.dispatchClaim(this.store, code, { quiet: true });
        this.setData({ claimed: couponView(coupon), code: '' });
        return true;
      } catch (error) {
        this.setData({ problem: error.message, joinOffered: error.code === 'not_a_member' });
        return false;
      }
    });
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },
});
