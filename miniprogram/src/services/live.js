// Live feeds over WebSocket (the table's tab, the store's kitchen). A feed reconnects with a growing wait after a
// drop, and after every reconnect calls `onResync` so the page reads the state again over HTTP: messages sent while
// the socket was down are gone. A feed closed because its session ended (4401/4403) signs in again first.
const config = require('../config/index');
const { pathOf } = require('./endpoints');
const api = require('./request');

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
const SESSION_ENDED = 4401;
const ACCESS_ENDED = 4403;

/**
 * Opens endpoint `name` (tabLive, kitchenLive) with `params`; `onMessage(json)` gets each message, `onResync()` runs
 * after each reconnect, `onStatus(connected)` says whether the feed is up. Answers `{ close() }`.
 */
function openFeed(name, params, { onMessage, onResync = () => {}, onStatus = () => {}, backoff = BACKOFF_MS } = {}) {
  const url = config.socketBaseUrl() + pathOf(name, params);
  let task = null;
  let attempts = 0;
  let timer = null;
  let closed = false;
  let everOpened = false;

  function scheduleReconnect(signInFirst) {
    if (closed) {
      return;
    }
    const wait = backoff[Math.min(attempts, backoff.length - 1)];
    attempts += 1;
    timer = setTimeout(async () => {
      timer = null;
      if (signInFirst) {
        try {
          api.clearSession();
          await api.signIn();
        } catch (e) {
          scheduleReconnect(true);
          return;
        }
      }
      connect();
    }, wait);
  }

  function connect() {
    if (closed) {
      return;
    }
    const bearer = api.token();
    const socket = wx.connectSocket({
      url,
      header: bearer ? { Authorization: `Bearer ${bearer}` } : {},
      fail: () => {},
    });
    task = socket;
    let lost = false;
    const drop = (signInFirst) => {
      if (lost || task !== socket) {
        return;
      }
      lost = true;
      task = null;
      onStatus(false);
      scheduleReconnect(signInFirst);
    };
    socket.onOpen(() => {
      const reconnected = everOpened;
      everOpened = true;
      attempts = 0;
      onStatus(true);
      if (reconnected) {
        onResync();
      }
    });
    socket.onMessage((message) => {
      let parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      onMessage(parsed);
    });
    socket.onClose((event) => drop(!!event && (event.code === SESSION_ENDED || event.code === ACCESS_ENDED)));
    socket.onError(() => drop(false));
  }

  if (!api.token()) {
    // The handshake needs a session: sign in first, then connect.
    api.signIn().then(connect, () => scheduleReconnect(true));
  } else {
    connect();
  }

  return {
    close() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      if (task) {
        const open = task;
        task = null;
        open.close({});
      }
    },
  };
}

module.exports = { openFeed };
