// The real backend for journey tests: the built jar in simulator mode, on a fresh database of the test PostgreSQL
// and its own Redis key prefix, on ports picked here. Always stopped and its database dropped afterwards.
const { spawn, execFile } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');
const util = require('util');

// The pages need jsdom's window as the global scope, which lacks what pg uses from Node's.
global.TextEncoder = global.TextEncoder || util.TextEncoder;
global.TextDecoder = global.TextDecoder || util.TextDecoder;
const { Client } = require('pg');
const { exchange } = require('./bridge');

const JAR = path.resolve(__dirname, '../../../backend/target/tableloop.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function requiredEnvironment() {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    throw new Error('The mini-program journeys run against the real backend: set TEST_DATABASE_URL and TEST_REDIS_URL '
      + '(for example postgresql://postgres@127.0.0.1:5432/postgres and redis://127.0.0.1:6379), as CI does.');
  }
  if (!fs.existsSync(JAR)) {
    throw new Error(`The journeys start the backend's jar, which is not built: ${JAR} (run mvn -B verify, or package the backend first).`);
  }
  return { databaseUrl, redisUrl };
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(databaseUrl, sql) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntilReady(baseUrl, process, output, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (process.exitCode !== null) {
      throw new Error(`the backend exited (${process.exitCode}) before it was ready:\n${output.join('')}`);
    }
    try {
      const response = await exchange({ url: `${baseUrl}/health/ready`, timeout: 2000 });
      if (response.statusCode === 200) {
        return;
      }
    } catch (e) {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the backend was not ready within ${timeoutMs / 1000} s:\n${output.join('')}`);
}

/** Runs a command of the jar (such as `tenant create`) against the same database; answers its standard output. */
function runCommand(env, args) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', JAR, ...args], { env, timeout: 60000 }, (error, stdout, stderr) => (error
      ? reject(new Error(`java -jar tableloop.jar ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`))
      : resolve(stdout)));
  });
}

async function startBackend() {
  const { databaseUrl, redisUrl } = requiredEnvironment();
  const suffix = crypto.randomBytes(5).toString('hex');
  const database = `tableloop_mp_e2e_${suffix}`;
  const [httpPort, simulatorPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const env = {
    ...process.env,
    DATABASE_URL: withDatabase(databaseUrl, database),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `mp-e2e-${suffix}:`,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(httpPort),
    PUBLIC_BASE_URL: baseUrl,
    WECHAT_SIMULATOR_PORT: String(simulatorPort),
    // With DATABASE_URL set, simulator mode must be asked for by name.
    WECHAT_MODE: 'simulator',
    // A deployment on its own database brings its keys for members' personal data; fresh ones for each run.
    MEMBER_DATA_KEYS: `e2e:${crypto.randomBytes(32).toString('base64')}`,
    MEMBER_LOOKUP_KEY: crypto.randomBytes(32).toString('base64'),
    DATABASE_POOL_SIZE: '4',
    SHUTDOWN_GRACE_SECONDS: '1',
    TABLELOOP_DATA_DIR: path.join(require('os').tmpdir(), `tableloop-mp-e2e-${suffix}`),
  };
  delete env.WECHAT_APP_ID;

  await onServer(databaseUrl, `CREATE DATABASE ${database}`);
  const output = [];
  const java = spawn('java', ['-jar', JAR], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  java.stdout.on('data', (chunk) => output.push(chunk.toString()));
  java.stderr.on('data', (chunk) => output.push(chunk.toString()));
  const exited = new Promise((resolve) => java.on('exit', resolve));

  const backend = {
    baseUrl,
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
    output,
    command: (args) => runCommand(env, args),
    async stop() {
      if (java.exitCode === null) {
        java.kill('SIGTERM');
        const killer = setTimeout(() => java.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(killer);
      }
      await onServer(databaseUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      fs.rmSync(env.TABLELOOP_DATA_DIR, { recursive: true, force: true });
    },
  };
  try {
    await waitUntilReady(baseUrl, java, output, 120000);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

module.exports = { startBackend };
