// Everything the mini-program asks of the backend exists in the backend's OpenAPI contract. The services name their
// calls through one table (services/endpoints.js); this test checks the table against the contract, and checks the
// code so that no call can go around the table.
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const { ENDPOINTS } = require('../../src/services/endpoints');

const SRC = path.resolve(__dirname, '../../src');
const CONTRACT = path.resolve(__dirname, '../../../backend/src/main/resources/openapi.yaml');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'miniprogram_npm' ? [] : sourceFiles(full);
    }
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

const contract = yaml.load(fs.readFileSync(CONTRACT, 'utf8'));
const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), code: fs.readFileSync(file, 'utf8') }));

test.each(Object.entries(ENDPOINTS))('%s is an operation of the contract', (name, endpoint) => {
  const operations = contract.paths[endpoint.path];
  expect(operations).toBeDefined();
  expect(operations[endpoint.method.toLowerCase()]).toBeDefined();
});

test.each(Object.entries(ENDPOINTS))('%s needs a session exactly when the contract names roles for it', (name, endpoint) => {
  const operation = contract.paths[endpoint.path][endpoint.method.toLowerCase()];
  expect(endpoint.auth).toBe(Array.isArray(operation['x-roles']));
});

test.each(Object.entries(ENDPOINTS))('%s adds an idempotency key exactly when the contract asks for one', (name, endpoint) => {
  const operation = contract.paths[endpoint.path][endpoint.method.toLowerCase()];
  const body = operation.requestBody && operation.requestBody.content['application/json'].schema;
  const asks = !!(body && body.properties && body.properties.idempotency_key);
  expect(!!endpoint.idempotent).toBe(asks);
});

test.each(Object.entries(ENDPOINTS).filter(([, endpoint]) => endpoint.revalidated))('%s is revalidated only where the contract answers 304', (name, endpoint) => {
  expect(endpoint.method).toBe('GET');
  expect(contract.paths[endpoint.path].get.responses['304']).toBeDefined();
});

test('every endpoint name the code calls is in the table', () => {
  const called = files.flatMap(({ file, code }) => [...code.matchAll(/\b(?:request|download|openFeed)\(\s*'([^']+)'/g)]
    .map((match) => ({ file, name: match[1] })));
  expect(called.length).toBeGreaterThan(10);
  called.forEach(({ file, name }) => expect(`${file}: ${name} ${ENDPOINTS[name] ? 'known' : 'unknown'}`).toBe(`${file}: ${name} known`));
});

test('calls are made only by name: a dynamic name or an address written elsewhere would escape this check', () => {
  const offenders = files.flatMap(({ file, code }) => {
    const found = [];
    const calls = [...code.matchAll(/(function\s+|wx\.)?\b(?:request|download|openFeed)\(\s*(.)/g)]
      .filter((match) => !match[1]);
    if (calls.some((match) => match[2] !== "'")) {
      found.push(`${file}: endpoint name not a literal`);
    }
    if (file !== 'services/endpoints.js' && /['"`]\/api\//.test(code)) {
      found.push(`${file}: writes an /api/ address`);
    }
    if (/wx\.request\(/.test(code) && !['services/request.js', 'services/wechat.js'].includes(file)) {
      found.push(`${file}: calls wx.request`);
    }
    if (/wx\.downloadFile\(/.test(code) && file !== 'services/request.js') {
      found.push(`${file}: calls wx.downloadFile`);
    }
    if (/wx\.connectSocket\(/.test(code) && file !== 'services/live.js') {
      found.push(`${file}: calls wx.connectSocket`);
    }
    return found;
  });
  expect(offenders).toEqual([]);
});
