// Who recruited members, for owners: each staff member's recruits, how many are still members, and what those
// members spent since they joined.
const membership = require('../../../../services/membership');
const staff = require('../../../../services/staff');
const { formatFen } = require('../../../../utils/money');
const { roleName } = require('../../../../utils/labels');
const { queryOf } = require('../../../utils/screens');

Page({
  data: { store: '', loading: true, error: '', recruiters: [] },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
    this.load();
  },

  async onPullDownRefresh() {
    await this.load();
    wx.stopPullDownRefresh();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const [recruiters, team] = await Promise.all([
        membership.fetchRecruiters(this.data.store, { quiet: true }),
        staff.fetchStaff(this.data.store, { quiet: true }),
      ]);
      // Recruiters are named as the team screen names staff: role and number (someone who left shows as 前员工).
      const roles = new Map(team.map((member) => [member.user_id, roleName(member.role)]));
      this.setData({
        loading: false,
        recruiters: recruiters.map((recruiter) => ({
          id: recruiter.staff_user_id,
          who: `${roles.get(recruiter.staff_user_id) || '前员工'} ${recruiter.staff_user_id.slice(0, 8)}`,
          recruits: recruiter.recruits,
          still: recruiter.still_members,
          spent: formatFen(recruiter.spent_since_fen),
        })),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },
});
