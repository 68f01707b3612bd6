const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, heldAnswer } = require('../support/staff');
const I = require('../support/insights');

const PAGE = 'staff/pages/insights/stores/index';
const RANKING = `/api/v1/tenants/${I.TENANT_ID}/insights/stores`;
const OPERATOR = { store: STORE_ID, role: 'operator', tenant: I.TENANT_ID };

function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.replace(/\s+/g, ' ').trim());
}

function periods() {
  return phone.requests.filter((r) => new URL(r.url).pathname === RANKING).map((r) => new URL(r.url).searchParams.get('period'));
}

test('loading, then the stores ranked with their figures, those below the brand\'s median flagged', async () => {
  const held = heldAnswer(json(200, I.ranking()));
  phone.answer(backend({ [`GET ${RANKING}`]: held }));
  const page = await openPage(PAGE, OPERATOR);
  expect(text(page, '.loading')).toBe('正在比较各门店…');
  held.release();
  await settle();

  expect(periods()).toEqual(['7d']);
  expect(texts(page, '.median .figure-value')).toEqual(['¥1500.00', '+5%', '40%', '¥80.00', '—']);
  expect(texts(page, '.store-name')).toEqual(['1 老街面馆 总店', '2 老街面馆 二店']);
  const figures = texts(page, '.store .figure-value');
  expect(figures.slice(0, 5)).toEqual(['¥2000.00', '+11.1%', '52.5%', '¥90.00', '6.1 倍']);
  expect(figures.slice(5)).toEqual(['¥1000.00 ↓', '-16.7% ↓', '31% ↓', '¥80.00', '—']);
  expect(texts(page, '.store .below')).toEqual(['¥1000.00 ↓营业额', '-16.7% ↓增长', '31% ↓复购率']);
  const [first, second] = page.querySelectorAll('.store');
  expect(first.dom.textContent).not.toContain('低于品牌中位数');
  expect(second.dom.textContent).toContain('低于品牌中位数');
});

test('another period is read for that period; a store opens its own dashboard', async () => {
  phone.answer(backend({ [`GET ${RANKING}`]: json(200, I.ranking()) }));
  const page = await openPage(PAGE, OPERATOR);

  page.querySelectorAll('.period')[0].dispatchEvent('tap');
  await settle();
  expect(periods()).toEqual(['7d', 'today']);
  expect(texts(page, '.period.chosen')).toEqual(['今天']);

  page.querySelectorAll('.store')[1].dispatchEvent('tap');
  await settle();
  expect(phone.navigations[0].url).toBe(`/staff/pages/insights/dashboard/index?store=44444444-4444-4444-4444-444444444444&role=operator&tenant=${I.TENANT_ID}`);
});

test('a tenant without stores says so', async () => {
  phone.answer(backend({ [`GET ${RANKING}`]: json(200, I.ranking({ stores: [] })) }));
  const page = await openPage(PAGE, OPERATOR);
  expect(exists(page, '.none')).toBe(true);
});

test('a refusal shows the server\'s words and a retry', async () => {
  let refused = true;
  phone.answer(backend({
    [`GET ${RANKING}`]: () => (refused ? problem(403, 'forbidden', '只有运营可以查看门店排行') : json(200, I.ranking())),
  }));
  const page = await openPage(PAGE, OPERATOR);
  expect(text(page, '.error')).toBe('只有运营可以查看门店排行');

  refused = false;
  await tap(page, '.retry >>> .t-button');
  expect(page.querySelectorAll('.store')).toHaveLength(2);
});
