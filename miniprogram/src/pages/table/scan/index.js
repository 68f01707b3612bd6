// Opened without a table code (from the mini-program list, say): the diner scans the table's code here.
const wechat = require('../../../services/wechat');
const { tableMenuUrl } = require('../../../utils/routes');

Page({
  data: { error: '' },

  async onScan() {
    this.setData({ error: '' });
    try {
      const code = await wechat.scanCode();
      wx.navigateTo({ url: tableMenuUrl(code) });
    } catch (error) {
      if (error.code !== 'scan_cancelled') {
        this.setData({ error: error.message });
      }
    }
  },

  onStaff() {
    wx.navigateTo({ url: '/staff/pages/stores/list/index' });
  },
});
