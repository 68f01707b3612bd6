// A campaign's result card: reached, coupons issued and redeemed, the orders and revenue they brought, the cost
// (coupons redeemed and messages sent) and the return on it in yuan, and visits in the window labelled as such; and
// pausing, resuming or stopping it (stopping asks first: a stopped campaign cannot start again).
const campaigns = require('../../../../services/campaigns');
const { campaignView } = require('../../../utils/campaigns');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

function confirmStop() {
  return new Promise((resolve) => {
    wx.showModal({
      title: '停止活动',
      content: '停止后不再发券和发消息，已发出的券仍然有效。停止后不能重新开始。',
      confirmText: '停止',
      cancelText: '取消',
      success: (answer) => resolve(!!answer.confirm),
      fail: () => resolve(false),
    });
  });
}

Page(readOnShow({
  data: { store: '', role: '', id: '', loading: true, error: '', campaign: null, busy: '' },

  onLoad(query) {
    const { store, role, campaign } = queryOf(query);
    this.setData({ store, role, id: campaign });
  },

  async read() {
    return { campaign: campaignView(await campaigns.fetchCampaign(this.data.store, this.data.id, { quiet: true })) };
  },

  onAction(event) {
    const { action } = event.currentTarget.dataset;
    return once(this, action, async () => {
      if (action === 'stop' && !(await confirmStop())) {
        return;
      }
      try {
        const campaign = await campaigns.dispatchAction(this.data.store, this.data.id, action, { quiet: true });
        this.setData({ campaign: campaignView(campaign) });
        wx.showToast({ title: `活动${campaignView(campaign).statusName}`, icon: 'none' });
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },
}));
