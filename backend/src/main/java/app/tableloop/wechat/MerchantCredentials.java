package app.tableloop.wechat;

/**
 * What a WeChat Pay merchant signs and verifies with (API v3): the merchant id, the merchant's RSA private key (PEM)
 * and its certificate serial, the API v3 key (AES-256-GCM for notifications), and WeChat Pay's public key (PEM)
 * with its id, which verifies WeChat Pay's responses and notifications.
 */
public record MerchantCredentials(
    String mchId,
    String privateKeyPem,
    String certificateSerial,
    String apiV3Key,
    String payPublicKeyId,
    String payPublicKeyPem) {

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "MerchantCredentials[mchId=" + mchId + ", certificateSerial=" + certificateSerial
        + ", payPublicKeyId=" + payPublicKeyId + "]";
  }
}
