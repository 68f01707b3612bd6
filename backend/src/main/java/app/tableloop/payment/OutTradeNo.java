package app.tableloop.payment;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Our payment ids towards WeChat Pay: "TL" and 24 random hex digits, well inside WeChat's 6 to 32 characters. */
final class OutTradeNo {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OutTradeNo() {
  }

  static String next() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return "TL" + HexFormat.of().formatHex(random);
  }
}
