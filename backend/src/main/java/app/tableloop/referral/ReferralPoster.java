package app.tableloop.referral;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A member's referral poster: the store's name, the offer in a line, and the mini-program code to scan. */
final class ReferralPoster {
  static final int WIDTH = 600;
  static final int HEIGHT = 900;
  private static final int CODE_SIZE = 430;

  private ReferralPoster() {
  }

  /** The poster as PNG; blocking (image work), so run off the event loop. */
  static byte[] render(String storeName, byte[] codePng) {
    try {
      BufferedImage code = ImageIO.read(new ByteArrayInputStream(codePng));
      if (code == null) {
        throw new IOException("the mini-program code is not an image");
      }
      BufferedImage poster = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = poster.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(new Color(0xFFF4E8));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0xE0620D));
        g.fillRect(0, 0, WIDTH, 220);
        g.setColor(Color.WHITE);
        centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 44), storeName, 110);
        centred(g, new Font(Font.SANS_SERIF, Font.PLAIN, 30), "邀请有礼 · 新会员专享优惠", 175);
        int left = (WIDTH - CODE_SIZE) / 2;
        g.drawImage(code, left, 280, CODE_SIZE, CODE_SIZE, null);
        g.setColor(new Color(0x5A4A3A));
        centred(g, new Font(Font.SANS_SERIF, Font.PLAIN, 26), "微信扫码，加入会员领券", 790);
      } finally {
        g.dispose();
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(poster, "png", png);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void centred(Graphics2D g, Font font, String text, int baseline) {
    g.setFont(font);
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, Math.max(10, (WIDTH - metrics.stringWidth(text)) / 2), baseline);
  }
}
