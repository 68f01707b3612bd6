// The owner's member levels and points earn rule. Levels: each with its name, the spend over the last 12 months that
// reaches it, and its benefits (member prices, a discount, a points multiplier); saved all at once, the first level
// open to every member (no spend) and each next one above the one before. The earn rule: points per ¥1 actually paid,
// and when points expire (the end of next year, or days after they were earned).
const loyalty = require('../../../../services/loyalty');
const { formatFen, parseYuan } = require('../../../../utils/money');
const { wholeOf } = require('../../../utils/loyalty');
const { queryOf, once, readOnShow } = require('../../../utils/screens');

const MAX_LEVELS = 10;
const MULTIPLIER = /^(\d{1,2})(\.\d)?$/;

function rowOf(level) {
  return {
    key: `level-${level.rank}`,
    name: level.name,
    minSpend: formatFen(level.min_spend_fen).slice(1),
    memberPrices: !!level.member_prices,
    discount: String(level.discount_percent),
    multiplier: Number(level.points_multiplier).toFixed(1),
  };
}

/** The levels the rows describe, ranked in order, or the first thing wrong with them. */
function levelsOf(rows) {
  const levels = [];
  for (let rank = 0; rank < rows.length; rank += 1) {
    const row = rows[rank];
    const which = `第 ${rank + 1} 级`;
    const name = row.name.trim();
    if (!name || name.length > 10) {
      return { problem: `${which}：请填写名称（10 字以内）` };
    }
    const minSpend = parseYuan(row.minSpend || '0');
    if (minSpend === null) {
      return { problem: `${which}：消费门槛请填金额，例如 1000` };
    }
    if (rank === 0 && minSpend !== 0) {
      return { problem: '第 1 级是所有会员的起点，消费门槛须为 0' };
    }
    if (rank > 0 && minSpend <= levels[rank - 1].min_spend_fen) {
      return { problem: `${which}：消费门槛须高于上一级` };
    }
    const discount = wholeOf(row.discount || '0', 0, 50);
    if (discount === undefined) {
      return { problem: `${which}：折扣请填 0 到 50 的整数（5 即 95 折）` };
    }
    const multiplier = MULTIPLIER.test(String(row.multiplier).trim()) ? Number(row.multiplier) : NaN;
    if (!(multiplier >= 1 && multiplier <= 10)) {
      return { problem: `${which}：积分倍数请填 1.0 到 10.0，最多一位小数` };
    }
    levels.push({
      rank, name, min_spend_fen: minSpend, member_prices: row.memberPrices, discount_percent: discount,
      points_multiplier: multiplier,
    });
  }
  return { levels };
}

function ruleView(rule) {
  const days = rule.expiry && rule.expiry.days;
  return { perYuan: String(rule.points_per_yuan), expiry: days ? 'days' : 'end_of_next_year', days: days ? String(days) : '' };
}

Page(readOnShow({
  data: {
    store: '', loading: true, error: '', rows: [], rule: { perYuan: '', expiry: 'end_of_next_year', days: '' }, busy: '',
    levelsProblem: '', ruleProblem: '',
  },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  async read() {
    const [levels, rule] = await Promise.all([
      loyalty.fetchLevels(this.data.store, { quiet: true }),
      loyalty.fetchEarnRule(this.data.store, { quiet: true }),
    ]);
    return { rows: levels.map(rowOf), rule: ruleView(rule), levelsProblem: '', ruleProblem: '' };
  },

  /** A level's field typed: `data-index` and `data-field`. */
  onLevelInput(event) {
    const { index, field } = event.currentTarget.dataset;
    this.setData({ [`rows[${index}].${field}`]: event.detail.value, levelsProblem: '' });
  },

  onMemberPrices(event) {
    const { index } = event.currentTarget.dataset;
    this.setData({ [`rows[${index}].memberPrices`]: !this.data.rows[index].memberPrices });
  },

  onAddLevel() {
    if (this.data.rows.length >= MAX_LEVELS) {
      this.setData({ levelsProblem: `最多 ${MAX_LEVELS} 个等级` });
      return;
    }
    this.setData({
      rows: [...this.data.rows, {
        key: `level-${this.data.rows.length}`, name: '', minSpend: '', memberPrices: true, discount: '0', multiplier: '1.0',
      }],
    });
  },

  onRemoveLevel() {
    if (this.data.rows.length > 1) {
      this.setData({ rows: this.data.rows.slice(0, -1), levelsProblem: '' });
    }
  },

  onSaveLevels() {
    const { levels, problem } = levelsOf(this.data.rows);
    if (problem) {
      this.setData({ levelsProblem: problem });
      return undefined;
    }
    return once(this, 'levels', async () => {
      try {
        const saved = await loyalty.dispatchLevels(this.data.store, levels, { quiet: true });
        this.setData({ rows: saved.map(rowOf), levelsProblem: '' });
        wx.showToast({ title: '等级已保存', icon: 'success' });
      } catch (error) {
        this.setData({ levelsProblem: error.message });
      }
    });
  },

  onRuleInput(event) {
    this.setData({ [`rule.${event.currentTarget.dataset.field}`]: event.detail.value, ruleProblem: '' });
  },

  onExpiry(event) {
    this.setData({ 'rule.expiry': event.currentTarget.dataset.value, ruleProblem: '' });
  },

  onSaveRule() {
    const perYuan = wholeOf(this.data.rule.perYuan, 1, 100);
    if (!perYuan) {
      this.setData({ ruleProblem: '每消费 1 元得多少积分：请填 1 到 100 的整数' });
      return undefined;
    }
    let expiry = 'end_of_next_year';
    if (this.data.rule.expiry === 'days') {
      const days = wholeOf(this.data.rule.days, 1, 3650);
      if (!days) {
        this.setData({ ruleProblem: '积分有效天数请填 1 到 3650 的整数' });
        return undefined;
      }
      expiry = { days };
    }
    return once(this, 'rule', async () => {
      try {
        const saved = await loyalty.dispatchEarnRule(this.data.store, { points_per_yuan: perYuan, expiry }, { quiet: true });
        this.setData({ rule: ruleView(saved), ruleProblem: '' });
        wx.showToast({ title: '积分规则已保存', icon: 'success' });
      } catch (error) {
        this.setData({ ruleProblem: error.message });
      }
    });
  },
}));
