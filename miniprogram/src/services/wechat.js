// The WeChat seam: sign-in codes, payment, subscribe messages, phone number, scanning and files. In the `live`
// environment these are WeChat's own wx.* calls; in `simulator` they go to the backend's built-in WeChat simulator,
// so the whole flow runs in the developer tools with no AppID. Never both.
const config = require('../config/index');

const SIMULATED_USER_KEY = 'tableloop.simulatedUser';

function failure(code, message) {
  const error = new Error(message);
  error.code = code;
  return error;
}

function simulator() {
  const env = config.environment();
  return env.name === 'simulator' ? env.simulatorBaseUrl : null;
}

function postToSimulator(base, path, body) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: base + path,
      method: 'POST',
      data: body,
      header: { 'Content-Type': 'application/json' },
      timeout: 10000,
      success: (response) => (response.statusCode === 200
        ? resolve(response.data)
        : reject(failure('simulator', `模拟器拒绝了请求（${response.statusCode}）`))),
      fail: () => reject(failure('network', '连接不到微信模拟器，请确认后端已启动')),
    });
  });
}

/** The test user the simulator signs in as on this device; another name is another person (a friend at the table). */
function simulatedUser() {
  let user = wx.getStorageSync(SIMULATED_USER_KEY);
  if (!user) {
    user = `diner-${Math.random().toString(36).slice(2, 10)}`;
    wx.setStorageSync(SIMULATED_USER_KEY, user);
  }
  return user;
}

function useSimulatedUser(user) {
  wx.setStorageSync(SIMULATED_USER_KEY, user);
}

/** A wx.login code for the backend's POST /api/v1/auth/wechat. */
async function login() {
  const base = simulator();
  if (base) {
    const minted = await postToSimulator(base, '/sim/login-code', { user: simulatedUser() });
    return minted.code;
  }
  return new Promise((resolve, reject) => {
    wx.login({
      success: (result) => (result.code ? resolve(result.code) : reject(failure('login', '微信登录失败，请重试'))),
      fail: () => reject(failure('login', '微信登录失败，请重试')),
    });
  });
}

function confirm(title, content) {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText: '支付', cancelText: '取消', success: (r) => resolve(!!r.confirm), fail: () => resolve(false) });
  });
}

/**
 * Pays with the server-signed parameters (`request_payment`). Resolves when WeChat says the diner paid; the order's
 * state must still be confirmed from the server. Rejects with code `payment_cancelled` or `payment_failed`.
 */
async function requestPayment(params) {
  const base = simulator();
  if (base) {
    const prepayId = String(params.package || '').replace(/^prepay_id=/, '');
    if (!(await confirm('模拟微信支付', '开发环境：由微信模拟器完成支付'))) {
      throw failure('payment_cancelled', '已取消支付');
    }
    await postToSimulator(base, '/sim/pay/pay', { prepay_id: prepayId });
    return { paid: true };
  }
  return new Promise((resolve, reject) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: () => resolve({ paid: true }),
      fail: (result) => reject(/cancel/.test((result && result.errMsg) || '')
        ? failure('payment_cancelled', '已取消支付')
        : failure('payment_failed', '支付没有完成，请重试')),
    });
  });
}

/** Asks the diner for one-time subscribe messages; answers WeChat's map of template id → 'accept' | 'reject'. */
async function requestSubscribeMessage(templateIds) {
  const base = simulator();
  if (base) {
    const user = simulatedUser();
    const answers = {};
    for (const templateId of templateIds) {
      await postToSimulator(base, '/sim/subscribe-accept', { user, template_id: templateId, times: 1 });
      answers[templateId] = 'accept';
    }
    return answers;
  }
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: templateIds,
      success: (result) => resolve(result),
      fail: () => resolve({}),
    });
  });
}

/**
 * The phone-number code for the backend, from a <button open-type="getPhoneNumber"> event (live) or minted by the
 * simulator for a test number. Rejects with `phone_refused` when the diner said no.
 */
async function phoneNumberCode(event) {
  const base = simulator();
  if (base) {
    const minted = await postToSimulator(base, '/sim/phone-code', { phone: '13800138000' });
    return minted.code;
  }
  const code = event && event.detail && event.detail.code;
  if (!code) {
    throw failure('phone_refused', '未授权手机号');
  }
  return code;
}

/** What a scanned code names: `{ scene }` for a mini-program code, `{ q }` for a table link. */
function readScan(result) {
  const path = result.path || '';
  const scene = /[?&]scene=([^&]*)/.exec(path);
  if (scene) {
    return { scene: decodeURIComponent(scene[1]) };
  }
  if (/^https?:\/\//.test(result.result || '')) {
    return { q: result.result };
  }
  return null;
}

/** Scans a table's code with the camera (the developer tools let you pick the code's picture). */
function scanCode() {
  return new Promise((resolve, reject) => {
    wx.scanCode({
      scanType: ['wxCode', 'qrCode'],
      success: (result) => {
        const named = readScan(result);
        return named ? resolve(named) : reject(failure('not_a_table_code', '这不是本店的桌台码，请扫描桌上的二维码'));
      },
      fail: () => reject(failure('scan_cancelled', '已取消扫码')),
    });
  });
}

/** Shows a downloaded document (the table-code sheet's PDF) in WeChat's viewer, from where it can be printed or sent. */
function openDocument(filePath, fileType) {
  return new Promise((resolve, reject) => {
    wx.openDocument({
      filePath,
      fileType,
      showMenu: true,
      success: () => resolve(),
      fail: () => reject(failure('document', '无法打开文件，请稍后重试')),
    });
  });
}

/** Sends a downloaded file (my data's JSON, say) to a chat, where it can be kept or forwarded: WeChat's way to save. */
function shareFile(filePath, fileName) {
  return new Promise((resolve, reject) => {
    wx.shareFileMessage({
      filePath,
      fileName,
      success: () => resolve(),
      fail: (result) => reject(/cancel/.test((result && result.errMsg) || '')
        ? failure('share_cancelled', '已取消发送')
        : failure('share_failed', '无法发送文件，请稍后重试')),
    });
  });
}

module.exports = {
  login, requestPayment, requestSubscribeMessage, phoneNumberCode, scanCode, readScan, simulatedUser,
  useSimulatedUser, openDocument, shareFile,
};
