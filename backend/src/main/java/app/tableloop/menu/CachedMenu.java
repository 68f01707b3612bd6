package app.tableloop.menu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The diners' menu of a store, rendered once and served many times: the JSON body, its entity tag (the menu version
 * and a digest of the body, since the same version reads differently once a dish's serving window opens), and the
 * moment it stops being true by itself.
 */
public record CachedMenu(String etag, Instant validUntil, String body) {

  public static CachedMenu of(long version, Instant validUntil, String body) {
    return new CachedMenu("W/\"" + version + "-" + digest(body) + "\"", validUntil, body);
  }

  /** Whether a client's {@code If-None-Match} names this body (weak comparison, as for a GET). */
  public boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    String mine = opaque(etag);
    return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
        .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(mine));
  }

  /** As kept in Redis: two header lines, then the body. */
  String encode() {
    return etag + "\n" + validUntil.toEpochMilli() + "\n" + body;
  }

  static Optional<CachedMenu> decode(String encoded) {
    int first = encoded.indexOf('\n');
    int second = first < 0 ? -1 : encoded.indexOf('\n', first + 1);
    if (second < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CachedMenu(encoded.substring(0, first),
          Instant.ofEpochMilli(Long.parseLong(encoded.substring(first + 1, second))), encoded.substring(second + 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  private static String digest(String body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
