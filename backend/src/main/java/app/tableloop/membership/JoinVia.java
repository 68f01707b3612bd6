package app.tableloop.membership;

import java.util.Arrays;

/** How a diner came to join: the join card after ordering, a member's referral, or a staff member's code. */
public enum JoinVia {
  JOIN_CARD, REFERRAL, STAFF_CODE;

  public String wireName() {
    return name().toLowerCase();
  }

  public static JoinVia fromWireName(String value) {
    return Arrays.stream(values()).filter(via -> via.wireName().equals(value)).findFirst().orElseThrow();
  }
}
