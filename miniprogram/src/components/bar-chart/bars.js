// A bar chart's bars as drawn: each bar's length in percent of the longest, so bars stay proportional to their values
// whatever the scale; a chart whose values are all zero (or that has none) is empty.

/** `bars`: [{ key, label, value, text }] with value ≥ 0; answers the bars with `percent` and `aria`, and `empty`. */
function scaled(bars) {
  const list = Array.isArray(bars) ? bars : [];
  const max = list.reduce((most, bar) => Math.max(most, Number(bar.value) || 0), 0);
  return {
    empty: max === 0,
    bars: list.map((bar, index) => {
      const value = Math.max(Number(bar.value) || 0, 0);
      return {
        key: bar.key === undefined ? String(index) : String(bar.key),
        label: bar.label === undefined ? '' : String(bar.label),
        text: bar.text === undefined ? String(value) : String(bar.text),
        percent: max === 0 ? 0 : Math.round((value / max) * 1000) / 10,
        nonzero: value > 0,
        aria: `${bar.label === undefined ? '' : bar.label} ${bar.text === undefined ? value : bar.text}`.trim(),
      };
    }),
  };
}

module.exports = { scaled };
