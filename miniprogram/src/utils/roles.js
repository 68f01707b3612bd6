// How roles read on screen.
const ROLE_NAMES = { operator: '运营', owner: '店主', staff: '店员' };

function roleName(role) {
  return ROLE_NAMES[role] || role;
}

module.exports = { roleName };
