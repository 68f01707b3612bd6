// The tab's orders before its latest, for the screens that list them all (the order status and the bill). The tab's
// state carries only its latest orders (at most 20) and how many it has in all; the earlier ones are read a page at a
// time when the diner asks, and read again in one request with every new state of the tab (the latest 100 of them, the
// most the server answers at once; older ones stay as they were), so that what happened to an older order meanwhile
// (paid, refunded, served) shows too. Only the latest request's answer is shown: an answer overtaken by a later
// request would bring back an older state.
//
// Wraps a page's options inside withLiveTab: Page(withLiveTab(withEarlierOrders({ ... }))). The page's
// `renderTab(tab)` lists `this.tabOrders()`; `data.earlier` says how many orders are not shown (`left`), whether some
// are being read (`loading`) and why they could not be (`problem`); "查看更早的订单" calls `onEarlierOrders`.
const ordering = require('../services/ordering');

/** A page of earlier orders: the server's own default, asked for all the same since `wanted` counts on it. */
const PAGE_SIZE = 20;
/** The most orders the server answers at once. */
const MOST = 100;

/**
 * What a page keeps of its earlier orders: the tab state they go with, those read (oldest first), how many it wants
 * (more than those read while a page is asked for), and the number of its latest request.
 */
function historyOf(page) {
  if (!page.earlierOrders) {
    page.earlierOrders = { tab: null, orders: [], wanted: 0, asked: 0, loading: false, problem: '' };
  }
  return page.earlierOrders;
}

/** How many orders the tab has in all. A server from before `orders_count` lists them all in the tab's state. */
function countOf(tab) {
  return typeof tab.orders_count === 'number' ? tab.orders_count : tab.orders.length;
}

/**
 * The earlier orders shown: those read, less any the tab's latest lists too, as a state that arrived out of order or
 * from a server listing them all may, until they are read again.
 */
function earlierOf(tab, history) {
  const latest = new Set(tab.orders.map((order) => order.id));
  return history.orders.filter((order) => !latest.has(order.id));
}

/** How many of the tab's orders are not shown: none rather than fewer, for a state that arrived out of order. */
function leftOf(tab, history) {
  return Math.max(0, countOf(tab) - tab.orders.length - earlierOf(tab, history).length);
}

function withEarlierOrders(options) {
  const renderOwn = options.renderTab;

  function showEarlier(page) {
    const history = historyOf(page);
    const { loading, problem } = history;
    page.setData({ earlier: { left: leftOf(page.tab, history), loading, problem } });
  }

  /** Reads the `limit` orders before order `before`; `merge` puts them with those shown, unless a later read overtook. */
  async function readEarlier(page, before, limit, merge) {
    const history = historyOf(page);
    history.asked += 1;
    const asked = history.asked;
    history.loading = true;
    history.problem = '';
    showEarlier(page);
    try {
      const answer = await ordering.fetchTabOrders(page.tab, { before, limit }, { quiet: true });
      if (asked === history.asked) {
        history.orders = merge(answer.orders);
        renderOwn.call(page, page.tab);
      }
    } catch (error) {
      if (asked === history.asked) {
        history.problem = error.message;
      }
    }
    if (asked === history.asked) {
      history.wanted = history.orders.length;
      history.loading = false;
      showEarlier(page);
    }
  }

  /**
   * A new state of the tab. Orders that newer ones pushed out of its latest stay shown with the earlier ones, and all
   * of those (with a page being asked for) are read again, just before its first order, in one request: at most 100,
   * and those older than a full answer stay as they were.
   */
  function followEarlier(page, tab) {
    const history = historyOf(page);
    const previous = history.tab;
    history.tab = tab;
    if (!history.wanted) {
      return;
    }
    const latest = new Set(tab.orders.map((order) => order.id));
    const pushed = previous.orders.filter((order) => !latest.has(order.id));
    history.orders = [...history.orders, ...pushed];
    history.wanted += pushed.length;
    const limit = Math.min(history.wanted, MOST);
    readEarlier(page, tab.orders[0].id, limit, (orders) => (orders.length < limit ? orders
      : [...history.orders.slice(0, Math.max(0, history.orders.length - limit)), ...orders]));
  }

  return {
    ...options,

    data: { ...options.data, earlier: { left: 0, loading: false, problem: '' } },

    /** Every order shown, oldest first: the earlier ones read, then the tab's latest. */
    tabOrders() {
      return [...earlierOf(this.tab, historyOf(this)), ...this.tab.orders];
    },

    renderTab(tab) {
      if (historyOf(this).tab !== tab) {
        followEarlier(this, tab);
      }
      renderOwn.call(this, tab);
      showEarlier(this);
    },

    /** "查看更早的订单": the page before the oldest order shown, listed below the others. */
    onEarlierOrders() {
      const history = historyOf(this);
      if (history.loading || !leftOf(this.tab, history)) {
        return;
      }
      history.wanted = history.orders.length + PAGE_SIZE;
      readEarlier(this, this.tabOrders()[0].id, PAGE_SIZE, (orders) => [...orders, ...history.orders]);
    },
  };
}

module.exports = { withEarlierOrders };
