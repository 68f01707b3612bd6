package app.tableloop.membership;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One line of CSV (RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled). Text that a
 * spreadsheet would run as a formula (starting with = + - @) is led by an apostrophe, so an export opened in Excel or
 * WPS never runs what a diner typed as a nickname.
 */
final class CsvLine {
  private CsvLine() {
  }

  static String of(Object... values) {
    return Arrays.stream(values).map(CsvLine::field).collect(Collectors.joining(",")) + "\r\n";
  }

  private static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return text.matches("(?s).*[,\"\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
