// 我的: the member card (visits, spend, average basket, first and last visit, favourite dishes, stores visited), the
// marketing consent in one tap, and the optional data to change (nickname, birthday, phone); the ways to the wallet
// (coupons, points, level, stored value), to my messages (with how many are unread), to 邀请有礼 and to 我的数据.
const membership = require('../../../services/membership');
const wallet = require('../../../services/wallet');
const inbox = require('../../../services/inbox');
const wechat = require('../../../services/wechat');
const { cardView } = require('../../../utils/members');
const { levelView } = require('../../../utils/coupons');
const { queryOf, once, readOnShow } = require('../../../utils/actions');

const WALLET_ENTRIES = [
  { page: 'coupons', label: '优惠券' },
  { page: 'points', label: '积分' },
  { page: 'level', label: '会员等级' },
  { page: 'stored-value', label: '储值' },
];

Page(readOnShow({
  data: {
    state: 'loading', failure: '', card: null, nickname: '', busy: '', problem: '', today: '', walletEntries: WALLET_ENTRIES,
    level: null, unread: 0,
  },

  onLoad(query) {
    this.store = queryOf(query).store;
    this.setData({ today: new Date().toISOString().slice(0, 10) });
  },

  async load() {
    this.setData({ state: this.data.card ? this.data.state : 'loading', failure: '' });
    try {
      const { member } = await membership.fetchMembership(this.store, { quiet: true });
      if (member) {
        this.show(member);
        this.showLevel();
        this.showUnread();
      } else {
        this.setData({ state: 'none', card: null });
      }
    } catch (error) {
      this.setData({ state: 'failed', failure: error.message });
    }
  },

  show(member) {
    const card = cardView(member);
    this.setData({ state: 'ready', card, nickname: card.nickname });
  },

  /** The member's level and how far the next one is: a courtesy on the card, left out when it cannot be read. */
  async showLevel() {
    try {
      this.setData({ level: levelView(await wallet.fetchLevel(this.store, { quiet: true })) });
    } catch (error) {
      this.setData({ level: null });
    }
  },

  /** How many of my messages are unread: a courtesy on the card, none shown when it cannot be read. */
  async showUnread() {
    try {
      this.setData({ unread: (await inbox.fetchMessages(this.store, { quiet: true })).unread });
    } catch (error) {
      this.setData({ unread: 0 });
    }
  },

  /** Marketing messages on or off, in one tap; the server's answer is what shows. */
  onMarketing() {
    return once(this, 'marketing', async () => {
      this.setData({ problem: '' });
      try {
        const { marketing } = await membership.dispatchMarketing(this.store, !this.data.card.marketing, { quiet: true });
        this.setData({ 'card.marketing': marketing });
        wx.showToast({ title: marketing ? '已开启优惠消息' : '已关闭优惠消息', icon: 'none' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onNickname(event) {
    this.setData({ nickname: event.detail.value });
  },

  onSaveNickname() {
    const nickname = this.data.nickname.trim();
    if (!nickname) {
      this.setData({ problem: '请填写昵称' });
      return undefined;
    }
    return this.update({ nickname });
  },

  onBirthday(event) {
    return this.update({ birthday: event.detail.value });
  },

  onPhone(event) {
    return once(this, 'phone', async () => {
      try {
        const code = await wechat.phoneNumberCode(event);
        await this.update({ phone_code: code });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  update(changes) {
    return once(this, 'update', async () => {
      this.setData({ problem: '' });
      try {
        this.show(await membership.dispatchUpdate(this.store, changes, { quiet: true }));
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onJoin() {
    wx.navigateTo({ url: `/pages/member/join/index?store=${this.store}` });
  },

  onWallet(event) {
    wx.navigateTo({ url: `/pages/wallet/${event.currentTarget.dataset.page}/index?store=${this.store}` });
  },

  onInbox() {
    wx.navigateTo({ url: `/pages/member/inbox/index?store=${this.store}` });
  },

  onReferral() {
    wx.navigateTo({ url: `/pages/member/referral/index?store=${this.store}` });
  },

  onMyData() {
    wx.navigateTo({ url: `/pages/member/data/index?store=${this.store}` });
  },
}));
