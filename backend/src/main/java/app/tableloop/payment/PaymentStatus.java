package app.tableloop.payment;

import java.util.Arrays;
import java.util.Optional;

/** A payment waits for the money, has it, or was given up (expired, or the order was paid another way). */
public enum PaymentStatus {
  PENDING, PAID, CLOSED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<PaymentStatus> fromWireName(String value) {
    return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
  }
}
