// Every test starts with an empty phone: no session, no backend answers, no toasts, and the simulator environment.
const { phone } = require('./phone');
const config = require('../../src/config/index');

beforeEach(() => {
  phone.reset();
  config.use('simulator', { apiBaseUrl: 'http://api.test', simulatorBaseUrl: 'http://sim.test' });
});
