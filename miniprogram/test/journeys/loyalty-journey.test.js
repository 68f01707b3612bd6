/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Loyalty against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), on the real pages.
// The owner makes a claimable 满50减8 coupon and a top-up package; a diner scans, joins, claims the coupon by its code,
// orders for more than ¥50 and sees checkout choose the coupon, pays in the WeChat simulator and sees the discount on
// the order; the points earned on what was paid arrive through the outbox relay, the level shows its progress and the
// coupon is used. Then the diner tops up, orders again and pays from the balance, which drops by the order's total.
const { phone } = require('../support/phone');
const { text, tap } = require('../support/pages');
const journey = require('./journey');

const { run, handTo, until, open, followed, lastNavigation } = journey;

jest.setTimeout(120000);

let restaurant;

beforeAll(async () => {
  await journey.start();
  restaurant = await journey.openRestaurant('积分面馆', 'pay_first');
});

afterAll(() => journey.stop());

beforeEach(() => journey.bridgePhone());

/** Types `value` into the input `selector` of `page`, as a person does. */
function type(page, selector, value) {
  page.querySelector(selector).dispatchEvent('input', { detail: { value } });
}

/** The text of every node `selector` finds in `page`, its spacing left out. */
function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.replace(/\s+/g, ''));
}

/** Reads `page` again (its `load`) until `check()` holds: for what the relay delivers after the fact. */
function reloading(page, check) {
  return () => {
    if (check()) {
      return true;
    }
    page.instance.load();
    return false;
  };
}

test('a member claims a coupon, pays less with it, earns points on what was paid, tops up and pays from the balance', async () => {
  const { storeId } = restaurant;

  // The owner: a claimable 满50减8 coupon, and its claim code to hand on.
  await handTo(restaurant.ownerUser);
  const templates = await open('staff/pages/loyalty/coupons/index', { store: storeId, role: 'owner' });
  await until('the owner sees no coupons yet', () => !!templates.querySelector('.none'), templates);
  await tap(templates, '.new-template >>> .t-button');
  const form = await followed();
  await until('the coupon form shows', () => !!form.querySelector('.threshold'), form);
  type(form, '.name', '满50减8');
  type(form, '.threshold', '50');
  type(form, '.amount', '8');
  await tap(form, '.save >>> .t-button');
  await until('the coupon is created', () => (text(form, '.claim-code') || '').length === 8, form);
  expect(text(form, '.saved-value')).toBe('满¥50减¥8');
  const code = text(form, '.claim-code');

  // The owner: a top-up package, 充100送10.
  const packages = await open('staff/pages/loyalty/packages/index', { store: storeId });
  await until('the packages show', () => !!packages.querySelector('.new-package'), packages);
  type(packages, '.name', '充100送10');
  type(packages, '.price', '100');
  type(packages, '.bonus', '10');
  await tap(packages, '.create >>> .t-button');
  await until('the package is on sale', () => text(packages, '.package-offer') === '充¥100 送¥10', packages);

  // The diner scans the table and joins.
  await handTo(`loyal-${run}`);
  const menu = await open('pages/table/menu/index', { scene: encodeURIComponent(restaurant.scene) });
  await until('the menu shows', () => text(menu, '.store-name') === restaurant.name, menu);
  const join = await open('pages/member/join/index', { store: storeId, table: restaurant.table.id });
  await until('the notice shows', () => (text(join, '.notice') || '').length > 20, join);
  await tap(join, '.consent');
  await tap(join, '.join-button >>> .t-button');
  await until('the diner is a member', () => lastNavigation().url.startsWith('/pages/member/card/index'), join);

  // 我的优惠券: the code claimed, and the coupon under 可用.
  const coupons = await open('pages/wallet/coupons/index', { store: storeId });
  await until('the wallet shows no coupon yet', () => !!coupons.querySelector('.none'), coupons);
  type(coupons, '.code', code);
  await tap(coupons, '.claim >>> .t-button');
  await until('the coupon is claimed', () => (text(coupons, '.claimed') || '').startsWith('领取成功：满50减8（满¥50减¥8）'), coupons);
  await until('the coupon is available', () => text(coupons, '.coupon-name') === '满50减8', coupons);
  expect(text(coupons, '.coupon.available .coupon-value')).toBe('满¥50减¥8');

  // Back at the menu: 牛肉面 微辣 加牛肉 (¥36) and two 拍黄瓜 (¥24), ¥60 before member prices.
  await tap(menu, '.add');
  const choices = menu.querySelectorAll('.choice');
  choices[0].dispatchEvent('tap'); // 微辣
  choices[3].dispatchEvent('tap'); // 加牛肉
  await tap(menu, '.confirm-choice >>> .t-button');
  await until('the cart holds the noodles', () => text(menu, '.cart-count') === '1 份', menu);
  const cucumber = menu.querySelectorAll('.add')[1];
  cucumber.dispatchEvent('tap');
  await until('the cart holds a cucumber', () => text(menu, '.cart-count') === '2 份', menu);
  cucumber.dispatchEvent('tap');
  await until('the cart holds two cucumbers', () => text(menu, '.cart-count') === '3 份', menu);
  await tap(menu, '.to-cart >>> .t-button');
  const cart = await followed();
  await until('the cart shows', () => cart.querySelectorAll('.line').length === 3, cart);
  await tap(cart, '.checkout >>> .t-button');

  // Checkout: member price on the noodles, then the coupon chosen as the best, on its own 优惠券 line.
  const checkout = await followed();
  await until('checkout prices the coupon', () => text(checkout, '.total') === '¥49.00', checkout);
  expect(text(checkout, '.subtotal')).toBe('¥60.00');
  expect(texts(checkout, '.adjustment')).toEqual(['会员价-¥3.00', '满50减8-¥8.00']);
  expect(texts(checkout, '.coupon-choice')).toEqual(['优惠券满50减8（满¥50减¥8）›']);
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo', checkout);
  expect(lastNavigation().url).toContain('pay=1');

  // Paid in the simulator (no balance yet, so WeChat Pay at once); the order shows its discount.
  const status = await followed();
  await until('the order is paid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 已支付', status, 30000);
  expect(phone.modals.map((m) => m.title)).toEqual(['模拟微信支付']);
  expect(text(status, '.order-total')).toBe('¥49.00');
  expect(text(status, '.order-subtotal')).toBe('商品金额¥60.00');
  expect(texts(status, '.order-adjustment')).toEqual(['会员价-¥3.00', '满50减8-¥8.00']);
  await tap(status, '.to-bill >>> .t-button');
  const bill = await followed();
  await until('the bill shows the order', () => text(bill, '.billed') === '¥49.00', bill);
  expect(texts(bill, '.adjustment')).toEqual(['会员价-¥3.00', '满50减8-¥8.00']);

  // 我的积分: one point per yuan paid (¥49, not the ¥60 before discounts), once the relay has delivered the payment.
  const points = await open('pages/wallet/points/index', { store: storeId });
  await until('the points are earned', reloading(points, () => text(points, '.balance') === '49'), points);
  expect(points.querySelectorAll('.history-line')).toHaveLength(1);
  expect(text(points, '.history-name')).toBe('消费得积分');
  expect(text(points, '.history-points')).toBe('+49');

  // 会员等级: 普通 with its member prices, ¥49 spent towards 银卡.
  const level = await open('pages/wallet/level/index', { store: storeId });
  await until('the level shows the spend', reloading(level, () => text(level, '.spend') === '近12个月消费 ¥49.00'), level);
  expect(text(level, '.level-name')).toBe('普通');
  expect(text(level, '.next')).toBe('再消费 ¥951 升级为银卡');
  expect(level.instance.data.level.progress).toBe(4);

  // The coupon is under 已使用 now, and 可用 is empty.
  const wallet = await open('pages/wallet/coupons/index', { store: storeId });
  await until('nothing is available', () => !!wallet.querySelector('.none'), wallet);
  await tap(wallet, '.state-used');
  await until('the coupon is used', () => text(wallet, '.coupon.used .coupon-name') === '满50减8', wallet);
  expect(text(wallet, '.coupon-validity')).toMatch(/已使用$/);

  // 储值: topping up 充100送10, paid in the simulator; ¥110 on the balance.
  const storedValue = await open('pages/wallet/stored-value/index', { store: storeId });
  await until('the package is offered', () => text(storedValue, '.package-offer') === '充¥100 送¥10', storedValue);
  expect(text(storedValue, '.balance')).toBe('¥0.00');
  await tap(storedValue, '.top-up >>> .t-button');
  await until('the top-up is confirmed', () => phone.toasts.some((toast) => /^(充值成功|已支付，余额稍后到账)$/.test(toast)), storedValue, 30000);
  // Credited by the relay just after it is paid: a slow relay's diner pulls down to read the balance again.
  await until('the balance holds the top-up', reloading(storedValue, () => text(storedValue, '.balance') === '¥110.00'), storedValue);
  expect(text(storedValue, '.parts')).toBe('本金 ¥100.00 · 赠送 ¥10.00');
  expect(text(storedValue, '.history-amount')).toBe('+¥110.00');

  // A second order, one 拍黄瓜 (¥12): no usable coupon is left, and the status page offers the balance.
  await tap(status, '.more-dishes >>> .t-button');
  await until('back to the menu', () => lastNavigation().how === 'reLaunch', status);
  const again = await followed();
  await until('the menu shows again', () => text(again, '.store-name') === restaurant.name, again);
  again.querySelectorAll('.add')[1].dispatchEvent('tap');
  await until('the cart holds a cucumber', () => text(again, '.cart-count') === '1 份', again);
  await tap(again, '.to-cart >>> .t-button');
  const secondCart = await followed();
  await until('the cart shows', () => secondCart.querySelectorAll('.line').length === 1, secondCart);
  await tap(secondCart, '.checkout >>> .t-button');
  const secondCheckout = await followed();
  await until('checkout is priced', () => text(secondCheckout, '.subtotal') === '¥12.00', secondCheckout);
  expect(text(secondCheckout, '.total')).toBe('¥12.00');
  expect(text(secondCheckout, '.chosen-coupon')).toBe('暂无可用优惠券 ›');
  await tap(secondCheckout, '.submit >>> .t-button');
  await until('the second order is placed', () => lastNavigation().how === 'redirectTo', secondCheckout);
  const secondStatus = await followed();
  await until('the balance is offered', () => text(secondStatus, '.balance-hint') === '储值余额 ¥110.00，可用于支付订单', secondStatus);
  const modalsBefore = phone.modals.length;
  await tap(secondStatus, '.pay-stored-value >>> .t-button');
  await until('the second order is paid', () => secondStatus.querySelectorAll('.paid-tag').length === 2, secondStatus, 30000);
  expect(phone.modals).toHaveLength(modalsBefore); // from the balance alone: WeChat Pay was not asked

  // The balance dropped by the order's total.
  const after = await open('pages/wallet/stored-value/index', { store: storeId });
  await until('the balance shows', () => text(after, '.balance') === '¥98.00', after);
  expect(text(after, '.history-name')).toBe('消费');
  expect(text(after, '.history-amount')).toBe('-¥12.00');

  // The owner's list: the coupon with its claim code, issued once and redeemed once.
  await handTo(restaurant.ownerUser);
  const counted = await open('staff/pages/loyalty/coupons/index', { store: storeId, role: 'owner' });
  await until('the owner sees the coupon', () => text(counted, '.template-name') === '满50减8', counted);
  expect(text(counted, '.claim-code')).toBe(`兑换码 ${code}`);
  expect(text(counted, '.template-counts')).toMatch(/^已发 1 · 已用 1 · /);
});
