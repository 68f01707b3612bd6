// Where a table's code lands: the store, the table and whether it is open, the menu by category, and the table's
// shared cart, live. Dishes with options open a picker that keeps to each group's minimum and maximum. A member's latest
// unread campaign message shows as a banner above the menu, until opened or dismissed. A signed-in diner sees the
// dishes they usually order here ("你常点", added as from the menu) and, under a dish in the cart or the picker, the
// dishes often ordered with it ("常一起点").
const api = require('../../../services/request');
const tenancy = require('../../../services/tenancy');
const menus = require('../../../services/menu');
const ordering = require('../../../services/ordering');
const inbox = require('../../../services/inbox');
const wechat = require('../../../services/wechat');
const visits = require('../../../utils/visit');
const options = require('../../../utils/options');
const { formatFen } = require('../../../utils/money');
const { cartView, countsByDish } = require('../../../utils/cart');
const { failureOf } = require('../../../utils/failures');
const { modeName } = require('../../../utils/labels');
const { withLiveTab } = require('../../../utils/live-tab');
const suggesting = require('../../../utils/suggestions');

// Refusals after which the menu on screen is out of date.
const MENU_CHANGED = ['sold_out', 'no_stock_left', 'not_enough_stock', 'dish_not_found', 'choice_not_available'];

function myUserId() {
  const session = api.session();
  return session && session.user ? session.user.id : null;
}

Page(withLiveTab({
  data: {
    state: 'loading',
    failure: {},
    store: {},
    table: {},
    categories: [],
    activeCategory: 0,
    dishes: [],
    cart: cartView(null, null),
    offline: false,
    busy: false,
    picker: { visible: false, groups: [] },
    banner: null,
    usual: [],
  },

  onLoad(query) {
    this.code = tenancy.tableCodeOf(query);
    this.open();
  },

  async open() {
    this.unfollowTab();
    this.suggestions = suggesting.none();
    this.setData({ state: 'loading', usual: [] });
    if (!this.code) {
      this.setData({ state: 'failed', failure: { title: '请扫码点餐', message: '请扫描餐桌上的二维码。', rescan: true } });
      return;
    }
    try {
      const scan = await tenancy.fetchScan(this.code, { quiet: true });
      const [menu, tab] = await Promise.all([
        menus.fetchMenu(scan.store.id, { quiet: true }),
        ordering.dispatchOpenTab(scan.store.id, scan.table.id, scan.scan_token, { quiet: true }),
      ]);
      this.menu = menu;
      this.tab = null;
      visits.remember({
        code: this.code,
        store: { id: scan.store.id, name: scan.store.name, ordering_mode: scan.store.ordering_mode },
        table: { id: scan.table.id, name: scan.table.name },
        tab: { id: tab.id, store_id: tab.store_id },
      });
      this.setData({
        state: 'ready',
        store: {
          id: scan.store.id,
          name: scan.store.name,
          open: !!scan.store.open_now,
          modeName: modeName(scan.store.ordering_mode),
        },
        table: { name: scan.table.name || scan.table.code },
        categories: menu.categories.map((category) => ({ id: category.id, name: category.name })),
        activeCategory: 0,
      });
      this.showTab(tab);
    } catch (error) {
      this.setData({ state: 'failed', failure: failureOf(error) });
      return;
    }
    this.showBanner();
    this.showSuggestions();
  },

  /** 你常点 and 常一起点: a courtesy, so signed out, no answer or nothing to suggest shows nothing, and says nothing. */
  async showSuggestions() {
    if (!api.token()) {
      return;
    }
    try {
      this.suggestions = suggesting.suggestionsOf(await menus.fetchMenuSuggestions(this.tab.store_id, { quiet: true }));
    } catch (error) {
      this.suggestions = suggesting.none();
    }
    this.showDishes();
  },

  /** The latest unread campaign message, if any: a courtesy, so no answer (or not a member) shows nothing. */
  async showBanner() {
    try {
      const message = await inbox.fetchBanner(this.tab.store_id, { quiet: true });
      this.setData({ banner: message ? { id: message.id, title: message.title, body: message.body } : null });
    } catch (error) {
      this.setData({ banner: null });
    }
  },

  /** Opens my messages, where this one is read. */
  onBanner() {
    const storeId = this.tab.store_id;
    this.setData({ banner: null });
    wx.navigateTo({ url: `/pages/member/inbox/index?store=${storeId}` });
  },

  /** Dismissed: read, so the next scan does not show it again. */
  onDismissBanner() {
    const { id } = this.data.banner;
    this.setData({ banner: null });
    inbox.dispatchRead(this.tab.store_id, id, { quiet: true }).catch(() => {
      // Unread still: it may show again at the next scan, which is no harm.
    });
  },

  async reloadTab() {
    try {
      this.showTab(await ordering.fetchTab(this.tab.store_id, this.tab.id, { quiet: true }));
    } catch (error) {
      // The feed is back and will bring the next change; nothing to show for a failed re-read.
    }
  },

  renderTab(tab) {
    this.setData({ cart: cartView(tab, myUserId()) });
    this.showDishes();
  },

  showDishes() {
    const category = this.menu.categories[this.data.activeCategory];
    const counts = countsByDish(this.tab);
    const find = (id) => this.dish(id);
    const view = (dish) => ({
      id: dish.id,
      name: dish.name,
      description: dish.description || '',
      image: dish.image_url || '',
      tags: dish.tags || [],
      priceText: formatFen(dish.price_fen),
      memberPriceText: typeof dish.member_price_fen === 'number' ? formatFen(dish.member_price_fen) : '',
      unavailable: (dish.sold_out && '已售罄') || (!dish.available_now && '非供应时段') || '',
      hasOptions: (dish.option_groups || []).length > 0,
      inCart: counts[dish.id] || 0,
      // What goes with a dish once it is in the cart.
      together: counts[dish.id] ? suggesting.togetherText(this.suggestions, dish.id, find) : '',
    });
    this.setData({
      dishes: (category ? category.dishes : []).map(view),
      usual: suggesting.orderable(this.suggestions.usual, find).map(view),
    });
  },

  dish(id) {
    for (const category of this.menu.categories) {
      const found = category.dishes.find((dish) => dish.id === id);
      if (found) {
        return found;
      }
    }
    return null;
  },

  onCategory(event) {
    this.setData({ activeCategory: Number(event.detail.value) || 0 });
    this.showDishes();
  },

  onDish(event) {
    const dish = this.dish(event.currentTarget.dataset.id);
    if (!dish) {
      return;
    }
    if (!this.data.store.open) {
      wx.showToast({ title: '本店现在不营业', icon: 'none' });
      return;
    }
    if ((dish.option_groups || []).length === 0) {
      this.add(dish.id, []);
      return;
    }
    const groups = options.startPicking(dish);
    this.setData({
      picker: {
        visible: true, dishId: dish.id, name: dish.name, groups, error: '',
        priceText: formatFen(options.unitPrice(dish, groups)),
        together: suggesting.togetherText(this.suggestions, dish.id, (id) => this.dish(id)),
      },
    });
  },

  onChoice(event) {
    const { group, choice } = event.currentTarget.dataset;
    const groups = options.toggle(this.data.picker.groups, group, choice);
    const dish = this.dish(this.data.picker.dishId);
    this.setData({
      'picker.groups': groups,
      'picker.error': '',
      'picker.priceText': formatFen(options.unitPrice(dish, groups)),
    });
  },

  async onConfirmChoice() {
    const { groups, dishId } = this.data.picker;
    const missing = options.missing(groups);
    if (missing) {
      this.setData({ 'picker.error': missing });
      return;
    }
    if (await this.add(dishId, options.chosenIds(groups))) {
      this.setData({ 'picker.visible': false });
    }
  },

  onPickerVisible(event) {
    this.setData({ 'picker.visible': event.detail.visible });
  },

  /**
   * Adds one of a dish to the shared cart. When someone at the table changed the cart in between (stale_cart), reads
   * it again and adds once more: adding is still what the diner wants. Answers whether it was added.
   */
  async add(dishId, choiceIds) {
    if (this.data.busy) {
      return false;
    }
    this.setData({ busy: true });
    try {
      try {
        this.showTab(await ordering.dispatchAddCartLine(this.tab, { dishId, choiceIds }, { quiet: true }));
      } catch (error) {
        if (error.code !== 'stale_cart') {
          throw error;
        }
        this.showTab(await ordering.fetchTab(this.tab.store_id, this.tab.id, { quiet: true }));
        this.showTab(await ordering.dispatchAddCartLine(this.tab, { dishId, choiceIds }, { quiet: true }));
      }
      return true;
    } catch (error) {
      api.showError(error);
      if (MENU_CHANGED.includes(error.code)) {
        this.reloadMenu();
      }
      return false;
    } finally {
      this.setData({ busy: false });
    }
  },

  async reloadMenu() {
    try {
      this.menu = await menus.fetchMenu(this.tab.store_id, { quiet: true });
      this.showDishes();
    } catch (error) {
      // The diner already sees why the dish could not be added; the old menu stays until the next visit.
    }
  },

  onCart() {
    if (this.data.cart.count === 0) {
      return;
    }
    wx.navigateTo({ url: `/pages/table/cart/index?store=${this.tab.store_id}&tab=${this.tab.id}` });
  },

  async onRescan() {
    try {
      this.code = await wechat.scanCode();
      this.open();
    } catch (error) {
      if (error.code !== 'scan_cancelled') {
        api.showError(error);
      }
    }
  },

  onRetry() {
    this.open();
  },
}));
