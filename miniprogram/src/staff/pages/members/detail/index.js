// A member's history for staff: the card (phone masked), recent visits, the consent ledger and every access to the
// data. Owners may reveal the whole number, for a reason written to the audit log with who asked.
const membership = require('../../../../services/membership');
const { cardView, historyView } = require('../../../../utils/members');
const { queryOf, once } = require('../../../utils/screens');

const MANAGERS = ['owner', 'operator'];

Page({
  data: {
    store: '', member: '', mayReveal: false, loading: true, error: '', card: null, history: null, reason: '',
    revealed: '', busy: '', problem: '',
  },

  onLoad(query) {
    const { store, role, member } = queryOf(query);
    this.setData({ store, member, mayReveal: MANAGERS.includes(role) });
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const member = await membership.fetchMember(this.data.store, this.data.member, { quiet: true });
      this.setData({ loading: false, card: cardView(member), history: historyView(member) });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onReason(event) {
    this.setData({ reason: event.detail.value });
  },

  onReveal() {
    const reason = this.data.reason.trim();
    if (reason.length < 2) {
      this.setData({ problem: '请写明查看完整手机号的原因（至少 2 个字）' });
      return undefined;
    }
    return once(this, 'reveal', async () => {
      this.setData({ problem: '' });
      try {
        const { phone, country_code: country } = await membership.dispatchRevealPhone(this.data.store, this.data.member,
          reason, { quiet: true });
        this.setData({ revealed: country && country !== '86' ? `+${country} ${phone}` : phone, reason: '' });
        // The reveal is now in the member's access history.
        const member = await membership.fetchMember(this.data.store, this.data.member, { quiet: true });
        this.setData({ history: historyView(member) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },
});
