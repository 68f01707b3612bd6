package app.tableloop.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect personal data at rest: AES-256-GCM keys by id (the current one seals, every one opens, so keys
 * can rotate), and one HMAC-SHA256 key for look-ups by a value without storing it. Sealed data names its key id.
 */
public final class DataKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Map<String, SecretKeySpec> keys;
  private final String currentId;
  private final SecretKeySpec lookupKey;

  /** A value sealed under the key {@code keyId}: the nonce followed by the ciphertext and its tag. */
  public record Sealed(String keyId, byte[] bytes) {
  }

  private DataKeys(Map<String, SecretKeySpec> keys, String currentId, SecretKeySpec lookupKey) {
    this.keys = keys;
    this.currentId = currentId;
    this.lookupKey = lookupKey;
  }

  /**
   * Reads {@code id:base64,id:base64,…} (each key 32 bytes; the first listed is current) and a base64 look-up key of
   * 32 bytes; throws {@link IllegalArgumentException} with words fit for the person configuring it.
   */
  public static DataKeys parse(String sealingKeys, String lookupKey) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    for (String entry : sealingKeys.split(",")) {
      String[] parts = entry.trim().split(":", 2);
      if (parts.length != 2 || !parts[0].matches("[A-Za-z0-9_-]{1,20}")) {
        throw new IllegalArgumentException("each key must be written id:base64key, the id of letters, digits, - or _");
      }
      if (keys.put(parts[0], new SecretKeySpec(key32(parts[1]), "AES")) != null) {
        throw new IllegalArgumentException("the key id " + parts[0] + " is listed twice");
      }
    }
    return new DataKeys(keys, keys.keySet().iterator().next(), new SecretKeySpec(key32(lookupKey), "HmacSHA256"));
  }

  /** Fresh random keys, written as {@link #parse} reads them: {@code [sealing keys, look-up key]}. */
  public static String[] generate(String keyId) {
    return new String[] {keyId + ":" + Base64.getEncoder().encodeToString(random(32)),
        Base64.getEncoder().encodeToString(random(32))};
  }

  private static byte[] key32(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a key is not valid base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("each key must be 32 bytes (base64 of 32 random bytes), got " + key.length);
    }
    return key;
  }

  public String currentId() {
    return currentId;
  }

  public Sealed seal(String plain) {
    byte[] nonce = random(NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return new Sealed(currentId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  /** The value sealed; fails when its key is not configured or the bytes were altered. */
  public String open(Sealed sealed) {
    SecretKeySpec key = keys.get(sealed.keyId());
    if (key == null) {
      throw new IllegalStateException("no data key with id " + sealed.keyId() + " is configured");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, NONCE_BYTES));
      return new String(cipher.doFinal(sealed.bytes(), NONCE_BYTES, sealed.bytes().length - NONCE_BYTES),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("data sealed under key " + sealed.keyId() + " does not open", e);
    }
  }

  /** The keyed hash of a value, the same for the same value under any sealing key. */
  public byte[] lookupHash(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(lookupKey);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("hashing failed", e);
    }
  }

  private static byte[] random(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "DataKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
  }
}
