// My join code: the mini-program code diners scan to join through me (and its link to send in WeChat), and how many
// new members I recruited today ("你今天招募了 N 位新会员").
const membership = require('../../../../services/membership');
const { queryOf, once } = require('../../../utils/screens');

Page({
  data: {
    store: '', loading: true, error: '', code: '', path: '', message: '', count: 0, image: '', imageError: '', busy: '',
  },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  onShow() {
    this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: !this.data.code, error: '' });
    try {
      const [code, recruits] = await Promise.all([
        membership.fetchMyJoinCode(this.data.store, { quiet: true }),
        membership.fetchMyRecruitsToday(this.data.store, { quiet: true }),
      ]);
      this.setData({ loading: false, code: code.code, path: code.path, message: recruits.message, count: recruits.count });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
      return;
    }
    if (!this.data.image) {
      this.loadImage();
    }
  },

  /** The picture is fetched with the session, as a file; a failure leaves the code and its link usable. */
  loadImage() {
    return once(this, 'image', async () => {
      this.setData({ imageError: '' });
      try {
        this.setData({ image: await membership.downloadMyJoinCodeImage(this.data.store, { quiet: true }) });
      } catch (error) {
        this.setData({ imageError: error.message });
      }
    });
  },

  onPreview() {
    wx.previewImage({ urls: [this.data.image] });
  },

  onCopyPath() {
    wx.setClipboardData({ data: this.data.path });
  },
});
