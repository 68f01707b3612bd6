// 营销: the campaign cards computed from this store's data, ranked by expected return (who each would reach, what it
// offers, what it would cost, what members would see), launched in one tap or after changing the offer; below them the
// campaigns running and finished, each with its status and what it brought back. The referral programme is a card too
// (it is not launched: its tap opens its settings), and the automatic expiry reminders show what they did this week,
// with their switch.
const api = require('../../../../services/request');
const campaigns = require('../../../../services/campaigns');
const { cardView, campaignView, withoutNulls } = require('../../../utils/campaigns');
const { screenUrl, queryOf, once, readOnShow } = require('../../../utils/screens');

Page(readOnShow({
  data: { store: '', role: '', tenant: '', loading: true, error: '', cards: [], campaigns: [], reminders: null, busy: '' },

  onLoad(query) {
    const { store, role, tenant } = queryOf(query);
    this.setData({ store, role, tenant: tenant || '' });
    // One key per card type, kept until its launch is answered: a retry after a lost answer launches nothing more.
    this.keys = {};
  },

  async read() {
    const [cards, launched, reminders] = await Promise.all([
      campaigns.fetchCards(this.data.store, { quiet: true }),
      campaigns.fetchCampaigns(this.data.store, { quiet: true }),
      campaigns.fetchExpiryReminders(this.data.store, { quiet: true }),
    ]);
    this.cards = cards;
    return { cards: cards.map(cardView), campaigns: launched.map(campaignView), reminders };
  },

  /** 一键发起: the card as shown (its offer and audience), after the owner confirms what it will cost. */
  onLaunch(event) {
    const { type } = event.currentTarget.dataset;
    const card = this.cards.find((candidate) => candidate.type === type);
    const shown = this.data.cards.find((candidate) => candidate.type === type);
    return once(this, `launch-${type}`, async () => {
      if (!(await this.confirm(shown))) {
        return;
      }
      this.keys[type] = this.keys[type] || api.newIdempotencyKey();
      try {
        await campaigns.dispatchLaunch(this.data.store, {
          type, offer: withoutNulls(card.offer), params: card.params, idempotencyKey: this.keys[type],
        }, { quiet: true });
        delete this.keys[type];
        wx.showToast({ title: '活动已发起', icon: 'success' });
        await this.load();
      } catch (error) {
        if (error.code !== 'network' && error.code !== 'timeout') {
          // Refused, not lost: the next tap is a launch of its own.
          delete this.keys[type];
        }
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },

  confirm(card) {
    return new Promise((resolve) => {
      wx.showModal({
        title: `发起「${card.title}」`,
        content: `${card.audience}\n${card.offer}\n预计花费 ${card.cost}`,
        confirmText: '发起',
        cancelText: '再想想',
        success: (answer) => resolve(!!answer.confirm),
        fail: () => resolve(false),
      });
    });
  },

  /** Switches the expiry reminders off or on. */
  onReminders() {
    const active = !this.data.reminders.active;
    return once(this, 'reminders', async () => {
      try {
        const reminders = await campaigns.dispatchExpiryReminders(this.data.store, active, { quiet: true });
        this.setData({ reminders });
        wx.showToast({ title: active ? '到期提醒已开启' : '到期提醒已关闭', icon: 'success' });
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },

  onReferralSettings() {
    wx.navigateTo({ url: screenUrl('campaigns/referral', { store: this.data.store, role: this.data.role }) });
  },

  onAdjust(event) {
    wx.navigateTo({
      url: screenUrl('campaigns/launch', {
        store: this.data.store, role: this.data.role, tenant: this.data.tenant, type: event.currentTarget.dataset.type,
      }),
    });
  },

  onCampaign(event) {
    wx.navigateTo({
      url: screenUrl('campaigns/detail', { store: this.data.store, role: this.data.role, campaign: event.currentTarget.dataset.id }),
    });
  },
}));
