// The shared cart as a screen shows it: each line with who added it ("我", or 同桌 1, 2 … in the order they first
// added something), and the server's total. The server prices the cart; nothing here adds money up.
const { formatFen } = require('./money');

function diners(lines, me) {
  const names = new Map();
  lines.forEach((line) => {
    if (line.added_by !== me && !names.has(line.added_by)) {
      names.set(line.added_by, `同桌${names.size + 1}`);
    }
  });
  return (userId) => (userId === me ? '我' : names.get(userId));
}

function cartView(tab, me) {
  const cart = (tab && tab.cart) || { lines: [] };
  const lines = cart.lines || [];
  const who = diners(lines, me);
  return {
    version: cart.version,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    totalText: typeof cart.total_fen === 'number' ? formatFen(cart.total_fen) : '',
    // The server could not price the cart (a dish sold out or taken off since): its words say what to change.
    problem: cart.problem ? cart.problem.message : '',
    lines: lines.map((line) => ({
      id: line.id,
      dishId: line.dish_id,
      name: line.dish_name || '已下架的菜品',
      choicesText: (line.choices || []).join('、'),
      quantity: line.quantity,
      unitText: typeof line.unit_price_fen === 'number' ? formatFen(line.unit_price_fen) : '',
      totalText: typeof line.line_total_fen === 'number' ? formatFen(line.line_total_fen) : '',
      who: who(line.added_by),
      mine: line.added_by === me,
    })),
  };
}

/** How many of each dish the cart holds, for the menu's badges. */
function countsByDish(tab) {
  const counts = {};
  ((tab && tab.cart && tab.cart.lines) || []).forEach((line) => {
    counts[line.dish_id] = (counts[line.dish_id] || 0) + line.quantity;
  });
  return counts;
}

module.exports = { cartView, countsByDish };
