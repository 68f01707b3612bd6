package app.tableloop.tenancy;

import app.tableloop.platform.refusal.Refusal;

/** The refusals of the tenancy feature, in Simplified Chinese first. */
public enum TenancyRefusal implements Refusal.Listed {
  TABLE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "table_not_found",
      "找不到这张桌台，二维码可能已失效，请联系店员", "No such table: the code may be out of date; please ask the staff")),
  STORE_NOT_FOUND(Refusal.of(Kind.NOT_FOUND, "store_not_found", "找不到这家门店", "No such store")),
  INVALID_SCENE(Refusal.of(Kind.INVALID, "invalid_scene",
      "无法识别的桌台二维码", "This is not a table code of ours").at("scene")),
  INVALID_TABLE_CODES(Refusal.of(Kind.INVALID, "invalid_field",
      "桌台编号格式不对，例如 A1-A20 或 A1-A8,B1-B4（最多 300 张）",
      "Table codes look like A1-A20 or A1-A8,B1-B4 (at most 300 tables)").at("codes")),
  INVALID_TIME_ZONE(Refusal.of(Kind.INVALID, "invalid_field",
      "未知的时区，例如 Asia/Shanghai", "Unknown time zone; for example Asia/Shanghai").at("time_zone"));

  private final Refusal words;

  TenancyRefusal(Refusal words) {
    this.words = words;
  }

  @Override
  public Refusal words() {
    return words;
  }
}
