package app.tableloop.tenancy;

import app.tableloop.platform.http.Problem;

/** The refusals of the tenancy feature, in Simplified Chinese first. */
final class TenancyProblems {
  static final Problem TABLE_NOT_FOUND = Problem.of(404, "table_not_found",
      "找不到这张桌台，二维码可能已失效，请联系店员", "No such table: the code may be out of date; please ask the staff");
  static final Problem STORE_NOT_FOUND = Problem.of(404, "store_not_found", "找不到这家门店", "No such store");
  static final Problem INVALID_SCENE = Problem.of(400, "invalid_scene",
      "无法识别的桌台二维码", "This is not a table code of ours").atField("scene");
  static final Problem INVALID_TABLE_CODES = Problem.of(400, "invalid_field",
      "桌台编号格式不对，例如 A1-A20 或 A1-A8,B1-B4（最多 300 张）",
      "Table codes look like A1-A20 or A1-A8,B1-B4 (at most 300 tables)").atField("codes");
  static final Problem INVALID_TIME_ZONE = Problem.of(400, "invalid_field",
      "未知的时区，例如 Asia/Shanghai", "Unknown time zone; for example Asia/Shanghai").atField("time_zone");

  private TenancyProblems() {
  }
}
