// miniprogram-simulate defines Component/Behavior and its own wx; pages are registered as components (see pages.js).
require('miniprogram-simulate');
const { phone } = require('./phone');

global.App = (options) => options;
global.getApp = () => ({ globalData: {} });
global.getCurrentPages = () => [];
global.Page = (options) => global.Component(require('./pages').asComponent(options));
Object.assign(global.wx, phone.api);
