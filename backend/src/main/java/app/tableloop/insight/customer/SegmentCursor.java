package app.tableloop.insight.customer;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of a segment's members ends: the last member's spend and id (members are listed by spend, highest
 * first, then by id), written as {@code <spend>_<id>}.
 */
public record SegmentCursor(long spendFen, UUID memberId) {
  private static final Pattern FORM = Pattern.compile("^(\\d{1,18})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
      + "[0-9a-f]{12})$");

  public String text() {
    return spendFen + "_" + memberId;
  }

  /** The cursor a client sent back; empty when it is not one of ours (the contract's pattern lets fewer through). */
  public static Optional<SegmentCursor> parse(String text) {
    Matcher matcher = FORM.matcher(text);
    return matcher.matches() ? Optional.of(new SegmentCursor(Long.parseLong(matcher.group(1)),
        UUID.fromString(matcher.group(2)))) : Optional.empty();
  }
}
