// 消息: my messages at this brand, newest first, the unread marked. Opening one shows it whole and marks it read; a
// message that brought a coupon leads to my coupons.
const inbox = require('../../../services/inbox');
const { messageView } = require('../../../utils/messages');
const { queryOf, readOnShow } = require('../../../utils/actions');

Page(readOnShow({
  data: { loading: true, error: '', messages: [], unread: 0, opened: '' },

  onLoad(query) {
    this.store = queryOf(query).store;
  },

  async load() {
    this.setData({ loading: !this.data.messages.length, error: '' });
    try {
      const { items, unread } = await inbox.fetchMessages(this.store, { quiet: true });
      this.setData({ loading: false, messages: items.map(messageView), unread });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  /** Opens (or closes) a message; an unread one is marked read, on the server first. */
  async onOpen(event) {
    const { id } = event.currentTarget.dataset;
    this.setData({ opened: this.data.opened === id ? '' : id });
    const index = this.data.messages.findIndex((message) => message.id === id);
    if (index < 0 || this.data.messages[index].read) {
      return;
    }
    try {
      await inbox.dispatchRead(this.store, id, { quiet: true });
      this.setData({ [`messages[${index}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
    } catch (error) {
      // Still unread on the server: it stays marked so, and is marked read when opened again.
    }
  },

  onCoupons() {
    wx.navigateTo({ url: `/pages/wallet/coupons/index?store=${this.store}` });
  },
}));
