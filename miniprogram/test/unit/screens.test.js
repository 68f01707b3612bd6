// The small rules the diners' screens share: who added a cart line, the option picker's limits, what the bill says.
const { cartView } = require('../../src/utils/cart');
const options = require('../../src/utils/options');
const { billedFen } = require('../../src/utils/orders');
const { failureOf } = require('../../src/utils/failures');

describe('the shared cart', () => {
  test('names me, and each friend by the order they first added something', () => {
    const line = (id, by) => ({ id, dish_id: 'd', added_by: by, quantity: 1, dish_name: '面', line_total_fen: 100, unit_price_fen: 100 });
    const view = cartView({ cart: { version: 3, total_fen: 400, lines: [line('a', 'bob'), line('b', 'me'), line('c', 'carol'), line('d', 'bob')] } }, 'me');

    expect(view.lines.map((l) => l.who)).toEqual(['同桌1', '我', '同桌2', '同桌1']);
    expect(view.count).toBe(4);
    expect(view.totalText).toBe('¥4.00');
  });

  test('a cart the server could not price shows its problem and no total', () => {
    const view = cartView({ cart: { version: 1, lines: [{ id: 'a', dish_id: 'd', added_by: 'me', quantity: 1 }], problem: { message: '牛肉面已售罄' } } }, 'me');

    expect(view.problem).toBe('牛肉面已售罄');
    expect(view.totalText).toBe('');
    expect(view.lines[0].name).toBe('已下架的菜品');
  });
});

describe('the option picker', () => {
  const dish = {
    price_fen: 1000,
    option_groups: [
      { id: 'size', name: '份量', required: true, min_choices: 0, max_choices: 1, choices: [
        { id: 'small', name: '小份', price_delta_fen: -300 }, { id: 'large', name: '大份', price_delta_fen: 500 }] },
      { id: 'toppings', name: '加料', required: true, min_choices: 2, max_choices: 3, choices: [
        { id: 'a', name: 'A', price_delta_fen: 100 }, { id: 'b', name: 'B', price_delta_fen: 100 },
        { id: 'c', name: 'C', price_delta_fen: 100 }, { id: 'd', name: 'D', price_delta_fen: 100 }] },
      { id: 'sauce', name: '酱料', required: false, min_choices: 0, max_choices: 2, choices: [{ id: 's', name: 'S' }] },
    ],
  };

  test('says each group rule as the backend enforces it', () => {
    expect(options.startPicking(dish).map((g) => g.rule)).toEqual(['必选 1 项', '选 2-3 项', '可选，最多 2 项']);
  });

  test('keeps to the minimum and the maximum, and a one-choice group swaps its choice', () => {
    let groups = options.startPicking(dish);
    groups = options.toggle(groups, 'size', 'small');
    groups = options.toggle(groups, 'size', 'large');
    groups = options.toggle(groups, 'toppings', 'a');
    expect(options.missing(groups)).toBe('请选择「加料」（选 2-3 项）');

    ['b', 'c', 'd'].forEach((id) => {
      groups = options.toggle(groups, 'toppings', id);
    });

    expect(options.missing(groups)).toBe('');
    expect(options.chosenIds(groups)).toEqual(['large', 'a', 'b', 'c']);
    expect(options.unitPrice(dish, groups)).toBe(1800);
  });

  test('a price never goes below zero while picking', () => {
    const cheap = { price_fen: 200, option_groups: [dish.option_groups[0]] };
    const groups = options.toggle(options.startPicking(cheap), 'size', 'small');

    expect(options.unitPrice(cheap, groups)).toBe(0);
  });
});

describe('the bill', () => {
  const orders = [
    { status: 'served', total_fen: 2800 }, { status: 'rejected', total_fen: 900 }, { status: 'cancelled', total_fen: 500 },
    { status: 'awaiting_payment', total_fen: 1200 }, { status: 'accepted', total_fen: 300 },
  ];

  test('is the server\'s sum over all the tab\'s orders, not only the latest it lists', () => {
    expect(billedFen({ billed_fen: 90001, orders_count: 25, orders })).toBe(90001);
  });

  test('from a server not yet sending that sum, is the sum of the orders it lists (all of them), less those that ended', () => {
    expect(billedFen({ orders })).toBe(4300);
  });
});

test.each([
  ['scan_expired', true], ['table_inactive', true], ['tab_closed', true], ['network', false], ['store_not_found', false],
])('a page that cannot open after %s offers to scan again: %s', (code, rescan) => {
  expect(failureOf({ code, message: '说明' })).toMatchObject({ message: '说明', rescan });
});
