package app.tableloop.wechat;

import java.util.Base64;

/** Writes keys in the PEM form WeChat Pay hands out and WxJava reads. */
public final class Pem {
  private Pem() {
  }

  /** {@code type} is e.g. "PRIVATE KEY" (PKCS#8) or "PUBLIC KEY" (X.509 SubjectPublicKeyInfo). */
  public static String encode(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
