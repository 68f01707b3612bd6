// The brand's members, newest first, phones masked, a page at a time; a search by the whole phone number (sent in the
// body, never in an address); a member opens their history.
const membership = require('../../../../services/membership');
const { cardView } = require('../../../../utils/members');
const { screenUrl, queryOf, once } = require('../../../utils/screens');

const PAGE_SIZE = 20;

function rowOf(member) {
  const card = cardView(member);
  return {
    id: card.id, name: card.nickname || `会员 ${card.shortId}`, phone: card.phone || '未留手机号', joined: card.joined,
    visits: card.visits, spend: card.totalSpend,
  };
}

Page({
  data: {
    store: '', role: '', loading: true, error: '', members: [], next: null, phone: '', searching: false, busy: '',
    problem: '',
  },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.setData({ store, role });
    this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '', searching: false, problem: '' });
    try {
      const page = await membership.fetchMembers(this.data.store, { limit: PAGE_SIZE }, { quiet: true });
      this.setData({ loading: false, members: page.members.map(rowOf), next: page.next || null });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onMore() {
    return once(this, 'more', async () => {
      try {
        const page = await membership.fetchMembers(this.data.store, { after: this.data.next, limit: PAGE_SIZE },
          { quiet: true });
        this.setData({ members: [...this.data.members, ...page.members.map(rowOf)], next: page.next || null });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onPhone(event) {
    this.setData({ phone: event.detail.value });
  },

  onSearch() {
    const phone = this.data.phone.replace(/\s+/g, '');
    if (!/^[0-9]{5,15}$/.test(phone)) {
      this.setData({ problem: '请输入完整的手机号' });
      return undefined;
    }
    return once(this, 'search', async () => {
      this.setData({ problem: '' });
      try {
        const found = await membership.searchByPhone(this.data.store, phone, { quiet: true });
        this.setData({ searching: true, members: found.map(rowOf), next: null });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onClear() {
    this.setData({ phone: '' });
    return this.load();
  },

  onMember(event) {
    wx.navigateTo({
      url: screenUrl('members/detail', { store: this.data.store, role: this.data.role, member: event.currentTarget.dataset.id }),
    });
  },
});
