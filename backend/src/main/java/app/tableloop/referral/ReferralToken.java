package app.tableloop.referral;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A member's signed referral token: 32 URL-safe characters (base64url of the sharer's member id, the last day it is
 * good for, and an HMAC-SHA256 with the service's key over tenant, member and that day, cut to 48 bits). Short enough
 * for a mini-program path; nothing is stored per token, so every instance checks it alike. 48 bits of signature are
 * plenty against guessing through the API, and a forged token would win a coupon at most.
 */
public final class ReferralToken {
  public static final int VALID_DAYS = 30;
  static final int LENGTH = 32;
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32}");
  private static final int MAC_BYTES = 6;

  private ReferralToken() {
  }

  /** What a presented token proves. */
  public sealed interface Check permits Valid, Invalid, Expired {
  }

  /** Signed by us for this tenant, and still good: shared by this member. */
  public record Valid(UUID sharerMemberId) implements Check {
  }

  /** Not ours, another tenant's, or altered. */
  public record Invalid() implements Check {
  }

  /** Ours and for this tenant, but its days are over. */
  public record Expired() implements Check {
  }

  public static String issue(byte[] key, UUID tenantId, UUID memberId, Instant now) {
    int lastDay = Math.toIntExact(day(now) + VALID_DAYS);
    ByteBuffer token = ByteBuffer.allocate(24)
        .putLong(memberId.getMostSignificantBits()).putLong(memberId.getLeastSignificantBits())
        .putShort((short) lastDay)
        .put(mac(key, tenantId, memberId, lastDay));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  public static Check check(byte[] key, String token, UUID tenantId, Instant now) {
    if (token == null || !FORMAT.matcher(token).matches()) {
      return new Invalid();
    }
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
    // Only one spelling of the bytes is accepted: base64url's last character carries no spare bits here (24 bytes).
    UUID memberId = new UUID(bytes.getLong(), bytes.getLong());
    int lastDay = Short.toUnsignedInt(bytes.getShort());
    byte[] signature = new byte[MAC_BYTES];
    bytes.get(signature);
    if (!MessageDigest.isEqual(signature, mac(key, tenantId, memberId, lastDay))) {
      return new Invalid();
    }
    return day(now) <= lastDay ? new Valid(memberId) : new Expired();
  }

  private static long day(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
  }

  private static byte[] mac(byte[] key, UUID tenantId, UUID memberId, int lastDay) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(("referral|" + tenantId + "|" + memberId + "|" + lastDay)
          .getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
