package app.tableloop.payment.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Staff asking to give back {@code amountFen} of an order's payment; the key makes asking again harmless. */
public record RefundRequest(long amountFen, String reason, String idempotencyKey) {

  /**
   * The out_refund_no WeChat Pay sees: the same for the same key of the same store, so that a retry after a lost
   * answer is the same refund at WeChat Pay too.
   */
  String outRefundNo(UUID storeId) {
    return derivedOutRefundNo("RF", storeId + ":" + idempotencyKey);
  }

  /**
   * An out_refund_no that is always the same for the same seed: the prefix and 32 hex digits, inside WeChat's 64
   * characters whatever the seed holds.
   */
  static String derivedOutRefundNo(String prefix, String seed) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
