// How roles and a store's way of paying read on screen.
const ROLE_NAMES = { operator: '运营', owner: '店主', staff: '店员' };
const MODE_NAMES = { pay_first: '先付款后用餐', eat_first: '先用餐后付款' };

function roleName(role) {
  return ROLE_NAMES[role] || role;
}

function modeName(mode) {
  return MODE_NAMES[mode] || '';
}

module.exports = { roleName, modeName };
