package app.tableloop.tenancy.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CodeArtworkTest {

  @Test
  void aWhiteBorderIsCutAwayDownToTheInk() {
    BufferedImage bordered = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = bordered.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 300, 200);
    g.setColor(new Color(0xE6, 0x00, 0x12));
    g.fillRect(40, 30, 120, 100);
    g.dispose();

    BufferedImage trimmed = CodeArtwork.trimmedToInk(bordered);

    assertThat(trimmed.getWidth()).isEqualTo(120);
    assertThat(trimmed.getHeight()).isEqualTo(100);
  }

  @Test
  void aCodeOnATransparentBackgroundKeepsItsTransparency() {
    BufferedImage hyaline = new BufferedImage(430, 430, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = hyaline.createGraphics();
    g.setColor(Color.BLACK);
    g.fillOval(50, 60, 300, 300);
    g.dispose();

    BufferedImage trimmed = CodeArtwork.trimmedToInk(hyaline);

    assertThat(trimmed.getWidth()).isBetween(299, 301);
    assertThat(trimmed.getHeight()).isBetween(299, 301);
    assertThat(trimmed.getColorModel().hasAlpha()).isTrue();
    assertThat(trimmed.getRGB(0, 0) >>> 24).as("corner outside the disc").isZero();
  }

  @Test
  void anImageWithoutInkIsKeptWhole() {
    BufferedImage blank = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = blank.createGraphics();
    g.setColor(new Color(250, 250, 250));
    g.fillRect(0, 0, 64, 48);
    g.dispose();

    assertThat(CodeArtwork.trimmedToInk(blank)).isSameAs(blank);
  }
}
