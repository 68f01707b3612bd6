/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
// Campaigns against the real backend (the built jar, simulator mode, the test PostgreSQL and Redis), on the real
// pages, from card to launch to result. A diner joins, so the 新客礼 card has an audience of one; the owner opens 营销,
// sees the card with its audience and cost, launches it in one tap and finds it in the list. Once the dispatcher has
// reached the member (on its own timer: the running jar offers no way to trigger it), the diner sees the banner at the
// next scan, the message in the message box and the coupon in the wallet; orders above the coupon's threshold, sees
// checkout choose it, pays in the simulator; and the owner's result card shows the redemption, the order it brought,
// its revenue, the cost and the return on it.
const { phone } = require('../support/phone');
const { text, tap } = require('../support/pages');
const journey = require('./journey');

const { run, handTo, until, open, followed, lastNavigation } = journey;

jest.setTimeout(120000);

let restaurant;

beforeAll(async () => {
  await journey.start();
  restaurant = await journey.openRestaurant('营销面馆', 'pay_first');
});

afterAll(() => journey.stop());

beforeEach(() => journey.bridgePhone());

/** The text of every node `selector` finds in `page`, its spacing left out. */
function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.replace(/\s+/g, ''));
}

/** Reads `page` again (its `load`) until `check()` holds: for what a background job does after the fact. */
function reloading(page, check) {
  return () => {
    if (check()) {
      return true;
    }
    page.instance.load();
    return false;
  };
}

/** The home page's card of `title`, or undefined. */
function cardTitled(home, title) {
  return home.instance.data.cards.find((card) => card.title === title);
}

test('the owner launches the 新客礼 card in one tap; the member gets it, pays with it, and the card shows the return', async () => {
  const { storeId } = restaurant;
  const diner = `newcomer-${run}`;

  // A diner scans and joins: the store's one new member.
  await handTo(diner);
  const firstMenu = await open('pages/table/menu/index', { scene: encodeURIComponent(restaurant.scene) });
  await until('the menu shows', () => text(firstMenu, '.store-name') === restaurant.name, firstMenu);
  expect(firstMenu.querySelector('.banner')).toBeFalsy();
  const join = await open('pages/member/join/index', { store: storeId, table: restaurant.table.id });
  await until('the notice shows', () => (text(join, '.notice') || '').length > 20, join);
  await tap(join, '.consent');
  await tap(join, '.join-button >>> .t-button');
  await until('the diner is a member', () => phone.navigations.some((n) => n.url.startsWith('/pages/member/card/index')), join);

  // 营销: the 新客礼 card reaches that one member, offers 满100减10 (no history yet: the ¥100 basket assumed) and
  // costs a quarter of a coupon (25% expected to redeem), no SMS (no phone given).
  await handTo(restaurant.ownerUser);
  const home = await open('staff/pages/campaigns/home/index', { store: storeId, role: 'owner' });
  await until('the cards show', () => !!cardTitled(home, '新客礼'), home);
  const welcome = home.instance.data.cards.indexOf(cardTitled(home, '新客礼'));
  expect(texts(home, '.card-audience')[welcome]).toBe('触达1人·平均客单价¥0.00·可短信触达0人');
  expect(texts(home, '.card-offer')[welcome]).toBe('满¥100减¥10·30天有效');
  expect(texts(home, '.card-cost')[welcome]).toBe('预计花费¥2.50');
  expect(texts(home, '.card-cost-parts')[welcome]).toBe('预计核销0.25张·券¥2.50·消息¥0.00');
  // The other cards have nobody to reach yet: 新客礼 is the one that can be launched.
  expect(home.querySelectorAll('.launch')).toHaveLength(1);
  expect(text(home, '.no-campaigns')).toBe('还没有发起过活动。');

  // 一键发起, confirmed with what it will cost; the campaign is in the list.
  await tap(home, '.launch');
  await until('the campaign is launched', () => phone.toasts.includes('活动已发起'), home);
  await until('the campaign is listed', () => home.querySelectorAll('.campaign').length === 1, home);
  const confirmation = phone.modals.find((modal) => modal.title === '发起「新客礼」');
  expect(confirmation.content).toBe('1 人 · 平均客单价 ¥0.00 · 可短信触达 0 人\n满¥100减¥10 · 30 天有效\n预计花费 ¥2.50');
  expect(text(home, '.campaign-title')).toBe('新客礼');
  expect(text(home, '.to-running')).toBe('查看效果');

  // The dispatcher's pass (every 30 s) reaches the member: the owner's result card says so.
  await tap(home, '.campaign');
  const detail = await followed();
  await until('the member is reached', reloading(detail, () => text(detail, '.reached') === '1'), detail, 40000);
  expect(text(detail, '.issued')).toBe('1');
  expect(text(detail, '.redeemed')).toBe('0');
  expect(text(detail, '.sent')).toBe('短信 0 条 · 消息盒子 1 条');

  // The diner's next scan: the banner above the menu, the message in the box, the coupon in the wallet.
  await handTo(diner);
  const menu = await open('pages/table/menu/index', { scene: encodeURIComponent(restaurant.scene) });
  await until('the banner shows', () => !!menu.querySelector('.banner'), menu);
  expect(text(menu, '.banner-title')).toBe('新客礼');
  expect(text(menu, '.banner-body')).toContain('满100减10元券');
  const inbox = await open('pages/member/inbox/index', { store: storeId });
  await until('the message shows', () => inbox.querySelectorAll('.message').length === 1, inbox);
  expect(text(inbox, '.unread-count')).toBe('1 条未读');
  await tap(inbox, '.message');
  await until('the message opens', () => !!inbox.querySelector('.message-body'), inbox);
  expect(text(inbox, '.message-body')).toContain('已放入你的券包');
  await tap(inbox, '.to-coupons');
  const wallet = await followed();
  await until('the coupon is in the wallet', () => text(wallet, '.coupon-name') === '新客礼 满100减10', wallet);
  expect(text(wallet, '.coupon.available .coupon-value')).toBe('满¥100减¥10');

  // Three 牛肉面 微辣 加牛肉 (¥36 each) and a 拍黄瓜: ¥120 before member prices, above the coupon's ¥100.
  for (let count = 1; count <= 3; count += 1) {
    await tap(menu, '.add');
    const choices = menu.querySelectorAll('.choice');
    choices[0].dispatchEvent('tap'); // 微辣
    choices[3].dispatchEvent('tap'); // 加牛肉
    await tap(menu, '.confirm-choice >>> .t-button');
    await until(`the cart holds ${count} noodles`, () => text(menu, '.cart-count') === `${count} 份`, menu);
  }
  menu.querySelectorAll('.add')[1].dispatchEvent('tap');
  await until('the cart holds a cucumber', () => text(menu, '.cart-count') === '4 份', menu);
  await tap(menu, '.to-cart >>> .t-button');
  const cart = await followed();
  await until('the cart shows', () => cart.querySelectorAll('.line').length === 4, cart);
  await tap(cart, '.checkout >>> .t-button');

  // Checkout chooses the campaign's coupon as the best.
  const checkout = await followed();
  await until('checkout prices the coupon', () => texts(checkout, '.adjustment').length === 2, checkout);
  expect(text(checkout, '.subtotal')).toBe('¥120.00');
  expect(texts(checkout, '.adjustment')).toEqual(['会员价-¥9.00', '新客礼满100减10-¥10.00']);
  expect(text(checkout, '.total')).toBe('¥101.00');
  expect(texts(checkout, '.coupon-choice')).toEqual(['优惠券新客礼满100减10（满¥100减¥10）›']);
  await tap(checkout, '.submit >>> .t-button');
  await until('the order is placed', () => lastNavigation().how === 'redirectTo', checkout);
  const status = await followed();
  await until('the order is paid', () => text(status, '.order-status') === '已下单，等待厨房接单 · 已支付', status, 30000);
  expect(phone.modals.map((m) => m.title)).toContain('模拟微信支付');
  expect(text(status, '.order-total')).toBe('¥101.00');

  // The owner's result card: one redeemed, the order it brought and its ¥101, ¥10 spent, a return of 10.1 times.
  await handTo(restaurant.ownerUser);
  const result = await open('staff/pages/campaigns/detail/index', {
    store: storeId, role: 'owner', campaign: detail.instance.data.campaign.id,
  });
  await until('the redemption counts', reloading(result, () => text(result, '.redeemed') === '1'), result);
  expect(text(result, '.orders')).toBe('1');
  expect(text(result, '.revenue')).toBe('¥101.00');
  expect(text(result, '.cost')).toBe('¥10.00');
  expect(text(result, '.cost-parts')).toBe('（券 ¥10.00 + 消息 ¥0.00）');
  expect(text(result, '.headline')).toBe('花费 ¥10.00，带回 ¥101.00，回报 10.1 倍');
});
