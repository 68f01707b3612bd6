package app.tableloop.wechat.simulator;

import app.tableloop.wechat.MerchantCredentials;
import app.tableloop.wechat.Pem;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The identities the simulator plays, generated afresh for a new simulator (and kept with its records when it has a
 * directory, so that a restarted simulator is the same WeChat to the merchant): a mini-program (AppID and secret), a
 * merchant (its RSA key pair and certificate serial, the API v3 key) and WeChat Pay's own RSA key pair, which the
 * merchant knows either as a public key with its id or, in platform-certificate mode, by a platform certificate. The
 * simulator verifies the merchant's signatures and signs as WeChat Pay; nothing is hard-coded.
 */
public final class SimulatedAccount {
  private static final SecureRandom RANDOM = new SecureRandom();

  final String appId;
  final String appSecret;
  final String mchId;
  final KeyPair merchantKeys;
  final String merchantSerial;
  final String apiV3Key;
  final KeyPair platformKeys;
  final String platformPublicKeyId;
  /** Present in platform-certificate mode, where the merchant has no public key. */
  final Optional<PlatformCertificate> platformCertificate;

  private SimulatedAccount(String appId, String appSecret, String mchId, KeyPair merchantKeys, String merchantSerial,
                           String apiV3Key, KeyPair platformKeys, String platformPublicKeyId,
                           Optional<PlatformCertificate> platformCertificate) {
    this.appId = appId;
    this.appSecret = appSecret;
    this.mchId = mchId;
    this.merchantKeys = merchantKeys;
    this.merchantSerial = merchantSerial;
    this.apiV3Key = apiV3Key;
    this.platformKeys = platformKeys;
    this.platformPublicKeyId = platformPublicKeyId;
    this.platformCertificate = platformCertificate;
  }

  /** An AppID as WeChat issues them: "wx" and 16 hex digits. */
  static String randomAppId() {
    return "wx" + hex(8);
  }

  /** A fresh account of the AppID; in platform-certificate mode its certificate is valid from {@code now}. */
  static SimulatedAccount generate(String appId, SimulatorSettings.PayVerification verification, Instant now) {
    KeyPair platformKeys = rsaKeyPair();
    return new SimulatedAccount(
        appId,
        hex(16),
        Long.toString(1_900_000_000L + RANDOM.nextInt(99_999_999)),
        rsaKeyPair(),
        hex(20).toUpperCase(),
        PayCrypto.nonce(32),
        platformKeys,
        "PUB_KEY_ID_" + Long.toString(Math.abs(RANDOM.nextLong()) % 10_000_000_000_000L),
        verification == SimulatorSettings.PayVerification.PLATFORM_CERTIFICATE
            ? Optional.of(PlatformCertificate.issue(platformKeys, now)) : Optional.empty());
  }

  /** Whether this account answers as {@code appId} with the merchant verifying WeChat Pay as {@code verification}. */
  boolean plays(String otherAppId, SimulatorSettings.PayVerification verification) {
    return appId.equals(otherAppId) && platformCertificate.isPresent()
        == (verification == SimulatorSettings.PayVerification.PLATFORM_CERTIFICATE);
  }

  /** Everything, secrets and private keys included: for the simulator's own owner-only directory only. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("app_id", appId).put("app_secret", appSecret).put("mch_id", mchId)
        .put("merchant_private_key", merchantKeys.getPrivate().getEncoded())
        .put("merchant_public_key", merchantKeys.getPublic().getEncoded())
        .put("merchant_serial", merchantSerial).put("api_v3_key", apiV3Key)
        .put("platform_private_key", platformKeys.getPrivate().getEncoded())
        .put("platform_public_key", platformKeys.getPublic().getEncoded())
        .put("platform_public_key_id", platformPublicKeyId);
    platformCertificate.ifPresent(certificate -> {
      try {
        json.put("platform_certificate", certificate.certificate().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
    return json;
  }

  static SimulatedAccount fromJson(JsonObject json) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      Optional<PlatformCertificate> certificate = Optional.ofNullable(json.getBinary("platform_certificate"))
          .map(SimulatedAccount::certificate);
      return new SimulatedAccount(json.getString("app_id"), json.getString("app_secret"), json.getString("mch_id"),
          keyPair(rsa, json, "merchant"), json.getString("merchant_serial"), json.getString("api_v3_key"),
          keyPair(rsa, json, "platform"), json.getString("platform_public_key_id"), certificate);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("the WeChat simulator's stored account cannot be read: " + e.getMessage(), e);
    }
  }

  private static KeyPair keyPair(KeyFactory rsa, JsonObject json, String whose) throws GeneralSecurityException {
    return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(json.getBinary(whose + "_public_key"))),
        rsa.generatePrivate(new PKCS8EncodedKeySpec(json.getBinary(whose + "_private_key"))));
  }

  private static PlatformCertificate certificate(byte[] der) {
    try {
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new PlatformCertificate(certificate, certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String appId() {
    return appId;
  }

  public String appSecret() {
    return appSecret;
  }

  /**
   * The merchant side of the account, as the backend needs it to call the simulated WeChat Pay: without a public
   * key in platform-certificate mode, where the backend downloads the certificate.
   */
  public MerchantCredentials merchantCredentials() {
    Optional<MerchantCredentials.PayPublicKey> publicKey = platformCertificate.isPresent() ? Optional.empty()
        : Optional.of(new MerchantCredentials.PayPublicKey(platformPublicKeyId,
            Pem.encode("PUBLIC KEY", platformKeys.getPublic().getEncoded())));
    return new MerchantCredentials(mchId, Pem.encode("PRIVATE KEY", merchantKeys.getPrivate().getEncoded()),
        merchantSerial, apiV3Key, publicKey);
  }

  /** The serial WeChat Pay's signatures carry: the platform certificate's, or else the public key id. */
  String platformSerial() {
    return platformCertificate.map(PlatformCertificate::serialNo).orElse(platformPublicKeyId);
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
