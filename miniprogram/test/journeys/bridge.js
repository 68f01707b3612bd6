// The test phone's wx.request and wx.connectSocket, bridged to a real server over loopback (node http and ws).
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');

/** One HTTP exchange; the body is JSON when it parses. Rejects like wx.request's fail ({ errMsg }). */
function exchange({ method = 'GET', url, data, header = {}, timeout = 10000 }) {
  return new Promise((resolve, reject) => {
    const body = data === undefined || method === 'GET' ? null : JSON.stringify(data);
    const request = http.request(url, {
      method,
      headers: { ...header, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}) },
      timeout,
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        try {
          parsed = text ? JSON.parse(text) : '';
        } catch (e) {
          // not JSON: handed on as text, as wx.request does
        }
        resolve({ statusCode: response.statusCode, data: parsed, header: response.headers });
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { errMsg: 'request:fail timeout' })));
    request.on('error', (error) => reject({ errMsg: error.errMsg || `request:fail ${error.message}` }));
    if (body) {
      request.write(body);
    }
    request.end();
  });
}

const downloaded = [];

/** wx.downloadFile over a real HTTP GET: the body goes to a temporary file, as WeChat's does. */
function download({ url, header = {}, timeout = 30000, success, fail }) {
  const request = http.get(url, { headers: header, timeout }, (response) => {
    const chunks = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => {
      const tempFilePath = path.join(os.tmpdir(), `tableloop-download-${process.pid}-${downloaded.length + 1}`);
      fs.writeFileSync(tempFilePath, Buffer.concat(chunks));
      downloaded.push(tempFilePath);
      success({ statusCode: response.statusCode, tempFilePath });
    });
  });
  request.on('timeout', () => request.destroy(new Error('timeout')));
  request.on('error', (error) => fail({ errMsg: `downloadFile:fail ${error.message}` }));
}

/** Removes the files the downloads wrote. */
function removeDownloads() {
  downloaded.splice(0).forEach((file) => fs.rmSync(file, { force: true }));
}

/** A wx SocketTask over a real WebSocket. */
class BridgedSocket {
  constructor({ url, header = {} }) {
    this.url = url;
    this.socket = new WebSocket(url, { headers: header });
    this.socket.on('error', () => {});
  }

  onOpen(handler) { this.socket.on('open', () => handler({})); }

  onMessage(handler) { this.socket.on('message', (data) => handler({ data: data.toString('utf8') })); }

  onClose(handler) { this.socket.on('close', (code, reason) => handler({ code, reason: reason.toString() })); }

  onError(handler) { this.socket.on('error', (error) => handler({ errMsg: error.message })); }

  close() { this.socket.close(); }
}

/** A WebSocket the test itself holds (a friend's phone), collecting the messages it receives. */
function listen(url, token) {
  const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
  const messages = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString('utf8'))));
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve({ messages, close: () => socket.close() }));
    socket.on('error', reject);
  });
}

module.exports = { exchange, download, removeDownloads, BridgedSocket, listen };
