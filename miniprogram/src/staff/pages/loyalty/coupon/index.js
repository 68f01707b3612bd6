// A coupon template, new or to edit. New: its name, kind (满减 above a threshold, a percent off with a cap, a free dish
// from the menu), where it applies (the whole menu, categories or dishes), validity (fixed dates or days from issue),
// stock, the per-member limit, first visit only, stackable, claimable (a claim code to hand on) and a points price.
// What a coupon gives cannot change once issued: editing changes the name and the stock.
const loyalty = require('../../../../services/loyalty');
const { fetchMenu } = require('../../../../services/menu');
const { parseYuan } = require('../../../../utils/money');
const { KIND_NAMES, SCOPE_NAMES } = require('../../../../utils/coupons');
const { templateRow, wholeOf } = require('../../../utils/loyalty');
const { queryOf, once } = require('../../../utils/screens');

const KINDS = Object.keys(KIND_NAMES).map((value) => ({ value, label: KIND_NAMES[value] }));
const SCOPES = Object.keys(SCOPE_NAMES).map((value) => ({ value, label: SCOPE_NAMES[value] }));
const VALIDITIES = [{ value: 'days', label: '领取后若干天' }, { value: 'fixed', label: '固定日期' }];
const MAX_STOCK = 1000000;

const BLANK = {
  name: '', kind: 'amount_off', threshold: '', amount: '', percent: '', cap: '', freeDish: '', scope: 'menu',
  scopeIds: [], validity: 'days', days: '30', startsOn: '', endsOn: '', stock: '', limit: '1', firstVisit: false,
  stackable: false, claimable: true, points: '',
};

/** Midnight of `date` (YYYY-MM-DD) on the phone's clock, as an instant; `endOfDay` for its last second. */
function instantOf(date, endOfDay) {
  return new Date(`${date}T${endOfDay ? '23:59:59' : '00:00:00'}`).toISOString();
}

/** Yuan typed, as fen: 0 for blank where blank means none; undefined when it is no amount. */
function fenOf(text, blank) {
  if (!String(text).trim()) {
    return blank;
  }
  const fen = parseYuan(text);
  return fen === null ? undefined : fen;
}

/** The template the form describes, or the first thing wrong with it, in the form's words. */
function templateOf(form) {
  const name = form.name.trim();
  if (!name || name.length > 30) {
    return { problem: '请填写优惠券名称（30 字以内）' };
  }
  const threshold = fenOf(form.threshold, 0);
  if (threshold === undefined) {
    return { problem: '使用门槛请填金额，例如 100，无门槛请留空' };
  }
  const template = {
    name, kind: form.kind, threshold_fen: threshold, first_visit_only: form.firstVisit, stackable: form.stackable,
    claimable: form.claimable,
  };
  if (form.kind === 'amount_off') {
    const amount = fenOf(form.amount, undefined);
    if (!amount) {
      return { problem: '请填写减免金额，例如 20' };
    }
    if (threshold && amount > threshold) {
      return { problem: '减免金额不能超过使用门槛' };
    }
    template.amount_off_fen = amount;
  } else if (form.kind === 'percent_off') {
    const percent = wholeOf(form.percent, 1, 99);
    if (!percent) {
      return { problem: '折扣请填 1 到 99 之间的整数（例如 20 即 8 折）' };
    }
    const cap = fenOf(form.cap, null);
    if (cap === undefined || cap === 0) {
      return { problem: '最高减免请填金额，不设上限请留空' };
    }
    template.percent_off = percent;
    template.cap_fen = cap;
  } else {
    if (!form.freeDish) {
      return { problem: '请选择赠送的菜品' };
    }
    template.free_dish_id = form.freeDish;
  }
  if (form.scope !== 'menu' && form.scopeIds.length === 0) {
    return { problem: form.scope === 'categories' ? '请选择适用的分类' : '请选择适用的菜品' };
  }
  template.scope = { kind: form.scope, ids: form.scope === 'menu' ? [] : form.scopeIds };
  if (form.validity === 'days') {
    const days = wholeOf(form.days, 1, 3650);
    if (!days) {
      return { problem: '有效天数请填 1 到 3650 的整数' };
    }
    template.validity = { kind: 'days', days };
  } else {
    if (!form.startsOn || !form.endsOn || form.endsOn < form.startsOn) {
      return { problem: '请选择开始和结束日期，结束不能早于开始' };
    }
    template.validity = { kind: 'fixed', starts_at: instantOf(form.startsOn, false), ends_at: instantOf(form.endsOn, true) };
  }
  const stock = wholeOf(form.stock, 1, MAX_STOCK);
  if (stock === undefined) {
    return { problem: `发放总量请填 1 到 ${MAX_STOCK} 的整数，不限量请留空` };
  }
  template.total_stock = stock;
  const limit = wholeOf(form.limit, 1, 100);
  if (!limit) {
    return { problem: '每人限领请填 1 到 100 的整数' };
  }
  template.per_member_limit = limit;
  const points = wholeOf(form.points, 1, 1000000);
  if (points === undefined) {
    return { problem: '兑换积分请填正整数，不可用积分兑换请留空' };
  }
  template.points_price = points;
  return { template };
}

/** Dishes and categories of the menu, as the pickers offer them. */
function choicesOf(menu) {
  const categories = (menu.categories || []).map((category) => ({ id: category.id, name: category.name }));
  const dishes = (menu.categories || []).flatMap((category) => category.dishes.map((dish) => ({ id: dish.id, name: dish.name })));
  return { categories, dishes };
}

Page({
  data: {
    store: '', role: '', editing: '', loading: true, error: '', kinds: KINDS, scopes: SCOPES, validities: VALIDITIES,
    form: { ...BLANK }, categories: [], dishes: [], scopeChosen: {}, row: null, saved: null, issued: 0, busy: '',
    problem: '', today: '',
  },

  onLoad(query) {
    const { store, role, template } = queryOf(query);
    this.setData({ store, role, editing: template || '', today: new Date().toISOString().slice(0, 10) });
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      if (this.data.editing) {
        const template = await loyalty.fetchCouponTemplate(this.data.store, this.data.editing, { quiet: true });
        this.setData({
          loading: false,
          row: templateRow(template, this.data.store),
          form: { ...BLANK, name: template.name, stock: template.total_stock === null ? '' : String(template.total_stock) },
          issued: template.issued_count,
        });
      } else {
        this.setData({ loading: false, ...choicesOf(await fetchMenu(this.data.store, { quiet: true })) });
      }
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  /** A typed field: `data-field` names it. */
  onInput(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, problem: '' });
  },

  /** A choice among a few (kind, scope, validity): `data-field` and `data-value`. */
  onChoose(event) {
    const { field, value } = event.currentTarget.dataset;
    const changes = { [`form.${field}`]: value, problem: '' };
    if (field === 'scope') {
      changes['form.scopeIds'] = [];
      changes.scopeChosen = {};
    }
    this.setData(changes);
  },

  onToggle(event) {
    const { field } = event.currentTarget.dataset;
    this.setData({ [`form.${field}`]: !this.data.form[field] });
  },

  onFreeDish(event) {
    this.setData({ 'form.freeDish': event.currentTarget.dataset.id, problem: '' });
  },

  onScopeItem(event) {
    const { id } = event.currentTarget.dataset;
    const before = this.data.form.scopeIds;
    const ids = before.includes(id) ? before.filter((chosen) => chosen !== id) : [...before, id];
    const scopeChosen = {};
    ids.forEach((chosen) => {
      scopeChosen[chosen] = true;
    });
    this.setData({ 'form.scopeIds': ids, scopeChosen, problem: '' });
  },

  onDate(event) {
    this.setData({ [`form.${event.currentTarget.dataset.field}`]: event.detail.value, problem: '' });
  },

  onSave() {
    return this.data.editing ? this.saveChanges() : this.create();
  },

  create() {
    const { template, problem } = templateOf(this.data.form);
    if (problem) {
      this.setData({ problem });
      return undefined;
    }
    return once(this, 'save', async () => {
      try {
        const created = await loyalty.dispatchCreateCouponTemplate(this.data.store, template, { quiet: true });
        this.setData({ saved: templateRow(created, this.data.store) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  /** The name and the stock (never below what was issued already). */
  saveChanges() {
    const name = this.data.form.name.trim();
    const stock = wholeOf(this.data.form.stock, 1, MAX_STOCK);
    if (!name || name.length > 30) {
      this.setData({ problem: '请填写优惠券名称（30 字以内）' });
      return undefined;
    }
    if (stock === undefined || (stock !== null && stock < this.data.issued)) {
      this.setData({ problem: `发放总量请填不少于已发数量（${this.data.issued}）的整数，不限量请留空` });
      return undefined;
    }
    return once(this, 'save', async () => {
      try {
        const saved = await loyalty.dispatchUpdateCouponTemplate(this.data.store, this.data.editing,
          { name, total_stock: stock }, { quiet: true });
        this.setData({ saved: templateRow(saved, this.data.store), row: templateRow(saved, this.data.store) });
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onCopyClaim() {
    wx.setClipboardData({ data: `优惠券兑换码 ${this.data.saved.claimCode}，在小程序 ${this.data.saved.claimPath} 领取` });
  },

  onBack() {
    wx.navigateBack();
  },
});
