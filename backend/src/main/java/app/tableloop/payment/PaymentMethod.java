package app.tableloop.payment;

import java.util.Arrays;
import java.util.Optional;

/** How an order was paid: through WeChat Pay, or taken at the counter in cash, by card or otherwise. */
public enum PaymentMethod {
  WECHAT, CASH, CARD, OTHER;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<PaymentMethod> fromWireName(String value) {
    return Arrays.stream(values()).filter(method -> method.wireName().equals(value)).findFirst();
  }
}
