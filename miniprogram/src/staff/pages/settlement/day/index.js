// The owner's business day in money: gross, refunds and net, by way of payment, stored value sold, used and refunded,
// and what to look into (duplicate WeChat payments given back, and where our records and WeChat Pay's bill disagree).
const { fetchSettlement } = require('../../../../services/settlement');
const { formatFen } = require('../../../../utils/money');
const { queryOf, businessDay, readOnShow } = require('../../../utils/screens');

const METHOD_NAMES = { wechat: '微信支付', stored_value: '储值余额', cash: '现金', card: '银行卡', other: '其他' };

function view(settlement) {
  const byMethod = settlement.by_method || {};
  return {
    gross: formatFen(settlement.gross_fen),
    refunds: formatFen(settlement.refunds_fen),
    net: formatFen(settlement.net_fen),
    payments: settlement.payment_count,
    refundCount: settlement.refund_count,
    methods: Object.keys(METHOD_NAMES).filter((method) => byMethod[method]
      && (byMethod[method].payment_count || byMethod[method].refund_count)).map((method) => ({
      method,
      name: METHOD_NAMES[method],
      net: formatFen(byMethod[method].net_fen),
      payments: byMethod[method].payment_count,
      refunds: formatFen(byMethod[method].refunds_fen),
    })),
    duplicates: settlement.duplicate_payments && settlement.duplicate_payments.received_fen
      ? {
        received: formatFen(settlement.duplicate_payments.received_fen),
        refunded: formatFen(settlement.duplicate_payments.refunded_fen),
      }
      : null,
    storedValue: settlement.stored_value ? {
      sold: formatFen(settlement.stored_value.sold_fen),
      bonus: formatFen(settlement.stored_value.bonus_granted_fen),
      used: formatFen(settlement.stored_value.used_fen),
      refunded: formatFen(settlement.stored_value.refunded_fen),
    } : null,
    // How far WeChat Pay's bills were compared; until they are out (the next morning) the server says when they come.
    billState: settlement.wechat_bill.state,
    billMessage: settlement.wechat_bill.message,
    billMessageEn: settlement.wechat_bill.message_en,
    mismatches: (settlement.mismatches || []).length,
  };
}

Page(readOnShow({
  data: { store: '', date: '', today: '', loading: true, error: '', day: null },

  onLoad(query) {
    const today = businessDay();
    this.setData({ store: queryOf(query).store, date: queryOf(query).date || today, today });
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const settlement = await fetchSettlement(this.data.store, this.data.date, { quiet: true });
      this.setData({ loading: false, day: view(settlement) });
    } catch (error) {
      this.setData({ loading: false, error: error.message, day: null });
    }
  },

  onDate(event) {
    this.setData({ date: event.detail.value });
    return this.load();
  },
}));
