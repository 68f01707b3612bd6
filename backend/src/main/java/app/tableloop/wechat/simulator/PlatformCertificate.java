package app.tableloop.wechat.simulator;

import app.tableloop.wechat.Pem;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A WeChat Pay platform certificate for the simulator's platform key: what merchants without a WeChat Pay public key
 * download from {@code /v3/certificates} and verify WeChat Pay's signatures with, by its serial. WeChat Pay's are
 * issued by Tenpay's CA for five years; merchants check only the validity and the serial, so this one is self-signed.
 *
 * @param serialNo the serial number as WeChat Pay writes it (upper-case hex) in serial_no and Wechatpay-Serial
 */
record PlatformCertificate(X509Certificate certificate, String serialNo) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LIFETIME = Duration.ofDays(5 * 365);
  private static final X500Name SUBJECT =
      new X500Name("CN=WeChat Pay platform (simulated), O=TableLoop WeChat simulator, C=CN");

  /** Valid from a minute before {@code now} (clocks differ a little) for five years. */
  static PlatformCertificate issue(KeyPair platformKeys, Instant now) {
    // 40 hex digits, as WeChat Pay's serials have, and positive as X.509 requires.
    BigInteger serial = new BigInteger(156, RANDOM).setBit(156);
    Instant from = now.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
    try {
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          new JcaX509v3CertificateBuilder(SUBJECT, serial, Date.from(from), Date.from(from.plus(LIFETIME)), SUBJECT,
              platformKeys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(platformKeys.getPrivate())));
      return new PlatformCertificate(certificate, serial.toString(16).toUpperCase(Locale.ROOT));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue the platform certificate", e);
    }
  }

  String pem() {
    try {
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Instant effective() {
    return certificate.getNotBefore().toInstant();
  }

  Instant expires() {
    return certificate.getNotAfter().toInstant();
  }
}
