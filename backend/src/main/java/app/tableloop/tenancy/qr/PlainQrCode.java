package app.tableloop.tenancy.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * An ordinary QR code as a square black-on-white PNG, for stores whose mini-program opens from a scanned link
 * (WeChat's "scan ordinary QR code to open mini-program" rule): made here, so it costs no WeChat quota.
 */
public final class PlainQrCode {
  public static final int MIN_PIXELS = 128;
  public static final int MAX_PIXELS = 2048;

  /** Level Q (25% of the code may be lost): table codes get splashed, scratched and glare under lamination. */
  static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.Q;
  /** The white border of four modules the QR specification asks for; scanners find the code by it. */
  static final int QUIET_ZONE_MODULES = 4;
  /** Below two pixels a module, printing and camera blur merge neighbouring modules. */
  private static final int MIN_PIXELS_PER_MODULE = 2;

  private PlainQrCode() {
  }

  /**
   * The PNG of a QR code for {@code text}, exactly {@code pixels} wide and high. Modules are whole pixels, so the
   * code is sharp; what is left over widens the quiet zone.
   *
   * @throws IllegalArgumentException for blank text, a size outside {@value #MIN_PIXELS}..{@value #MAX_PIXELS}, or
   *                                  text too long to fit that size legibly
   */
  public static byte[] png(String text, int pixels) {
    return toPng(image(text, pixels));
  }

  static BufferedImage image(String text, int pixels) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a QR code needs some text");
    }
    if (pixels < MIN_PIXELS || pixels > MAX_PIXELS) {
      throw new IllegalArgumentException("a QR code is " + MIN_PIXELS + " to " + MAX_PIXELS + " pixels wide, not "
          + pixels);
    }
    ByteMatrix modules = encode(text).getMatrix();
    int side = modules.getWidth();
    int moduleSize = pixels / (side + 2 * QUIET_ZONE_MODULES);
    if (moduleSize < MIN_PIXELS_PER_MODULE) {
      throw new IllegalArgumentException("text of " + text.length() + " characters needs a QR code of " + side
          + " modules, too many for " + pixels + " pixels; shorten it or ask for a larger image");
    }
    int offset = (pixels - side * moduleSize) / 2;
    BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, pixels, pixels);
      g.setColor(Color.BLACK);
      for (int row = 0; row < side; row++) {
        for (int column = 0; column < side; column++) {
          if (modules.get(column, row) == 1) {
            g.fillRect(offset + column * moduleSize, offset + row * moduleSize, moduleSize, moduleSize);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static QRCode encode(String text) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    // ASCII stays in plain byte mode; anything else is declared UTF-8 (an ECI), which WeChat and phones read.
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return Encoder.encode(text, ERROR_CORRECTION, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("text of " + text.length() + " characters does not fit in a QR code", e);
    }
  }

  static byte[] toPng(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "PNG", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a PNG to memory", e);
    }
    return png.toByteArray();
  }
}
