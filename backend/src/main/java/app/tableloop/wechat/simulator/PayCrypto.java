package app.tableloop.wechat.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of WeChat Pay API v3: SHA256withRSA signatures (Base64) over UTF-8 messages, and AEAD_AES_256_GCM
 * with the API v3 key, the 128-bit tag appended to the ciphertext, as notifications carry their resource.
 */
final class PayCrypto {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int TAG_BITS = 128;

  private PayCrypto() {
  }

  static String sign(PrivateKey key, String message) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with SHA256withRSA", e);
    }
  }

  /** False for a wrong signature and for one that is not even Base64 or not of the key's size. */
  static boolean verify(PublicKey key, String message, String base64Signature) {
    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(base64Signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update(message.getBytes(StandardCharsets.UTF_8));
      return signature.verify(signatureBytes);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify SHA256withRSA", e);
    }
  }

  /** Base64 of the ciphertext with the GCM tag appended; the key is the 32-character API v3 key's bytes. */
  static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
          new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt with AES-256-GCM", e);
    }
  }

  /** Random letters and digits, as WeChat Pay's nonces are. */
  static String nonce(int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return value.toString();
  }

  static String digits(int length) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return value.toString();
  }
}
