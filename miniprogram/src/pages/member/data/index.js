// 我的数据: everything the restaurant holds about me (the export, shown whole, to copy or send on as a file), and
// leaving the membership: asked twice in plain words, then my personal data is erased, my sessions end, and the app
// starts over.
const membership = require('../../../services/membership');
const wechat = require('../../../services/wechat');
const { queryOf, once } = require('../../../utils/actions');

function confirm(title, content, confirmText) {
  return new Promise((resolve) => {
    wx.showModal({
      title, content, confirmText, confirmColor: '#d54941', cancelText: '取消',
      success: (answer) => resolve(!!answer.confirm),
      fail: () => resolve(false),
    });
  });
}

Page({
  data: { state: 'loading', failure: '', exported: '', busy: '', problem: '' },

  onLoad(query) {
    this.store = queryOf(query).store;
    this.load();
  },

  async load() {
    this.setData({ state: 'loading', failure: '' });
    try {
      const data = await membership.fetchMyData(this.store, { quiet: true });
      this.setData({ state: 'ready', exported: JSON.stringify(data, null, 2) });
    } catch (error) {
      this.setData({ state: 'failed', failure: error.message });
    }
  },

  onCopy() {
    wx.setClipboardData({ data: this.data.exported });
  },

  /** The export as a JSON file, sent to a chat (WeChat's way of keeping a file). */
  onDownload() {
    return once(this, 'download', async () => {
      this.setData({ problem: '' });
      try {
        const file = await membership.downloadMyData(this.store, { quiet: true });
        await wechat.shareFile(file, '我的会员数据.json');
      } catch (error) {
        if (error.code !== 'share_cancelled') {
          this.setData({ problem: error.message });
        }
      }
    });
  },

  onLeave() {
    return once(this, 'leave', async () => {
      const sure = await confirm('注销会员',
        '注销后，你的手机号、昵称、生日和会员记录将被删除且无法恢复；订单仅作为门店账目保留，不再关联到你。确定注销吗？',
        '确定注销');
      if (!sure) {
        return;
      }
      this.setData({ problem: '' });
      try {
        await membership.dispatchLeave(this.store, { quiet: true });
        wx.showToast({ title: '已注销会员', icon: 'none' });
        wx.reLaunch({ url: '/pages/table/scan/index' });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
});
