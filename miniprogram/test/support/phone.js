// A phone for the tests: the wx APIs the mini-program uses, with real storage semantics, a backend the test answers
// (`phone.answer`), WebSockets the test drives, and a record of what the person saw (toasts, modals, navigation).

class FakeSocket {
  constructor(options) {
    this.url = options.url;
    this.header = options.header || {};
    this.handlers = { open: [], message: [], close: [], error: [] };
    this.closed = false;
  }

  onOpen(handler) { this.handlers.open.push(handler); }

  onMessage(handler) { this.handlers.message.push(handler); }

  onClose(handler) { this.handlers.close.push(handler); }

  onError(handler) { this.handlers.error.push(handler); }

  send() {}

  close() {
    this.closed = true;
  }

  // What the server does to the socket:
  open() { this.handlers.open.forEach((h) => h({})); }

  receive(json) { this.handlers.message.forEach((h) => h({ data: JSON.stringify(json) })); }

  drop(code = 1006, reason = '') {
    this.closed = true;
    this.handlers.close.forEach((h) => h({ code, reason }));
  }
}

const phone = {
  storage: new Map(),
  requests: [],
  /** Requests sent and not yet answered. */
  inFlight: 0,
  toasts: [],
  modals: [],
  navigations: [],
  sockets: [],
  modalAnswer: true,
  handler: null,
  openSocket: (options) => new FakeSocket(options),

  reset() {
    this.storage = new Map();
    this.requests = [];
    this.inFlight = 0;
    this.toasts = [];
    this.modals = [];
    this.navigations = [];
    this.sockets = [];
    this.modalAnswer = true;
    this.openSocket = (options) => new FakeSocket(options);
    this.handler = () => {
      throw new Error('the test gave the phone no backend');
    };
  },

  /** `open(options)` makes the socket each wx.connectSocket answers (a FakeSocket unless a test bridges them). */
  bridgeSockets(open) {
    this.openSocket = open;
  },

  /** `handler(request)` answers each wx.request: `{ statusCode, data }`, or throws `{ errMsg }` to fail it. */
  answer(handler) {
    this.handler = handler;
  },

  api: {
    getStorageSync: (key) => (phone.storage.has(key) ? JSON.parse(phone.storage.get(key)) : ''),
    setStorageSync: (key, value) => phone.storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key) => phone.storage.delete(key),
    showToast: (options) => phone.toasts.push(options.title),
    showLoading: () => {},
    hideLoading: () => {},
    showModal: (options) => {
      phone.modals.push(options);
      setTimeout(() => options.success && options.success({ confirm: phone.modalAnswer, cancel: !phone.modalAnswer }));
    },
    request: (options) => {
      const request = {
        method: options.method || 'GET', url: options.url, data: options.data, header: options.header || {},
        timeout: options.timeout,
      };
      phone.requests.push(request);
      phone.inFlight += 1;
      Promise.resolve()
        .then(() => phone.handler(request))
        .finally(() => {
          phone.inFlight -= 1;
        })
        .then((response) => options.success({ statusCode: 200, header: {}, ...response }),
          (failure) => options.fail({ errMsg: (failure && failure.errMsg) || 'request:fail' }));
      return { abort() {} };
    },
    connectSocket: (options) => {
      const socket = phone.openSocket(options);
      phone.sockets.push(socket);
      return socket;
    },
    navigateTo: (options) => phone.navigations.push({ how: 'navigateTo', url: options.url }),
    redirectTo: (options) => phone.navigations.push({ how: 'redirectTo', url: options.url }),
    reLaunch: (options) => phone.navigations.push({ how: 'reLaunch', url: options.url }),
    navigateBack: () => phone.navigations.push({ how: 'navigateBack' }),
    setNavigationBarTitle: () => {},
    stopPullDownRefresh: () => {},
  },
};

module.exports = { phone, FakeSocket };
