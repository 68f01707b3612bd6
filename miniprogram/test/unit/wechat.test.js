const { phone } = require('../support/phone');
const { backend, json } = require('../support/backend');
const config = require('../../src/config/index');
const wechat = require('../../src/services/wechat');

const PAY_PARAMS = { timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx2017', signType: 'RSA', paySign: 's' };

function hosts() {
  return phone.requests.map((r) => new URL(r.url).host);
}

describe('in the simulator environment', () => {
  test('a login code is minted by the simulator for this phone\'s test user, and WeChat is never asked', async () => {
    const login = jest.spyOn(wx, 'login');
    phone.answer(backend({}));
    wechat.useSimulatedUser('alice');

    const code = await wechat.login();

    expect(code).toMatch(/^code-1-/);
    expect(phone.requests[0]).toMatchObject({ method: 'POST', url: 'http://sim.test/sim/login-code', data: { user: 'alice' } });
    expect(login).not.toHaveBeenCalled();
  });

  test('each phone keeps one test user of its own', () => {
    const first = wechat.simulatedUser();

    expect(first).toMatch(/^diner-/);
    expect(wechat.simulatedUser()).toBe(first);
  });

  test('paying confirms on screen, then the simulator pays the prepay id the server signed', async () => {
    const requestPayment = jest.spyOn(wx, 'requestPayment');
    phone.answer(backend({ 'POST /sim/pay/pay': json(200, { status: 'SUCCESS' }) }));

    await expect(wechat.requestPayment(PAY_PARAMS)).resolves.toEqual({ paid: true });

    expect(phone.requests).toHaveLength(1);
    expect(phone.requests[0]).toMatchObject({ url: 'http://sim.test/sim/pay/pay', data: { prepay_id: 'wx2017' } });
    expect(requestPayment).not.toHaveBeenCalled();
  });

  test('cancelling the payment sheet pays nothing', async () => {
    phone.modalAnswer = false;
    phone.answer(backend({}));

    await expect(wechat.requestPayment(PAY_PARAMS)).rejects.toMatchObject({ code: 'payment_cancelled', message: '已取消支付' });
    expect(phone.requests).toHaveLength(0);
  });

  test('subscribe messages and phone numbers come from the simulator', async () => {
    phone.answer(backend({
      'POST /sim/subscribe-accept': json(200, {}),
      'POST /sim/phone-code': json(200, { code: 'phone-code-1' }),
    }));
    wechat.useSimulatedUser('bob');

    expect(await wechat.requestSubscribeMessage(['TPL_READY'])).toEqual({ TPL_READY: 'accept' });
    expect(await wechat.phoneNumberCode({})).toBe('phone-code-1');
    expect(phone.requests[0].data).toEqual({ user: 'bob', template_id: 'TPL_READY', times: 1 });
    expect(hosts()).toEqual(['sim.test', 'sim.test']);
  });
});

describe('in the live environment', () => {
  beforeEach(() => config.use('live', { apiBaseUrl: 'https://order.example.com' }));

  test('the login code is WeChat\'s own, and no simulator is called', async () => {
    jest.spyOn(wx, 'login').mockImplementation((options) => options.success({ code: 'wx-real-code' }));

    expect(await wechat.login()).toBe('wx-real-code');
    expect(phone.requests).toHaveLength(0);
  });

  test('payment goes to wx.requestPayment with the server-signed parameters as they are', async () => {
    const requestPayment = jest.spyOn(wx, 'requestPayment').mockImplementation((options) => options.success({}));

    await wechat.requestPayment(PAY_PARAMS);

    expect(requestPayment.mock.calls[0][0]).toMatchObject(PAY_PARAMS);
    expect(phone.requests).toHaveLength(0);
  });

  test('a diner who closes the payment sheet gets "cancelled"; another failure is not called a cancel', async () => {
    jest.spyOn(wx, 'requestPayment')
      .mockImplementationOnce((options) => options.fail({ errMsg: 'requestPayment:fail cancel' }))
      .mockImplementationOnce((options) => options.fail({ errMsg: 'requestPayment:fail (detail message)' }));

    await expect(wechat.requestPayment(PAY_PARAMS)).rejects.toMatchObject({ code: 'payment_cancelled' });
    await expect(wechat.requestPayment(PAY_PARAMS)).rejects.toMatchObject({ code: 'payment_failed' });
  });

  test('the phone number code is the one WeChat put on the button event; refusing is said plainly', async () => {
    expect(await wechat.phoneNumberCode({ detail: { code: 'phone-123' } })).toBe('phone-123');
    await expect(wechat.phoneNumberCode({ detail: { errMsg: 'getPhoneNumber:fail user deny' } }))
      .rejects.toMatchObject({ code: 'phone_refused' });
  });
});

describe('scanning', () => {
  test('a mini-program code gives its scene, a table link its address', () => {
    expect(wechat.readScan({ path: 'pages/table/menu/index?scene=s%3D12%26t%3DA3' })).toEqual({ scene: 's=12&t=A3' });
    expect(wechat.readScan({ result: 'https://order.example.com/t/12/A3' })).toEqual({ q: 'https://order.example.com/t/12/A3' });
    expect(wechat.readScan({ result: 'hello' })).toBeNull();
  });
});

test('a released build refuses the simulator environment', () => {
  jest.spyOn(wx, 'getAccountInfoSync').mockReturnValue({ miniProgram: { envVersion: 'release' } });

  expect(() => config.use('simulator')).toThrow('a released mini-program must use the live environment');
});

describe('sending a file on', () => {
  afterEach(() => {
    delete wx.shareFileMessage;
  });

  test('a downloaded file goes to WeChat\'s chat picker under its name', async () => {
    wx.shareFileMessage = jest.fn((options) => options.success());

    await wechat.shareFile('wxfile://tmp/1', '我的会员数据.json');

    expect(wx.shareFileMessage.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/1', fileName: '我的会员数据.json' });
  });

  test('cancelling and failing are told apart', async () => {
    wx.shareFileMessage = jest.fn((options) => options.fail({ errMsg: 'shareFileMessage:fail cancel' }));
    await expect(wechat.shareFile('wxfile://tmp/1', 'a.json')).rejects.toMatchObject({ code: 'share_cancelled' });

    wx.shareFileMessage = jest.fn((options) => options.fail({ errMsg: 'shareFileMessage:fail' }));
    await expect(wechat.shareFile('wxfile://tmp/1', 'a.json')).rejects.toMatchObject({
      code: 'share_failed', message: '无法发送文件，请稍后重试',
    });
  });
});
