package app.tableloop.ordering;

/**
 * The short number the kitchen calls out and the diner watches for: A001 to A999, then B001, per store and day.
 */
public final class OrderNumber {
  private static final int PER_LETTER = 999;

  private OrderNumber() {
  }

  /** The {@code n}th order of the day (1-based). */
  public static String of(int n) {
    if (n < 1 || n > 26 * PER_LETTER) {
      throw new IllegalArgumentException("order number out of range: " + n);
    }
    char letter = (char) ('A' + (n - 1) / PER_LETTER);
    return letter + String.format("%03d", (n - 1) % PER_LETTER + 1);
  }
}
