// The store's tables, and the printable A4 sheet of their codes (mini-program codes, or ordinary QR codes of the
// table links), opened in WeChat's viewer to print or send on.
const tenancy = require('../../../../services/tenancy');
const { queryOf, once } = require('../../../utils/screens');

Page({
  data: { store: '', loading: true, error: '', tables: [], busy: '', sheetError: '' },

  onLoad(query) {
    this.setData({ store: queryOf(query).store });
  },

  onShow() {
    this.load();
  },

  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const tables = await tenancy.fetchTables(this.data.store, { quiet: true });
      this.setData({
        loading: false,
        tables: tables.map((table) => ({
          id: table.id,
          name: table.name || table.code,
          code: table.code,
          area: table.area || '',
          seats: table.seats,
          active: table.active !== false,
        })),
      });
    } catch (error) {
      this.setData({ loading: false, error: error.message });
    }
  },

  onSheet(event) {
    const { kind } = event.currentTarget.dataset;
    return once(this, `sheet-${kind}`, async () => {
      this.setData({ sheetError: '' });
      try {
        await tenancy.openTableCodeSheet(this.data.store, kind, { quiet: true });
      } catch (error) {
        this.setData({ sheetError: error.message });
      }
    });
  },
});
