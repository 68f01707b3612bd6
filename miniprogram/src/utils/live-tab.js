// What every page showing the table's tab does alike: follow the tab's live feed while the page is on screen, show
// the newest state (a live message can overtake an HTTP answer), and read the tab again after a reconnect.
// The page keeps its store and tab ids in `this.ids` and gives `renderTab(tab)`; unless it has its own, `load()` reads
// the tab (its `state` says loading, ready or failed) and `reloadTab()` reads it again quietly after a reconnect.
const ordering = require('../services/ordering');

function withLiveTab(options) {
  const own = (name) => options[name] || (() => {});
  return {
    // Defaults: a page's own `load` or `reloadTab` replaces them (the menu page reads the menu too).
    /** Reads the tab and shows it; answers whether it could. */
    async load() {
      this.setData({ state: 'loading' });
      try {
        this.showTab(await ordering.fetchTab(this.ids.store, this.ids.tab, { quiet: true }));
        this.setData({ state: 'ready' });
        return true;
      } catch (error) {
        this.setData({ state: 'failed', failure: { message: error.message } });
        return false;
      }
    },

    async reloadTab() {
      try {
        this.showTab(await ordering.fetchTab(this.ids.store, this.ids.tab, { quiet: true }));
      } catch (error) {
        // The feed is back; its next message brings the state.
      }
    },

    ...options,

    onShow() {
      this.hidden = false;
      this.followTab();
      own('onShow').call(this);
    },

    onHide() {
      this.hidden = true;
      this.unfollowTab();
      own('onHide').call(this);
    },

    onUnload() {
      this.hidden = true;
      this.unfollowTab();
      own('onUnload').call(this);
    },

    showTab(tab) {
      if (this.tab && this.tab.id === tab.id && tab.cart.version < this.tab.cart.version) {
        return;
      }
      this.tab = tab;
      this.renderTab(tab);
      this.followTab();
    },

    followTab() {
      if (this.tab && !this.feed && !this.hidden) {
        this.feed = ordering.watchTab(this.tab, {
          onTab: (tab) => this.showTab(tab),
          onResync: () => this.reloadTab(),
          onStatus: (up) => this.setData({ offline: !up }),
        });
      }
    },

    unfollowTab() {
      if (this.feed) {
        this.feed.close();
        this.feed = null;
      }
    },
  };
}

module.exports = { withLiveTab };
