// The kitchen: the store's orders live (new ones arrive, hurried ones are marked), accept or reject them, serve them
// dish by dish, read a ticket for the printer, and start a refund. Orders finished here stay listed until the page
// is left, so a refund can still be started from them.
const kitchen = require('../../../../services/kitchen');
const tenancy = require('../../../../services/tenancy');
const { mayRefund } = require('../../../../services/refunds');
const { formatFen } = require('../../../../utils/money');
const { screenUrl, queryOf, once } = require('../../../utils/screens');

const STATUS_NAMES = {
  awaiting_payment: '待付款', placed: '新订单', accepted: '制作中', served: '已上齐', rejected: '已拒单', cancelled: '已取消',
};
const WORKING = ['placed', 'accepted'];
const REJECT_REASONS = ['食材不足', '暂停接单', '无法制作'];

function clock(instant) {
  const at = new Date(instant);
  const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
  return Number.isNaN(at.getTime()) ? '' : `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

Page({
  data: {
    store: '', role: '', loading: true, error: '', connected: false, working: [], finished: [],
    rejecting: '', reason: '', reasons: REJECT_REASONS, ticket: null, busy: '', canRefund: false,
  },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.orders = new Map();
    this.tableNames = {};
    this.setData({ store, role });
  },

  onShow() {
    this.load();
  },

  onHide() {
    this.stopWatching();
  },

  onUnload() {
    this.stopWatching();
  },

  async onPullDownRefresh() {
    await this.refresh();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const [store, tables] = await Promise.all([
        tenancy.fetchStore(this.data.store, { quiet: true }),
        tenancy.fetchTables(this.data.store, { quiet: true }),
      ]);
      tables.forEach((table) => {
        this.tableNames[table.id] = table.name || table.code;
      });
      this.setData({ canRefund: mayRefund(this.data.role, store) });
      await this.refresh();
      this.setData({ loading: false });
      this.watch();
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  /** Reads the open orders again over HTTP (on opening, and after the feed was down). */
  async refresh() {
    const orders = await kitchen.fetchKitchenOrders(this.data.store, { quiet: true });
    this.replaceWorking(orders);
  },

  watch() {
    if (this.feed) {
      return;
    }
    this.feed = kitchen.watchKitchen(this.data.store, {
      onOrders: (orders) => this.replaceWorking(orders),
      onOrder: (type, order) => this.put(order, type === 'order_hurried'),
      onResync: () => this.refresh().catch((error) => this.setData({ error: error.message })),
      onStatus: (connected) => this.setData({ connected }),
    });
  },

  stopWatching() {
    if (this.feed) {
      this.feed.close();
      this.feed = null;
    }
  },

  /** The server's open orders replace the working ones; orders finished here stay. */
  replaceWorking(orders) {
    [...this.orders.values()].filter((order) => WORKING.includes(order.status))
      .forEach((order) => this.orders.delete(order.id));
    orders.forEach((order) => this.orders.set(order.id, order));
    this.render();
  },

  put(order, hurried = false) {
    const hurriedNow = hurried || !!order.hurried_at;
    this.orders.set(order.id, { ...order, hurried_now: hurriedNow });
    this.render();
  },

  render() {
    const view = (order) => ({
      id: order.id,
      number: order.number,
      status: order.status,
      statusName: STATUS_NAMES[order.status] || order.status,
      table: this.tableNames[order.table_id] || '',
      total: formatFen(order.total_fen),
      totalFen: order.total_fen,
      at: clock(order.placed_at),
      hurried: WORKING.includes(order.status) && !!(order.hurried_now || order.hurried_at),
      headCount: order.head_count,
      notes: order.notes || '',
      endReason: order.end_reason || '',
      items: (order.items || []).map((item) => ({
        id: item.id,
        name: item.dish_name,
        choices: (item.choices || []).join('、'),
        quantity: item.quantity,
        served: !!item.served,
      })),
    });
    const all = [...this.orders.values()].sort((a, b) => String(a.placed_at).localeCompare(String(b.placed_at)));
    this.setData({
      working: all.filter((order) => WORKING.includes(order.status)).map(view),
      finished: all.filter((order) => !WORKING.includes(order.status)).reverse().map(view),
    });
  },

  /** Runs a command on an order once; the order it answers replaces the one shown, a problem shows its message. */
  act(key, command) {
    return once(this, key, async () => {
      try {
        this.put(await command());
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },

  onAccept(event) {
    const { id } = event.currentTarget.dataset;
    return this.act(`accept-${id}`, () => kitchen.dispatchAcceptOrder(this.data.store, id, { quiet: true }));
  },

  onServe(event) {
    const { id, item } = event.currentTarget.dataset;
    return this.act(`serve-${item}`, () => kitchen.dispatchServeItem(this.data.store, id, item, { quiet: true }));
  },

  onStartReject(event) {
    this.setData({ rejecting: event.currentTarget.dataset.id, reason: '' });
  },

  onCancelReject() {
    this.setData({ rejecting: '', reason: '' });
  },

  onReasonInput(event) {
    this.setData({ reason: event.detail.value });
  },

  onPickReason(event) {
    this.setData({ reason: event.currentTarget.dataset.reason });
  },

  onConfirmReject() {
    const id = this.data.rejecting;
    const reason = this.data.reason.trim();
    if (!reason) {
      wx.showToast({ title: '请填写拒单原因', icon: 'none' });
      return undefined;
    }
    return this.act(`reject-${id}`, async () => {
      const order = await kitchen.dispatchRejectOrder(this.data.store, id, reason, { quiet: true });
      this.setData({ rejecting: '', reason: '' });
      return order;
    });
  },

  onTicket(event) {
    const { id, number } = event.currentTarget.dataset;
    return once(this, `ticket-${id}`, async () => {
      try {
        const text = await kitchen.fetchTicket(this.data.store, id, 58, { quiet: true });
        this.setData({ ticket: { number, text } });
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
      }
    });
  },

  onCopyTicket() {
    wx.setClipboardData({ data: this.data.ticket.text });
  },

  onCloseTicket() {
    this.setData({ ticket: null });
  },

  onRefund(event) {
    const { id, number, total } = event.currentTarget.dataset;
    wx.navigateTo({
      url: screenUrl('refunds/new', { store: this.data.store, role: this.data.role, order: id, number, total }),
    });
  },
});
