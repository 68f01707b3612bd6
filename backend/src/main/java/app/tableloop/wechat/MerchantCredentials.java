package app.tableloop.wechat;

import java.util.Optional;

/**
 * What a WeChat Pay merchant signs and verifies with (API v3): the merchant id, the merchant's RSA private key (PEM)
 * and its certificate serial, the API v3 key (AES-256-GCM for notifications and platform certificates), and how
 * WeChat Pay's responses and notifications are verified.
 *
 * @param payPublicKey WeChat Pay's public key; empty for platform-certificate mode, where WxJava downloads WeChat
 *                     Pay's platform certificates (decrypted with the API v3 key) and refreshes them itself
 */
public record MerchantCredentials(
    String mchId,
    String privateKeyPem,
    String certificateSerial,
    String apiV3Key,
    Optional<PayPublicKey> payPublicKey) {

  /**
   * WeChat Pay's public key (PEM) and its id ({@code PUB_KEY_ID_...}), the serial its signatures then carry.
   */
  public record PayPublicKey(String id, String pem) {
    @Override
    public String toString() {
      return "PayPublicKey[id=" + id + "]";
    }
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "MerchantCredentials[mchId=" + mchId + ", certificateSerial=" + certificateSerial + ", verifiedWith="
        + payPublicKey.map(key -> "public key " + key.id()).orElse("platform certificates") + "]";
  }
}
