// 顾客: the members in five segments (新顾客, 常客, 高价值, 沉睡, 流失), each with its count and what puts a member in
// it; a segment tapped lists its members, phones masked, a page at a time; a member opens their history.
const insights = require('../../../../services/insights');
const { segmentsView, memberRow } = require('../../../utils/insights');
const { screenUrl, queryOf, once, readOnShow } = require('../../../utils/screens');

const PAGE_SIZE = 20;

Page(readOnShow({
  data: {
    store: '', role: '', loading: true, error: '', total: 0, segments: [], segment: '', segmentLabel: '',
    members: [], next: null, membersLoading: false, membersError: '', problem: '', busy: '',
  },

  onLoad(query) {
    const { store, role } = queryOf(query);
    this.setData({ store, role });
  },

  async read() {
    const { total_members: total, segments } = await insights.fetchSegments(this.data.store, { quiet: true });
    return { total, segments: segmentsView(segments) };
  },

  /** A segment tapped lists its first members; tapped again, closes the list. */
  onSegment(event) {
    const { key } = event.currentTarget.dataset;
    if (key === this.data.segment) {
      this.setData({ segment: '', members: [], next: null, membersError: '', problem: '' });
      return undefined;
    }
    const segment = this.data.segments.find((candidate) => candidate.key === key);
    this.setData({ segment: key, segmentLabel: segment ? segment.label : '', members: [], next: null });
    return this.readMembers();
  },

  async readMembers() {
    const { segment } = this.data;
    this.setData({ membersLoading: true, membersError: '', problem: '' });
    try {
      const page = await insights.fetchSegmentMembers(this.data.store, segment, { limit: PAGE_SIZE }, { quiet: true });
      if (segment === this.data.segment) {
        this.setData({ membersLoading: false, members: page.items.map(memberRow), next: page.next || null });
      }
    } catch (error) {
      if (segment === this.data.segment) {
        this.setData({ membersLoading: false, membersError: error.message });
      }
    }
  },

  onMore() {
    return once(this, 'more', async () => {
      const { segment } = this.data;
      try {
        const page = await insights.fetchSegmentMembers(this.data.store, segment,
          { after: this.data.next, limit: PAGE_SIZE }, { quiet: true });
        if (segment === this.data.segment) {
          this.setData({ members: [...this.data.members, ...page.items.map(memberRow)], next: page.next || null });
        }
      } catch (error) {
        this.setData({ problem: error.message });
      }
    });
  },

  onMember(event) {
    wx.navigateTo({
      url: screenUrl('insights/member', { store: this.data.store, role: this.data.role, member: event.currentTarget.dataset.id }),
    });
  },
}));
