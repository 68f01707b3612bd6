// Addresses of pages that other pages open, in one place.

/** The table's menu, for a scanned code (`{ scene }` or `{ q }`), as WeChat itself opens it from the code. */
function tableMenuUrl(code) {
  const query = code.scene ? `scene=${encodeURIComponent(code.scene)}` : `q=${encodeURIComponent(code.q)}`;
  return `/pages/table/menu/index?${query}`;
}

module.exports = { tableMenuUrl };
