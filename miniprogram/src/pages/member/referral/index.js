// 邀请有礼: how far I am from the reward ("还差 2 位好友"), the friends who joined through me and whether they have had
// their first order, my share card (its path carries my signed token) and my poster with the mini-program code.
const referral = require('../../../services/referral');
const { referralView } = require('../../../utils/messages');
const { queryOf, once, readOnShow } = require('../../../utils/actions');

Page(readOnShow({
  data: { loading: true, error: '', view: null, poster: '', posterError: '', busy: '' },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  async load() {
    this.setData({ loading: !this.data.view, error: '' });
    try {
      this.answer = await referral.fetchReferral(this.store, { quiet: true });
      this.setData({ loading: false, view: referralView(this.answer) });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
      return;
    }
    if (!this.data.poster) {
      this.loadPoster();
    }
  },

  /** The poster is fetched with the session, as a file; a failure leaves the share card usable. */
  loadPoster() {
    return once(this, 'poster', async () => {
      this.setData({ posterError: '' });
      try {
        this.setData({ poster: await referral.downloadPoster(this.store, { quiet: true }) });
      } catch (error) {
        this.setData({ posterError: error.message });
      }
    });
  },

  /** Shown whole, from where WeChat lets the diner save or send it. */
  onPoster() {
    wx.previewImage({ urls: [this.data.poster] });
  },

  /** The share card: the server's title and the path that carries my signed token. */
  onShareAppMessage() {
    return { title: this.answer.share_title, path: this.answer.share_path };
  },
}));
