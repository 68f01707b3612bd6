package app.tableloop.wechat;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat Pay API v3's published formats, written out in the test independently of the simulator: RSA keys and X.509
 * certificates from PEM, SHA256withRSA signatures (Base64) and AEAD_AES_256_GCM under the API v3 key, tag appended,
 * Base64.
 */
public final class WeChatPayV3Format {
  private WeChatPayV3Format() {
  }

  public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
  }

  public static PublicKey publicKey(String pem) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
  }

  /** The public half of an RSA private key (its CRT form carries the public exponent). */
  public static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
    return KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
  }

  public static KeyPair otherKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  public static String sign(PrivateKey key, String message) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(message.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signature.sign());
  }

  public static boolean verifies(PublicKey key, String message, String base64Signature) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(key);
    signature.update(message.getBytes(StandardCharsets.UTF_8));
    return signature.verify(Base64.getDecoder().decode(base64Signature));
  }

  public static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
        new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  /** The plaintext of {@link #encrypt}'s output; fails when the key, nonce, associated data or tag do not match. */
  public static String decrypt(String apiV3Key, String nonce, String associatedData, String base64Ciphertext)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
        new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return new String(cipher.doFinal(Base64.getDecoder().decode(base64Ciphertext)), StandardCharsets.UTF_8);
  }

  public static X509Certificate certificate(String pem) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The merchant's Authorization header for one request, as the API v3 signing guide describes it. */
  public static String authorization(String mchId, String serial, PrivateKey key, String method, String canonicalUrl,
                              long timestamp, String nonce, String body) throws GeneralSecurityException {
    String signature = sign(key, method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n");
    return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",signature=\"" + signature
        + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serial + "\"";
  }

  /** The decrypted resource of a TRANSACTION.SUCCESS notification (and of an order query), as WeChat Pay writes it. */
  public static JsonObject successfulTransaction(String appId, String mchId, String outTradeNo, String transactionId,
                                                 long totalFen, String successTime, String payerOpenId) {
    return new JsonObject()
        .put("appid", appId)
        .put("mchid", mchId)
        .put("out_trade_no", outTradeNo)
        .put("transaction_id", transactionId)
        .put("trade_type", "JSAPI")
        .put("trade_state", "SUCCESS")
        .put("trade_state_desc", "支付成功")
        .put("bank_type", "OTHERS")
        .put("success_time", successTime)
        .put("payer", new JsonObject().put("openid", payerOpenId))
        .put("amount", new JsonObject().put("total", totalFen).put("payer_total", totalFen).put("currency", "CNY")
            .put("payer_currency", "CNY"));
  }

  /** A TRANSACTION.SUCCESS notification's body: the transaction encrypted under the API v3 key, in its envelope. */
  public static String paymentNotification(String id, String apiV3Key, JsonObject transaction)
      throws GeneralSecurityException {
    String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new JsonObject()
        .put("id", id)
        .put("create_time", now())
        .put("resource_type", "encrypt-resource")
        .put("event_type", "TRANSACTION.SUCCESS")
        .put("summary", "支付成功")
        .put("resource", new JsonObject()
            .put("original_type", "transaction")
            .put("algorithm", "AEAD_AES_256_GCM")
            .put("ciphertext", encrypt(apiV3Key, nonce, "transaction", transaction.encode()))
            .put("associated_data", "transaction")
            .put("nonce", nonce))
        .encode();
  }

  /** The Wechatpay-* headers of a notification: {@code key}'s signature over {@code timestamp\nnonce\nbody\n}. */
  public static MultiMap signedHeaders(PrivateKey key, String serial, long timestamp, String body)
      throws GeneralSecurityException {
    String nonce = UUID.randomUUID().toString().replace("-", "");
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("Wechatpay-Timestamp", Long.toString(timestamp))
        .add("Wechatpay-Nonce", nonce)
        .add("Wechatpay-Signature", sign(key, timestamp + "\n" + nonce + "\n" + body + "\n"))
        .add("Wechatpay-Serial", serial);
  }

  /**
   * The notification with one digit of its create_time changed: the resource still decrypts, so only the signature
   * can catch it.
   */
  public static String withOneDigitChanged(String body) {
    int at = body.indexOf("\"create_time\":\"") + "\"create_time\":\"".length() + 3;
    return body.substring(0, at) + (char) ('0' + (body.charAt(at) - '0' + 1) % 10) + body.substring(at + 1);
  }

  /** Now in China Standard Time, to the second, as WeChat Pay writes times. */
  public static String now() {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.ofHours(8)).withNano(0));
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
