// Opened from a staff invite's mini-program code (scene `i=<token>`) or its link (`…/i/<token>`): the person signs in
// and takes the role the invite offers.
const identity = require('../../../../services/identity');
const { roleName } = require('../../../../utils/labels');

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** The invite token a page query carries: scene "i=<token>", a link ending in /i/<token>, or token=<token>. */
function inviteTokenOf(query = {}) {
  const scene = query.scene ? decodeURIComponent(query.scene) : '';
  const link = query.q ? decodeURIComponent(query.q) : '';
  const candidates = [
    (/^i=(.+)$/.exec(scene) || [])[1],
    (/\/i\/([^/?#]+)/.exec(link) || [])[1],
    query.token,
  ];
  return candidates.find((candidate) => candidate && TOKEN.test(candidate)) || '';
}

Page({
  data: { token: '', busy: false, error: '', accepted: '' },

  onLoad(query) {
    this.setData({ token: inviteTokenOf(query) });
  },

  async onAccept() {
    if (this.data.busy) {
      return;
    }
    this.setData({ busy: true, error: '' });
    try {
      const grant = await identity.dispatchAcceptInvite(this.data.token, { quiet: true });
      this.setData({ busy: false, accepted: roleName(grant.role) });
    } catch (error) {
      this.setData({ busy: false, error: error.message });
    }
  },

  onStores() {
    wx.redirectTo({ url: '/staff/pages/stores/list/index' });
  },

  onHome() {
    wx.reLaunch({ url: '/pages/table/scan/index' });
  },
});
