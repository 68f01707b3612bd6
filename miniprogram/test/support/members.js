// Members of a noodle house's brand as the backend describes them: the privacy notice in force and member cards.
const { STORE } = require('./restaurant');

const STORE_PATH = `/api/v1/stores/${STORE.id}`;
const MEMBERSHIP_PATH = `${STORE_PATH}/membership`;

const NOTICE = {
  version: 2,
  body: '老街面馆会员隐私政策\n一、我们收集的信息：你的微信标识、你自愿提供的手机号、昵称和生日，以及你的到店与消费记录。\n二、用途：会员服务；仅在你另行同意时发送营销消息。',
  published_at: '2026-11-01T02:00:00Z',
};

function member(overrides = {}) {
  return {
    id: '3e3e0000-0000-4000-8000-00000000c001', joined_at: '2026-12-02T04:10:00Z', joined_store_id: STORE.id,
    joined_table_id: null, joined_via: 'join_card', recruited_by: null, referred_by: null, notice_version: 2,
    marketing_consent: true, nickname: '小林', birthday: '1990-05-01', phone: '138****8000', phone_country_code: '86',
    stats: {
      visits: 3, total_spend_fen: 15600, average_basket_fen: 5200, first_visit_at: '2026-11-02T04:00:00Z',
      last_visit_at: '2026-12-02T04:00:00Z',
      favourite_dishes: [{ dish_id: 'd-noodles', name: '牛肉面', quantity: 4 }],
      stores_visited: [{ store_id: STORE.id, name: STORE.name, visits: 3 }],
    },
    ...overrides,
  };
}

module.exports = { STORE_PATH, MEMBERSHIP_PATH, NOTICE, member };
