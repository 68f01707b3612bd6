// A new invite as it is handed on: whom it makes what, until when, its one-time link and a button that copies it.
const { roleName } = require('../../../utils/labels');

Component({
  properties: {
    invite: { type: Object, value: null },
    storeName: { type: String, value: '' },
  },

  data: { shown: null },

  observers: {
    'invite, storeName': function show(invite, storeName) {
      this.setData({
        shown: invite ? {
          roleName: roleName(invite.role),
          where: storeName ? `（${storeName}）` : '',
          expires: String(invite.expires_at || '').slice(0, 10),
          link: invite.link,
        } : null,
      });
    },
  },

  methods: {
    onCopy() {
      wx.setClipboardData({ data: this.data.shown.link });
    },
  },
});
