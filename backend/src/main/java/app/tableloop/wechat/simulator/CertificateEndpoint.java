package app.tableloop.wechat.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v3/certificates}: WeChat Pay's platform certificates, each PEM encrypted with the merchant's API v3 key
 * (AEAD_AES_256_GCM, associated data "certificate"), so that only the merchant can read them, and the answer signed
 * like every other.
 */
final class CertificateEndpoint {
  private final SimulatedAccount account;
  private final SignedReplies replies;

  CertificateEndpoint(SimulatedAccount account, SignedReplies replies) {
    this.account = account;
    this.replies = replies;
  }

  void mount(Router router) {
    router.get("/v3/certificates").handler(this::list);
  }

  private void list(RoutingContext rc) {
    if (account.platformCertificate.isEmpty()) {
      // Merchants created since 2024 have WeChat Pay public keys and no platform certificates: answering 404 here
      // is what makes WxJava verify with the public key alone.
      replies.reject(rc, PayRejection.of(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书"));
      return;
    }
    PlatformCertificate certificate = account.platformCertificate.get();
    String nonce = PayCrypto.nonce(12);
    replies.json(rc, 200, new JsonObject().put("data", new JsonArray().add(new JsonObject()
        .put("serial_no", certificate.serialNo())
        .put("effective_time", PayJson.time(certificate.effective()))
        .put("expire_time", PayJson.time(certificate.expires()))
        .put("encrypt_certificate", new JsonObject()
            .put("algorithm", "AEAD_AES_256_GCM")
            .put("nonce", nonce)
            .put("associated_data", "certificate")
            .put("ciphertext", PayCrypto.encrypt(account.apiV3Key, nonce, "certificate", certificate.pem()))))));
  }
}
