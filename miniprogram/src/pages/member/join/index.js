// "成为会员": the brand's privacy notice in full, consent to it (required), marketing messages as a consent of their
// own (off unless ticked), and optional nickname, birthday and phone (WeChat's phone button). Opened from an order
// (`store`, `table`) or from a staff member's join code (`j=<code>`, or a mini-program code's scene `j=<code>`), which
// names the store and credits that staff member, or from a member's share card (`store`, `ref=<signed token>`) or
// poster (scene `r=<code>`), which credits that member's referral.
const membership = require('../../../services/membership');
const wechat = require('../../../services/wechat');
const { queryOf, once } = require('../../../utils/actions');

/** The code named `key` a page query carries, whether as a parameter or in a mini-program code's scene. */
function codeOf(query, key) {
  if (query[key]) {
    return query[key];
  }
  const scene = new RegExp(`(?:^|&)${key}=([^&]+)`).exec(query.scene || '');
  return scene ? scene[1] : '';
}

Page({
  data: {
    state: 'loading', failure: '', storeName: '', notice: null, consent: false, marketing: false, nickname: '',
    birthday: '', phoneGiven: false, busy: '', problem: '', today: '',
  },

  onLoad(query) {
    const decoded = queryOf(query);
    this.target = {
      store: decoded.store || '',
      table: decoded.table || '',
      staffCode: codeOf(decoded, 'j'),
      referralCode: codeOf(decoded, 'r'),
      referral: decoded.ref || '',
    };
    this.phoneCode = '';
    this.setData({ today: new Date().toISOString().slice(0, 10) });
    this.load();
  },

  async load() {
    this.setData({ state: 'loading', failure: '' });
    try {
      if (this.target.staffCode && !this.target.store) {
        const resolved = await membership.fetchJoinCode(this.target.staffCode, { quiet: true });
        this.target.store = resolved.store_id;
        this.setData({ storeName: resolved.store_name });
      }
      if (this.target.referralCode && !this.target.store) {
        const resolved = await membership.fetchReferralCode(this.target.referralCode, { quiet: true });
        this.target.store = resolved.store_id;
        this.target.referral = resolved.referral_token;
        this.setData({ storeName: resolved.store_name });
      }
      if (!this.target.store) {
        this.setData({ state: 'failed', failure: '没有找到要加入的门店，请重新扫码' });
        return;
      }
      const { notice, member } = await membership.fetchMembership(this.target.store, { quiet: true });
      this.setData({ state: member ? 'member' : 'ready', notice });
    } catch (error) {
      this.setData({ state: 'failed', failure: error.message });
    }
  },

  onConsent() {
    this.setData({ consent: !this.data.consent });
  },

  onMarketing() {
    this.setData({ marketing: !this.data.marketing });
  },

  onNickname(event) {
    this.setData({ nickname: event.detail.value });
  },

  onBirthday(event) {
    this.setData({ birthday: event.detail.value });
  },

  /** WeChat's phone button answered: keep its one-time code for the join. */
  onPhone(event) {
    return once(this, 'phone', async () => {
      try {
        this.phoneCode = await wechat.phoneNumberCode(event);
        this.setData({ phoneGiven: true, problem: '' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onJoin() {
    if (!this.data.consent) {
      this.setData({ problem: '请先阅读并同意隐私政策' });
      return undefined;
    }
    return once(this, 'join', async () => {
      this.setData({ problem: '' });
      try {
        await membership.dispatchJoin(this.target.store, {
          noticeVersion: this.data.notice.version,
          marketing: this.data.marketing,
          nickname: this.data.nickname.trim(),
          birthday: this.data.birthday,
          phoneCode: this.phoneCode,
          tableId: this.target.table,
          staffCode: this.target.staffCode,
          referralToken: this.target.referral,
        }, { quiet: true });
        wx.showToast({ title: '欢迎成为会员', icon: 'success' });
        wx.redirectTo({ url: `/pages/member/card/index?store=${this.target.store}` });
      } catch (error) {
        // A phone code works once: after a refusal the diner gives the number again.
        this.phoneCode = '';
        this.setData({ problem: error.message, phoneGiven: false });
      }
    });
  },

  onCard() {
    wx.redirectTo({ url: `/pages/member/card/index?store=${this.target.store}` });
  },
});
