// What every page showing the table's tab does alike: follow the tab's live feed while the page is on screen, show
// the newest state (a live message can overtake an HTTP answer), and read the tab again after a reconnect.
// The page gives `renderTab(tab)` and `reloadTab()`; it calls `showTab(tab)` with each state it reads.
const ordering = require('../services/ordering');

function withLiveTab(options) {
  const own = (name) => options[name] || (() => {});
  return {
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
