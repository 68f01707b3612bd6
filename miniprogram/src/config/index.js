// Where the mini-program finds its backend, per environment. Exactly one environment is active.
//
// simulator: development in the WeChat developer tools against a local backend started with
//   WECHAT_SIMULATOR_PORT=8090 java -jar backend/target/tableloop.jar
//   (no AppID needed; sign-in and payment go through the backend's built-in WeChat simulator).
// live: the restaurant's release. Set apiBaseUrl to the HTTPS address of its backend (its PUBLIC_BASE_URL, which
//   must also be a "request" and "socket" legal domain in the mini-program's admin console), and ACTIVE to 'live'.
const ACTIVE = 'simulator';

const ENVIRONMENTS = {
  simulator: {
    name: 'simulator',
    apiBaseUrl: 'http://127.0.0.1:8080',
    simulatorBaseUrl: 'http://127.0.0.1:8090',
  },
  live: {
    name: 'live',
    apiBaseUrl: 'https://order.example.com',
    simulatorBaseUrl: null,
  },
};

let current = null;

function releaseBuild() {
  try {
    return typeof wx !== 'undefined' && wx.getAccountInfoSync().miniProgram.envVersion === 'release';
  } catch (e) {
    return false;
  }
}

/** The active environment; a released build never talks to a simulator. */
function environment() {
  if (!current) {
    use(ACTIVE);
  }
  return current;
}

/** Switches to `name` (tests point it at the backend they started with `overrides`). */
function use(name, overrides = {}) {
  const base = ENVIRONMENTS[name];
  if (!base) {
    throw new Error(`unknown environment ${name}`);
  }
  if (name === 'simulator' && releaseBuild()) {
    throw new Error('a released mini-program must use the live environment');
  }
  current = Object.freeze({ ...base, ...overrides });
  return current;
}

/** The WebSocket address of the backend (ws:// or wss://, following its HTTP address). */
function socketBaseUrl() {
  return environment().apiBaseUrl.replace(/^http/, 'ws');
}

module.exports = { environment, use, socketBaseUrl };
