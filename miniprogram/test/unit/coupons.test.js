// What a coupon is worth and what a level gives, in the words the screens use.
const {
  valueText, discountText, benefitsText, validityText, balanceLineView, offerView, hoursText, couponView,
} = require('../../src/utils/coupons');

test.each([
  [{ kind: 'amount_off', threshold_fen: 10000, amount_off_fen: 2000 }, '满¥100减¥20'],
  [{ kind: 'amount_off', threshold_fen: 0, amount_off_fen: 550 }, '立减¥5.50'],
  [{ kind: 'percent_off', threshold_fen: 0, percent_off: 20, cap_fen: null }, '8折'],
  [{ kind: 'percent_off', threshold_fen: 5000, percent_off: 15, cap_fen: 3000 }, '满¥50 8.5折 最高减¥30'],
  [{ kind: 'free_dish', threshold_fen: 0, free_dish_id: 'd1' }, '赠菜'],
])('%j reads %s', (coupon, words) => {
  expect(valueText(coupon)).toBe(words);
});

test.each([[5, '9.5折'], [10, '9折'], [1, '9.9折'], [99, '0.1折'], [50, '5折']])('%i %% off is %s', (percent, words) => {
  expect(discountText(percent)).toBe(words);
});

test('a level\'s benefits, and none beyond the basics', () => {
  expect(benefitsText({ member_prices: true, discount_percent: 5, points_multiplier: 1.5 })).toBe('会员价 · 9.5折 · 积分 1.5 倍');
  expect(benefitsText({ member_prices: false, discount_percent: 0, points_multiplier: 1 })).toBe('基础会员权益');
});

test('a coupon for some hours of the store\'s day says them as spans; one for any time says nothing', () => {
  expect(hoursText([14, 15, 21])).toBe('每天 14:00–16:00、21:00–22:00 可用');
  expect(hoursText([9])).toBe('每天 09:00–10:00 可用');
  expect(hoursText([])).toBe('');
  expect(couponView({ id: 'c1', kind: 'amount_off', threshold_fen: 0, amount_off_fen: 500, valid_hours: [14, 15],
    valid_until: '2026-12-31T16:00:00Z' }).hours).toBe('每天 14:00–16:00 可用');
});

test('validity by days from issue', () => {
  expect(validityText({ kind: 'days', days: 7 })).toBe('领取后 7 天内有效');
});

test('a balance line adds principal and bonus, exactly, and names a payment a spend', () => {
  const line = balanceLineView({ id: 'x', kind: 'payment', principal_fen: -1001, bonus_fen: -99, at: '2026-12-02T04:00:00Z' });
  expect(line).toMatchObject({ name: '消费', amount: '-¥11.00', parts: '本金 -¥10.01 · 赠送 -¥0.99', gain: false });
});

test('a points offer: its price, what is left of it, and whether the balance covers it', () => {
  const offer = {
    template_id: 't1', name: '积分换满减', kind: 'amount_off', threshold_fen: 5000, amount_off_fen: 1000,
    scope: { kind: 'menu', ids: [] }, validity: { kind: 'days', days: 30 }, points_price: 100, left: 2,
  };
  expect(offerView(offer, 100)).toMatchObject({
    id: 't1', value: '满¥50减¥10', priceText: '100 积分', terms: '全场通用 · 领取后 30 天内有效 · 剩余 2 张',
    soldOut: false, affordable: true,
  });
  expect(offerView(offer, 99).affordable).toBe(false);
  expect(offerView({ ...offer, left: 0 }, 500)).toMatchObject({ soldOut: true, terms: '全场通用 · 领取后 30 天内有效 · 已兑完' });
  expect(offerView({ ...offer, left: null }, 500).terms).toBe('全场通用 · 领取后 30 天内有效');
});
