package app.tableloop.wechat.simulator;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Signs what WeChat Pay sends, API answers and notifications alike, with its private key: SHA256withRSA over
 * {@code timestamp\nnonce\nbody\n}, carried in the Wechatpay-* headers with the public key id or the platform
 * certificate's serial as the serial.
 */
final class PlatformSigner {
  private final Vertx vertx;
  private final SimulatedAccount account;
  private final Clock clock;

  PlatformSigner(Vertx vertx, SimulatedAccount account, Clock clock) {
    this.vertx = vertx;
    this.account = account;
    this.clock = clock;
  }

  /**
   * Signed as of now, on a worker thread: an RSA signature takes a millisecond or more, and the simulator shares its
   * event loops with the service it stands in for, whose requests would otherwise wait behind WeChat Pay's signing.
   */
  Future<Signed> sign(String body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = PayCrypto.nonce(32);
    return vertx.executeBlocking(() -> new Signed(timestamp, nonce, PayCrypto.sign(account.platformKeys.getPrivate(),
        timestamp + "\n" + nonce + "\n" + body + "\n"), account.platformSerial()), false);
  }

  record Signed(String timestamp, String nonce, String signature, String serial) {
    void addTo(MultiMap headers) {
      headers.set("Wechatpay-Timestamp", timestamp)
          .set("Wechatpay-Nonce", nonce)
          .set("Wechatpay-Signature", signature)
          .set("Wechatpay-Serial", serial)
          .set("Wechatpay-Signature-Type", MerchantAuthentication.SCHEMA);
    }
  }
}
