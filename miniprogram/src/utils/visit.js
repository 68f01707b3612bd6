// The table this phone sits at: the code scanned, the store and table it named and the tab it opened, so that the
// cart, checkout and order pages can show the store's name, follow its way of paying (diners cannot read a store)
// and go back to the menu (the code opens it again; a diner of the open tab needs no fresh scan).
const KEY = 'tableloop.visit';

function remember(visit) {
  wx.setStorageSync(KEY, visit);
}

/** The visit of `tabId`, or null when this phone did not open that tab. */
function visitOf(tabId) {
  const visit = wx.getStorageSync(KEY);
  return visit && visit.tab && visit.tab.id === tabId ? visit : null;
}

module.exports = { remember, visitOf };
