const { formatFen, formatFenShort } = require('../../src/utils/money');

test.each([
  [0, '¥0.00'],
  [5, '¥0.05'],
  [10, '¥0.10'],
  [1250, '¥12.50'],
  [1999, '¥19.99'],
  [100000000, '¥1000000.00'],
  [-5, '-¥0.05'],
  [-1250, '-¥12.50'],
  [Number.MAX_SAFE_INTEGER, '¥90071992547409.91'],
])('%i fen is %s', (fen, text) => {
  expect(formatFen(fen)).toBe(text);
});

test('sums of prices that floating point gets wrong stay exact in fen', () => {
  expect(0.1 + 0.2).not.toBe(0.3);
  expect(formatFen(10 + 20)).toBe('¥0.30');
});

test.each([[12.5], ['1250'], [null], [undefined], [NaN], [Infinity]])('%p is refused, not guessed', (value) => {
  expect(() => formatFen(value)).toThrow(TypeError);
});

test.each([
  [10000, '¥100'], [1050, '¥10.50'], [5, '¥0.05'], [0, '¥0'], [-2000, '-¥20'],
])('%i fen reads %s in an offer', (fen, text) => {
  expect(formatFenShort(fen)).toBe(text);
});
