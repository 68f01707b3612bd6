// Sold out and today's stock, dish by dish: the kitchen marks a dish sold out (or back on sale) and sets how many
// portions are left today and how many each day starts with. An empty stock field means unlimited.
const dishes = require('../../../../services/dishes');
const { formatFen } = require('../../../../utils/money');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

const PORTIONS = /^\d{1,6}$/;

function portionsOf(text) {
  const trimmed = String(text || '').trim();
  if (!trimmed) {
    return null;
  }
  return PORTIONS.test(trimmed) && Number(trimmed) <= 100000 ? Number(trimmed) : undefined;
}

function view(dish) {
  return {
    id: dish.id,
    name: dish.name,
    price: formatFen(dish.price_fen),
    active: dish.active !== false,
    soldOut: !!dish.sold_out,
    left: dish.stock_left === null || dish.stock_left === undefined ? '不限量' : `今日剩 ${dish.stock_left} 份`,
    daily: dish.daily_stock === null || dish.daily_stock === undefined ? '' : `每日 ${dish.daily_stock} 份`,
    todayText: dish.stock_left === null || dish.stock_left === undefined ? '' : String(dish.stock_left),
    dailyText: dish.daily_stock === null || dish.daily_stock === undefined ? '' : String(dish.daily_stock),
  };
}

Page(readOnShow({
  data: { store: '', loading: true, error: '', dishes: [], editing: '', today: '', daily: '', busy: '' },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  async read() {
    const list = await dishes.fetchManagedDishes(this.data.store, { quiet: true });
    return { dishes: list.map(view) };
  },

  replace(dish) {
    this.setData({ dishes: this.data.dishes.map((shown) => (shown.id === dish.id ? view(dish) : shown)) });
  },

  act(key, command) {
    return once(this, key, async () => {
      try {
        this.replace(await command());
        return true;
      } catch (error) {
        wx.showToast({ title: error.message, icon: 'none', duration: 2500 });
        return false;
      }
    });
  },

  onToggleSoldOut(event) {
    const { id } = event.currentTarget.dataset;
    const dish = this.data.dishes.find((shown) => shown.id === id);
    return this.act(`sold-out-${id}`, () => dishes.dispatchSoldOut(this.data.store, id, !dish.soldOut, { quiet: true }));
  },

  onEditStock(event) {
    const dish = this.data.dishes.find((shown) => shown.id === event.currentTarget.dataset.id);
    this.setData({ editing: dish.id, today: dish.todayText, daily: dish.dailyText });
  },

  onTodayInput(event) {
    this.setData({ today: event.detail.value });
  },

  onDailyInput(event) {
    this.setData({ daily: event.detail.value });
  },

  onCancelStock() {
    this.setData({ editing: '' });
  },

  async onSaveStock() {
    const todayStock = portionsOf(this.data.today);
    const dailyStock = portionsOf(this.data.daily);
    if (todayStock === undefined || dailyStock === undefined) {
      wx.showToast({ title: '份数请填 0 到 100000 的整数，不限量请留空', icon: 'none', duration: 2500 });
      return;
    }
    const id = this.data.editing;
    const saved = await this.act(`stock-${id}`, () => dishes.dispatchStock(this.data.store, id,
      { today_stock: todayStock, daily_stock: dailyStock }, { quiet: true }));
    if (saved) {
      this.setData({ editing: '' });
    }
  },
}));
