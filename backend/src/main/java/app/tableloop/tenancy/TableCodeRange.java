package app.tableloop.tenancy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table codes written the way an owner would: {@code A1-A20}, {@code 1-12}, or several ranges and single codes
 * separated by commas ({@code A1-A8,B1-B4,VIP1}).
 */
public final class TableCodeRange {
  public static final int MAX_TABLES = 300;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,8}");
  private static final Pattern RANGE = Pattern.compile("([A-Za-z]*)(\\d+)-([A-Za-z]*)(\\d+)");

  private TableCodeRange() {
  }

  /** The codes, in order, or empty when the text is not a valid list of at most {@value #MAX_TABLES} codes. */
  public static Optional<List<String>> parse(String text) {
    Set<String> codes = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String item = part.trim();
      Matcher range = RANGE.matcher(item);
      if (range.matches()) {
        int from = Integer.parseInt(range.group(2));
        int to = Integer.parseInt(range.group(4));
        if (!range.group(1).equals(range.group(3)) || from > to || to - from >= MAX_TABLES) {
          return Optional.empty();
        }
        for (int n = from; n <= to; n++) {
          codes.add(range.group(1) + n);
        }
      } else if (CODE.matcher(item).matches()) {
        codes.add(item);
      } else {
        return Optional.empty();
      }
      if (codes.size() > MAX_TABLES) {
        return Optional.empty();
      }
    }
    List<String> result = new ArrayList<>(codes);
    return result.stream().allMatch(code -> CODE.matcher(code).matches()) && !result.isEmpty()
        ? Optional.of(result) : Optional.empty();
  }
}
