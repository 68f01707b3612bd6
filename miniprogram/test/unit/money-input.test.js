const { parseYuan } = require('../../src/utils/money');

test.each([
  ['12', 1200], ['12.5', 1250], ['12.50', 1250], ['0.01', 1], [' 7.09 ', 709], ['0', 0], ['999999999.99', 99999999999],
])('%p yuan is %i fen, exactly', (typed, fen) => {
  expect(parseYuan(typed)).toBe(fen);
});

test.each([['12.345'], ['-1'], ['1e3'], ['¥12'], ['12,5'], [''], ['.5'], ['abc']])('%p is no amount', (typed) => {
  expect(parseYuan(typed)).toBeNull();
});
