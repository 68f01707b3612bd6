// What a diner's page says when it cannot go on, and which way on it offers: scan the table again, or try again.
const RESCAN = {
  scan_required: '请扫码',
  scan_invalid: '请重新扫码',
  scan_expired: '扫码已过期',
  invalid_scene: '无法识别的桌台码',
  table_not_found: '找不到这张桌台',
  table_inactive: '桌台暂停使用',
  tab_closed: '本桌点单已结束',
  tab_not_found: '找不到本桌点单',
};

function failureOf(error) {
  if (RESCAN[error.code]) {
    return { title: RESCAN[error.code], message: error.message, rescan: true };
  }
  if (error.code === 'network' || error.code === 'timeout') {
    return { title: '网络不给力', message: error.message, rescan: false };
  }
  return { title: '出错了', message: error.message || '请稍后重试', rescan: false };
}

module.exports = { failureOf };
