const { phone } = require('../support/phone');
const { backend } = require('../support/backend');
const live = require('../../src/services/live');
const ordering = require('../../src/services/ordering');

const TAB = { id: 'tab-1', store_id: 'store-1', cart: { version: 0 } };
const SESSION = { token: 'kept-token-abcdefghijklmnopq', user: { id: 'u0' }, roles: [] };

async function flush() {
  for (let i = 0; i < 10; i += 1) {
    await Promise.resolve();
  }
}

beforeEach(() => {
  jest.useFakeTimers();
  wx.setStorageSync('tableloop.session', SESSION);
});

afterEach(() => jest.useRealTimers());

test('the tab feed opens at the backend\'s WebSocket address with the session token, and hands on each tab', () => {
  const tabs = [];
  ordering.watchTab(TAB, { onTab: (tab) => tabs.push(tab) });
  const socket = phone.sockets[0];

  socket.open();
  socket.receive({ type: 'tab', tab: { id: 'tab-1', cart: { version: 4 } } });
  socket.receive({ type: 'something-else' });

  expect(socket.url).toBe('ws://api.test/api/v1/stores/store-1/tabs/tab-1/live');
  expect(socket.header.Authorization).toBe(`Bearer ${SESSION.token}`);
  expect(tabs).toEqual([{ id: 'tab-1', cart: { version: 4 } }]);
});

test('a dropped feed reconnects with growing waits and, once back, has the page read the state again', async () => {
  const onResync = jest.fn();
  const statuses = [];
  live.openFeed('tabLive', { store: 'store-1', tab: 'tab-1' }, {
    onMessage: () => {}, onResync, onStatus: (up) => statuses.push(up), backoff: [1000, 2000, 4000],
  });
  phone.sockets[0].open();
  expect(onResync).not.toHaveBeenCalled();

  phone.sockets[0].drop();
  jest.advanceTimersByTime(999);
  expect(phone.sockets).toHaveLength(1);
  jest.advanceTimersByTime(1);
  expect(phone.sockets).toHaveLength(2);

  phone.sockets[1].drop();
  jest.advanceTimersByTime(1999);
  expect(phone.sockets).toHaveLength(2);
  jest.advanceTimersByTime(1);
  expect(phone.sockets).toHaveLength(3);

  phone.sockets[2].open();
  expect(onResync).toHaveBeenCalledTimes(1);
  expect(statuses).toEqual([true, false, false, true]);

  // A later drop starts counting the waits again from the shortest.
  phone.sockets[2].drop();
  jest.advanceTimersByTime(1000);
  expect(phone.sockets).toHaveLength(4);
});

test('a feed closed because the session ended signs in again before reconnecting, with the new token', async () => {
  const answers = backend({});
  phone.answer(answers);
  live.openFeed('tabLive', { store: 'store-1', tab: 'tab-1' }, { onMessage: () => {}, backoff: [10] });
  phone.sockets[0].open();

  phone.sockets[0].drop(4401, 'session_ended');
  jest.advanceTimersByTime(10);
  await flush();
  await jest.runAllTimersAsync();

  expect(answers.signIns()).toBe(1);
  expect(phone.sockets).toHaveLength(2);
  expect(phone.sockets[1].header.Authorization).toBe('Bearer token-1-abcdefghijklmnopqrstu');
});

test('closing the feed stops it for good: no reconnect after a drop', () => {
  const feed = live.openFeed('tabLive', { store: 'store-1', tab: 'tab-1' }, { onMessage: () => {}, backoff: [10] });
  phone.sockets[0].open();

  feed.close();
  phone.sockets[0].drop();
  jest.advanceTimersByTime(1000);

  expect(phone.sockets[0].closed).toBe(true);
  expect(phone.sockets).toHaveLength(1);
});

test('a message that is not JSON is ignored rather than breaking the feed', () => {
  const messages = [];
  live.openFeed('kitchenLive', { store: 'store-1' }, { onMessage: (m) => messages.push(m) });
  const socket = phone.sockets[0];
  socket.open();

  socket.handlers.message.forEach((h) => h({ data: 'not json' }));
  socket.receive({ type: 'orders', orders: [] });

  expect(messages).toEqual([{ type: 'orders', orders: [] }]);
});
