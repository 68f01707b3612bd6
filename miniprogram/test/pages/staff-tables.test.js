const { phone } = require('../support/phone');
const { backend, json, problem } = require('../support/backend');
const { openPage, text, exists, tap, settle } = require('../support/pages');
const { STORE_ID, TABLES, STORE_PATH } = require('../support/staff');

const PAGE = 'staff/pages/tables/codes/index';

/** wx.downloadFile answered by the test: the file's status, and what the file holds. */
function downloads(answer) {
  const files = {};
  jest.spyOn(wx, 'downloadFile').mockImplementation((options) => {
    phone.requests.push({ method: 'DOWNLOAD', url: options.url, header: options.header });
    const { statusCode, body } = answer(options);
    const tempFilePath = `wxfile://tmp/${Object.keys(files).length}`;
    files[tempFilePath] = body;
    setTimeout(() => options.success({ statusCode, tempFilePath }));
  });
  jest.spyOn(wx, 'getFileSystemManager').mockImplementation(() => ({
    readFileSync: (filePath) => files[filePath],
  }));
}

test('the tables show, and the code sheet downloads with the session and opens as a PDF', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }) }));
  downloads(() => ({ statusCode: 200, body: '%PDF-1.7' }));
  jest.spyOn(wx, 'openDocument').mockImplementation((options) => setTimeout(() => options.success()));
  const page = await openPage(PAGE, { store: STORE_ID });

  expect(page.querySelectorAll('.table')).toHaveLength(2);
  expect(text(page, '.table')).toContain('大厅 · 4 座');
  expect(page.querySelectorAll('.table-state')[1].dom.textContent).toBe('已停用');

  await tap(page, '.sheet-link >>> .t-button');
  await settle();

  const download = phone.requests.find((r) => r.method === 'DOWNLOAD');
  expect(download.url).toBe(`http://api.test${STORE_PATH}/table-codes.pdf?kind=link`);
  expect(download.header.Authorization).toMatch(/^Bearer token-1-/);
  expect(wx.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/0', fileType: 'pdf' }));
});

test('a refused sheet shows the problem\'s message; an expired session signs in again once', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }) }));
  let calls = 0;
  downloads(() => {
    calls += 1;
    return calls === 1
      ? { statusCode: 401, body: JSON.stringify({ status: 401, code: 'unauthorized', message: '请先登录' }) }
      : { statusCode: 403, body: JSON.stringify({ status: 403, code: 'forbidden', message: '只有店主可以打印桌码' }) };
  });
  jest.spyOn(wx, 'openDocument');
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.sheet-wechat >>> .t-button');
  await settle();

  expect(calls).toBe(2);
  expect(text(page, '.sheet-error')).toBe('只有店主可以打印桌码');
  expect(wx.openDocument).not.toHaveBeenCalled();
});

test('the sheet cannot be asked for twice while it downloads', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }) }));
  let finish;
  jest.spyOn(wx, 'downloadFile').mockImplementation((options) => {
    phone.requests.push({ method: 'DOWNLOAD', url: options.url });
    finish = () => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/sheet' });
  });
  jest.spyOn(wx, 'openDocument').mockImplementation((options) => setTimeout(() => options.success()));
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.sheet-wechat >>> .t-button');
  await tap(page, '.sheet-wechat >>> .t-button');
  finish();
  await settle();

  expect(phone.requests.filter((r) => r.method === 'DOWNLOAD')).toHaveLength(1);
  expect(wx.openDocument).toHaveBeenCalledTimes(1);
});

test('tables that cannot be read show the problem and a retry', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/tables`]: problem(404, 'store_not_found', '找不到这家门店') }));
  const page = await openPage(PAGE, { store: STORE_ID });

  expect(text(page, '.error')).toBe('找不到这家门店');
  expect(exists(page, '.retry')).toBe(true);
});

test('a sheet that cannot be downloaded for want of network says so', async () => {
  phone.answer(backend({ [`GET ${STORE_PATH}/tables`]: json(200, { tables: TABLES }) }));
  jest.spyOn(wx, 'downloadFile').mockImplementation((options) => setTimeout(() => options.fail({ errMsg: 'downloadFile:fail' })));
  jest.spyOn(wx, 'openDocument');
  const page = await openPage(PAGE, { store: STORE_ID });

  await tap(page, '.sheet-wechat >>> .t-button');
  await settle();

  expect(text(page, '.sheet-error')).toBe('网络连接失败，请检查网络后重试');
  expect(wx.openDocument).not.toHaveBeenCalled();
});
