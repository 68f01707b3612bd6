// Who works at the store, for its owner (and the tenant's operators): invite someone, hand on the invite's link, and
// remove someone (their roles here end and they are signed out at once).
const staff = require('../../../../services/staff');
const api = require('../../../../services/request');
const { roleName } = require('../../../../utils/labels');
const { queryOf, once } = require('../../../utils/screens');

function day(instant) {
  return String(instant || '').slice(0, 10);
}

Page({
  data: {
    store: '', role: '', loading: true, error: '', members: [], invite: null, inviteRoles: [], busy: '', problem: '',
  },

  onLoad(query) {
    const { store, role } = queryOf(query);
    // Owners invite staff; operators may also invite an owner.
    const inviteRoles = (role === 'operator' ? ['staff', 'owner'] : ['staff'])
      .map((value) => ({ value, label: `邀请${roleName(value)}` }));
    this.setData({ store, role, inviteRoles });
  },

  onShow() {
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const members = await staff.fetchStaff(this.data.store, { quiet: true });
      const session = api.session();
      const me = session && session.user ? session.user.id : '';
      this.setData({
        loading: false,
        members: members.map((member) => ({
          id: member.user_id,
          key: `${member.user_id}-${member.role}`,
          shortId: member.user_id.slice(0, 8),
          roleName: roleName(member.role),
          since: day(member.since),
          me: member.user_id === me,
          removable: member.user_id !== me && member.role !== 'operator',
        })),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onInvite(event) {
    const { role } = event.currentTarget.dataset;
    return once(this, 'invite', async () => {
      this.setData({ problem: '' });
      try {
        this.setData({ invite: await staff.dispatchInvite(this.data.store, role, { quiet: true }) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onRemove(event) {
    const { id, short } = event.currentTarget.dataset;
    return once(this, `remove-${id}`, async () => {
      const confirmed = await new Promise((resolve) => {
        wx.showModal({
          title: '移除员工',
          content: `移除 ${short} 后，对方会立即退出登录，不能再处理本店订单。`,
          confirmText: '移除',
          success: (answer) => resolve(!!answer.confirm),
          fail: () => resolve(false),
        });
      });
      if (!confirmed) {
        return;
      }
      try {
        await staff.dispatchRemoveStaff(this.data.store, id, { quiet: true });
        this.setData({ members: this.data.members.filter((member) => member.id !== id) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
});
