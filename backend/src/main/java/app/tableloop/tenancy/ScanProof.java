package app.tableloop.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that a diner scanned a table a short while ago: the scan hands out {@code <expiry>.<HMAC>}, an
 * HMAC-SHA256 with the service's key over tenant, store, table and expiry; opening or joining that table's tab asks
 * for it. Nothing is stored per token, so every instance checks it alike.
 */
public final class ScanProof {
  public static final Duration VALIDITY = Duration.ofMinutes(10);
  private static final Pattern TOKEN = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

  private ScanProof() {
  }

  /** What a presented token proves for one table. */
  public enum Check {
    VALID,
    /** No token at all. */
    MISSING,
    /** Not signed by us for this table (another table, store or tenant, or altered). */
    INVALID,
    /** Ours and for this table, but older than {@link #VALIDITY}. */
    EXPIRED
  }

  public static String issue(byte[] key, UUID tenantId, UUID storeId, UUID tableId, Instant now) {
    long expires = now.plus(VALIDITY).getEpochSecond();
    return expires + "." + new String(encoded(mac(key, tenantId, storeId, tableId, expires)),
        StandardCharsets.US_ASCII);
  }

  public static Check check(byte[] key, Optional<String> token, UUID tenantId, UUID storeId, UUID tableId,
                            Instant now) {
    if (token.isEmpty()) {
      return Check.MISSING;
    }
    Matcher parts = TOKEN.matcher(token.get());
    if (!parts.matches()) {
      return Check.INVALID;
    }
    long expires = Long.parseLong(parts.group(1));
    // Compared as text, so that exactly one spelling of the signature is accepted.
    byte[] expected = encoded(mac(key, tenantId, storeId, tableId, expires));
    if (!MessageDigest.isEqual(parts.group(2).getBytes(StandardCharsets.US_ASCII), expected)) {
      return Check.INVALID;
    }
    return now.getEpochSecond() < expires ? Check.VALID : Check.EXPIRED;
  }

  private static byte[] encoded(byte[] signature) {
    return Base64.getUrlEncoder().withoutPadding().encode(signature);
  }

  private static byte[] mac(byte[] key, UUID tenantId, UUID storeId, UUID tableId, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(("scan|" + tenantId + "|" + storeId + "|" + tableId + "|" + expires)
          .getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
