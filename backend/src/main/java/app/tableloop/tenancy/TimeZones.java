package app.tableloop.tenancy;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** A store's time zone as an owner or an operator writes it: an IANA name such as {@code Asia/Shanghai}. */
public final class TimeZones {
  private TimeZones() {
  }

  /** The zone {@code name} names; empty when it names none. */
  public static Optional<ZoneId> parse(String name) {
    try {
      return Optional.of(ZoneId.of(name));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
