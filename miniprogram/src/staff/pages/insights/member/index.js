// A member's history for the owner: who (phone masked), their level and segment, visits with the dishes ordered
// (newest first) and the coupons they hold or held. The server records each look in the access audit.
const insights = require('../../../../services/insights');
const { historyView } = require('../../../utils/insights');
const { queryOf, readOnShow } = require('../../../utils/screens');

Page(readOnShow({
  data: { store: '', role: '', id: '', loading: true, error: '', history: null },

  onLoad(query) {
    const { store, role, member } = queryOf(query);
    this.setData({ store, role, id: member });
  },

  async read() {
    return { history: historyView(await insights.fetchMemberHistory(this.data.store, this.data.id, { quiet: true })) };
  },
}));
