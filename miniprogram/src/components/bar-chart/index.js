// A small bar chart drawn with views: bars proportional to their values, each with its label and value, read out by
// screen readers ("11-26 ¥1280.00"); columns (days, hours) or rows (dishes, ways of payment). Tapping a bar says its
// label and value under the chart, for columns too narrow to print every value.
const { scaled } = require('./bars');

// Columns print their values above them only when this few fit side by side.
const COLUMNS_WITH_VALUES = 8;

Component({
  properties: {
    bars: { type: Array, value: [] },
    direction: { type: String, value: 'column' },
    caption: { type: String, value: '' },
    emptyText: { type: String, value: '暂无数据' },
  },

  data: { shown: [], empty: true, values: true, picked: '' },

  observers: {
    'bars, direction': function redraw() {
      this.draw();
    },
  },

  lifetimes: {
    // Drawn on arrival as well as on each change, however the base library hands over the first bars.
    attached() {
      this.draw();
    },
  },

  methods: {
    draw() {
      const { bars: shown, empty } = scaled(this.data.bars);
      this.setData({
        shown, empty, picked: '', values: this.data.direction !== 'column' || shown.length <= COLUMNS_WITH_VALUES,
      });
    },

    onBar(event) {
      const bar = this.data.shown[event.currentTarget.dataset.index];
      this.setData({ picked: bar ? bar.aria : '' });
    },
  },
});
