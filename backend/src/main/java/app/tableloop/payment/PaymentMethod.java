package app.tableloop.payment;

import java.util.Arrays;
import java.util.Optional;

/**
 * How an order was paid: through WeChat Pay, taken at the counter in cash, by card or otherwise, or from the diner's
 * stored-value balance (money the restaurant already holds, so no new money: see the settlement).
 */
public enum PaymentMethod {
  WECHAT, CASH, CARD, OTHER, STORED_VALUE;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<PaymentMethod> fromWireName(String value) {
    return Arrays.stream(values()).filter(method -> method.wireName().equals(value)).findFirst();
  }
}
