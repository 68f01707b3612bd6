// One-time subscribe messages a diner asks for with an order ("菜做好了", "退款已到账"): the store's template ids,
// WeChat's question to the diner, and what the diner answered, recorded so that each accepted answer allows one message.
const api = require('./request');
const wechat = require('./wechat');

const ANSWERS = ['accept', 'reject', 'ban'];

/** The template ids the store has configured (none when it has none). */
async function fetchTemplateIds(storeId, options = {}) {
  const templates = await api.request('subscribeTemplates', { ...options, params: { store: storeId } });
  return [templates.dishes_ready, templates.refund_done].filter((id) => typeof id === 'string' && id);
}

/**
 * Asks the diner through WeChat; answers `{ templateId: 'accept' | 'reject' | 'ban' }` for the templates answered
 * (WeChat's answer also carries `errMsg`, which is no answer; a dismissed question answers nothing).
 */
async function ask(templateIds) {
  const answered = await wechat.requestSubscribeMessage(templateIds);
  const results = {};
  templateIds.filter((id) => ANSWERS.includes(answered && answered[id])).forEach((id) => {
    results[id] = answered[id];
  });
  return results;
}

/** Records the diner's answers (for the order `orderId` when there is one); nothing to record sends nothing. */
async function dispatchResults(storeId, results, orderId, options = {}) {
  if (Object.keys(results).length === 0) {
    return;
  }
  const body = orderId ? { results, order_id: orderId } : { results };
  await api.request('recordSubscriptions', { ...options, params: { store: storeId }, body });
}

module.exports = { fetchTemplateIds, ask, dispatchResults };
