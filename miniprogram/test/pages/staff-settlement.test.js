const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, STORE_PATH } = require('../support/staff');

const PAGE = 'staff/pages/settlement/day/index';

function method(gross, refunds, payments, refundCount) {
  return { gross_fen: gross, refunds_fen: refunds, net_fen: gross - refunds, payment_count: payments, refund_count: refundCount };
}

const DAY = {
  date: '2026-12-01', time_zone: 'Asia/Shanghai', gross_fen: 12850, refunds_fen: 1290, net_fen: 11560,
  payment_count: 3, refund_count: 1,
  by_method: { wechat: method(8050, 1290, 2, 1), cash: method(4800, 0, 1, 0), card: method(0, 0, 0, 0), other: method(0, 0, 0, 0) },
  duplicate_payments: { received_fen: 0, refunded_fen: 0, refunds: [] },
  trade_bill_read: true,
  wechat_bill: { state: 'compared', compared_until: '2026-12-01T20:00:00Z', rest_available_at: null, message: '已与微信支付的账单核对', message_en: 'Compared with WeChat Pay\'s bill.' },
  mismatches: [],
};

const NOT_YET = {
  state: 'not_yet_available', compared_until: null, rest_available_at: '2026-12-02T02:00:00Z',
  message: '微信支付次日上午 10 点（北京时间）后才出账单：本日账单 2026-12-02 10:00 后可核对，此前不列任何差异',
  message_en: 'WeChat Pay issues a day\'s bill after 10:00 the next morning (China time): this day\'s comes after 2026-12-02 10:00. Nothing is compared, and no payment is listed as missing, until then.',
};

test('the day\'s money: net, gross and refunds, and each way of payment that moved money', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/settlements/2026-12-01`]: json(200, DAY) }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(text(page, '.net')).toBe('¥115.60');
  expect(text(page, '.gross')).toBe('收款 ¥128.50（3 笔）');
  expect(text(page, '.refunds')).toBe('退款 ¥12.90（1 笔）');
  expect(page.querySelectorAll('.method')).toHaveLength(2);
  expect(text(page, '.method-name')).toBe('微信支付');
  expect(text(page, '.method')).toContain('净 ¥67.60 · 2 笔 · 退款 ¥12.90');
  expect(text(page, '.bill')).toBe('与微信支付账单一致。');
  expect(exists(page, '.duplicates')).toBe(false);
});

test('today is the business day by default, and picking another day reads that one', async () => {
  const asked = [];
  phone.answer(((answers) => (request) => {
    asked.push(new URL(request.url).pathname);
    return answers(request);
  })(backend({
    [`GET ${STORE_PATH}/settlements/2026-11-30`]: json(200, { ...DAY, date: '2026-11-30', trade_bill_read: false, wechat_bill: NOT_YET }),
  })));
  const page = await openPage(PAGE, { store: STORE_ID });
  expect(page.instance.data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(asked[asked.length - 1]).toBe(`${STORE_PATH}/settlements/${page.instance.data.date}`);

  page.querySelector('.date-picker').dispatchEvent('change', { detail: { value: '2026-11-30' } });
  await settle();

  expect(asked[asked.length - 1]).toBe(`${STORE_PATH}/settlements/2026-11-30`);
  expect(text(page, '.bill-state')).toBe(NOT_YET.message);
  expect(text(page, '.bill-state-en')).toBe(NOT_YET.message_en);
  expect(text(page, '.bill')).not.toContain('一致');
});

test('duplicate payments and disagreements with WeChat Pay\'s bill are pointed out', async () => {
  phone.answer(backend({
    [`GET ${STORE_PATH}/settlements/2026-12-01`]: json(200, {
      ...DAY,
      duplicate_payments: { received_fen: 4000, refunded_fen: 4000, refunds: [] },
      mismatches: [{ discrepancy: 'missing_at_wechat', kind: 'payment', out_trade_no: 'T1', ours_fen: 4000, wechat_fen: null }],
    }),
  }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(text(page, '.duplicates')).toBe('重复支付 ¥40.00，已自动退回 ¥40.00（不计入收款）。');
  expect(text(page, '.bill')).toBe('与微信支付账单有 1 处不一致，请在管理后台核对。');
});

test('staff cannot read the settlement: the problem\'s message and a retry', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/settlements/2026-12-01`]: problem(403, 'forbidden', '只有店主可以查看结算') }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(text(page, '.error')).toBe('只有店主可以查看结算');
  await tap(page, '.retry >>> .t-button');
  expect(phone.requests.filter((r) => r.url.includes('/settlements/'))).toHaveLength(2);
});

test('stored value sold, granted, used and refunded, with payments from the balance as a way of paying', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/settlements/2026-12-01`]: json(200, {
    ...DAY,
    by_method: { ...DAY.by_method, stored_value: method(3000, 0, 1, 0) },
    stored_value: { sold_fen: 50000, bonus_granted_fen: 5000, used_fen: 3000, refunded_fen: 1000 },
  }) }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(page.querySelectorAll('.method-name').map((n) => n.dom.textContent)).toEqual(['微信支付', '储值余额', '现金', '储值']);
  expect(text(page, '.stored-value-figures')).toBe('售出 ¥500.00（另赠 ¥50.00）· 消费 ¥30.00 · 退还 ¥10.00');
});

test('a day without stored value shows no such section', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/settlements/2026-12-01`]: json(200, DAY) }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(exists(page, '.stored-value')).toBe(false);
});

test('a day compared up to midnight says so beside what differs in those hours', async () => {
  const partly = {
    state: 'partly_compared', compared_until: '2026-12-01T16:00:00Z', rest_available_at: '2026-12-03T02:00:00Z',
    message: '已核对到 2026-12-02 00:00；其余时段的微信支付账单 2026-12-03 10:00 后才有，届时再核对',
    message_en: 'Compared up to 2026-12-02 00:00; WeChat Pay\'s bill of the rest of the day comes after 2026-12-03 10:00 (China time): compare again then.',
  };
  phone.answer(backend({
    [`GET ${STORE_PATH}/settlements/2026-12-01`]: json(200, {
      ...DAY,
      wechat_bill: partly,
      mismatches: [{ discrepancy: 'amount_differs', kind: 'payment', out_trade_no: 'T1', ours_fen: 4001, wechat_fen: 4000 }],
    }),
  }));
  const page = await openPage(PAGE, { store: STORE_ID, date: '2026-12-01' });

  expect(text(page, '.bill .error')).toBe('与微信支付账单有 1 处不一致，请在管理后台核对。');
  expect(text(page, '.bill-state')).toBe(partly.message);
});
