package app.tableloop.identity;

import java.util.Arrays;
import java.util.Optional;

/** Who someone is to a tenant. Operators run a whole tenant; owners and staff one store; diners sign in to order. */
public enum Role {
  OPERATOR, OWNER, STAFF, DINER;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<Role> fromWireName(String value) {
    return Arrays.stream(values()).filter(role -> role.wireName().equals(value)).findFirst();
  }
}
