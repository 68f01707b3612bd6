// What every screen shares, diners' and staff's alike: a page query read once, actions that a second tap cannot
// start twice, and reading what a screen shows whenever it comes on screen.

/** A page query's values, decoded once (WeChat hands them on as they were written in the address). */
function queryOf(query = {}) {
  const decoded = {};
  Object.keys(query).forEach((key) => {
    try {
      decoded[key] = decodeURIComponent(query[key]);
    } catch (e) {
      decoded[key] = query[key];
    }
  });
  return decoded;
}

/**
 * Runs `action` unless the action named `key` is still running on `page`: a second tap while the first is on its way
 * does nothing. `page.data.busy` names the running action, for buttons to show it.
 */
async function once(page, key, action) {
  if (!page.running) {
    page.running = new Set();
  }
  if (page.running.has(key)) {
    return undefined;
  }
  page.running.add(key);
  page.setData({ busy: key });
  try {
    return await action();
  } finally {
    page.running.delete(key);
    page.setData({ busy: page.running.size ? [...page.running][0] : '' });
  }
}

/**
 * A screen that reads what it shows whenever it comes on screen and on a pull-down. The page gives `read()`, which
 * answers the data to show; `load()` sets `loading` and `error` around it (a page may give its own `load`). A read
 * overtaken by a later one (another period chosen meanwhile, say) shows nothing: the screen shows what was asked last.
 */
function readOnShow(options) {
  const own = (name) => options[name] || (() => {});
  return {
    async load() {
      this.reads = (this.reads || 0) + 1;
      const read = this.reads;
      this.setData({ loading: true, error: '' });
      try {
        const shown = await this.read();
        if (read === this.reads) {
          this.setData({ loading: false, ...shown });
        }
      } catch (error) {
        if (read === this.reads) {
          this.setData({ loading: false, error: error.message });
        }
      }
    },

    ...options,

    onShow() {
      own('onShow').call(this);
      this.load();
    },

    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
  };
}

module.exports = { queryOf, once, readOnShow };
