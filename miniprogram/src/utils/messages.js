// The diner's messages and referral progress as the screens show them.
const { when, day } = require('./members');

/** A message in my message box: who sent what, when, whether I read it, and whether a coupon came with it. */
function messageView(message) {
  return {
    id: message.id,
    title: message.title,
    body: message.body,
    at: when(message.created_at),
    read: !!message.read,
    coupon: !!message.coupon_id,
  };
}

/** My referral progress: "还差 2 位好友", or the reward already mine; and each friend as a line. */
function referralView(referral) {
  return {
    progress: referral.rewarded ? '邀请奖励已发放到你的优惠券' : `还差 ${referral.remaining} 位好友`,
    counts: `已成功邀请 ${referral.successful} / ${referral.needed} 位`,
    percent: referral.needed > 0 ? Math.min(100, Math.floor((referral.successful * 100) / referral.needed)) : 100,
    rewarded: !!referral.rewarded,
    friends: referral.friends.map((friend, index) => ({
      key: `${index}-${friend.joined_at}`,
      nickname: friend.nickname,
      joined: `${day(friend.joined_at)} 入会`,
      state: friend.paid ? '已完成首单' : '待完成首单',
      paid: !!friend.paid,
    })),
  };
}

module.exports = { messageView, referralView };
