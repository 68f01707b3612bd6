package app.tableloop.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** Whether diners pay before the kitchen sees the order, or eat first and pay the table's tab at the end. */
public enum OrderingMode {
  PAY_FIRST, EAT_FIRST;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<OrderingMode> fromWireName(String value) {
    return Arrays.stream(values()).filter(mode -> mode.wireName().equals(value)).findFirst();
  }
}
