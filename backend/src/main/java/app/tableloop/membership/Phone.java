package app.tableloop.membership;

/**
 * A phone number a member shared through WeChat: the number without country code, and the country code. Staff see
 * it masked: the first three and last four digits of a mainland number, fewer of shorter ones.
 */
public record Phone(String number, String countryCode) {

  public String masked() {
    int length = number.length();
    if (length >= 11) {
      return number.substring(0, 3) + "****" + number.substring(length - 4);
    }
    int shown = Math.max(0, Math.min(2, length - 4));
    return number.substring(0, shown) + "****" + number.substring(length - Math.min(2, length));
  }
}
